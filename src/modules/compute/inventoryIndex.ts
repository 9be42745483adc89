/**
 * The regions, IDCs and host types as they are now, indexed so that a lookup by id and a check
 * of a taken name cost the same with 3 records or 100,000: the lists in id order (for pages), a
 * map by id, the names taken (an IDC's name is taken within its region) and IDCs per region.
 */
import type { IdcRecord, Inventory, RegionRecord } from './fakes/inventory.js';

type Kind = keyof Inventory;
const KINDS: readonly Kind[] = ['regions', 'idcs', 'hostTypes'];

function nameKey(kind: Kind, name: string, regionId: number | undefined): string {
  return kind === 'idcs' ? `${regionId}\u0000${name}` : name;
}

export class InventoryIndex {
  private readonly byId = new Map<Kind, Map<number, RegionRecord>>();
  private readonly names = new Map<Kind, Set<string>>();
  /** IDCs per region (a region with IDCs cannot be deleted). */
  private readonly idcsPerRegion = new Map<number, number>();

  constructor(readonly lists: Inventory) {
    for (const kind of KINDS) {
      this.byId.set(kind, new Map(lists[kind].map((r) => [r.id, r])));
      this.names.set(kind, new Set(lists[kind].map((r) => nameKey(kind, r.name, (r as IdcRecord).regionId))));
    }
    for (const idc of lists.idcs) this.countIdc(idc.regionId, 1);
  }

  private countIdc(regionId: number, delta: number): void {
    this.idcsPerRegion.set(regionId, (this.idcsPerRegion.get(regionId) ?? 0) + delta);
  }

  /** How many IDCs the region has. */
  idcsIn(regionId: number): number {
    return this.idcsPerRegion.get(regionId) ?? 0;
  }

  find<K extends Kind>(kind: K, id: number): Inventory[K][number] | undefined {
    return this.byId.get(kind)?.get(id) as Inventory[K][number] | undefined;
  }

  nameTaken(kind: Kind, name: string, regionId?: number): boolean {
    return this.names.get(kind)?.has(nameKey(kind, name, regionId)) ?? false;
  }

  /** The highest id of a kind (the lists are in id order). */
  lastId(kind: Kind): number {
    return this.lists[kind].at(-1)?.id ?? 0;
  }

  /** Adds a record whose id is above every other of its kind (ids only grow), keeping the id order. */
  add(kind: Kind, record: RegionRecord): void {
    (this.lists[kind] as RegionRecord[]).push(record);
    this.byId.get(kind)?.set(record.id, record);
    this.names.get(kind)?.add(nameKey(kind, record.name, (record as IdcRecord).regionId));
    if (kind === 'idcs') this.countIdc((record as IdcRecord).regionId, 1);
  }

  remove(kind: Kind, id: number): void {
    const record = this.find(kind, id);
    if (!record) return;
    const list = this.lists[kind] as RegionRecord[];
    // The list is in id order: a binary search finds the record.
    let lo = 0;
    let hi = list.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((list[mid] as RegionRecord).id < id) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 1);
    this.byId.get(kind)?.delete(id);
    this.names.get(kind)?.delete(nameKey(kind, record.name, (record as IdcRecord).regionId));
    if (kind === 'idcs') this.countIdc((record as IdcRecord).regionId, -1);
  }
}
