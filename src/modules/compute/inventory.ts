/**
 * The regions, IDCs and host types (ocp-docs/host/100-1200): the seed's, and those created and
 * deleted through the API. A slice of the world: its `inventory` commands are what the state file
 * keeps, and a compaction writes the inventory as it differs from the seed's.
 */
import { OcpError } from '../../contract/errors.js';
import { commandDef, type RankedCommands, type StateSlice } from '../../core/commands.js';
import type { World } from '../../core/world.js';
import { InventoryCommand } from './commands.js';
import { generateInventory, type IdcRecord, type Inventory, type RegionRecord } from './fakes/inventory.js';
import type { HostStore } from './hostStore.js';
import { InventoryIndex } from './inventoryIndex.js';

/** How errors name each kind of inventory record. */
const KIND_NAMES = { regions: 'region', idcs: 'IDC', hostTypes: 'host type' } as const;

export type InventoryKind = keyof Inventory;

export class InventoryState implements StateSlice {
  private index = new InventoryIndex({ regions: [], idcs: [], hostTypes: [] });
  /** The clock's start the seed's records were dated from (a compaction compares with them). */
  private seededAt = 0;

  readonly commands = { inventory: commandDef(InventoryCommand, (c) => this.apply(c)) };

  constructor(
    private readonly world: World,
    private readonly hosts: HostStore,
  ) {}

  reset(): void {
    this.seededAt = this.world.clock.anchor().simStart;
    // Dated from the clock's start, so a restart rebuilds them byte for byte.
    this.index = new InventoryIndex(generateInventory(this.world.seed, this.seededAt));
  }

  /** The regions, IDCs and host types, each in id order. */
  get lists(): Readonly<Inventory> {
    return this.index.lists;
  }

  /** The record with this id, if there is one. */
  find<K extends InventoryKind>(kind: K, id: number): Inventory[K][number] | undefined {
    return this.index.find(kind, id);
  }

  /** The record with this id, or OCP's 404 (COM10002, *inferred* for these). */
  record<K extends InventoryKind>(kind: K, id: number): Inventory[K][number] {
    const found = this.index.find(kind, id);
    if (!found) throw new OcpError('noRecords', [KIND_NAMES[kind], `id=${id}`]);
    return found;
  }

  /** How many IDCs a region has. */
  idcsIn(regionId: number): number {
    return this.index.idcsIn(regionId);
  }

  /**
   * Creates a region, IDC or host type (ids from 1000001 on, as OCP's samples show for created
   * ones). A taken name is 400 COM10006; an IDC's unknown region 404 COM10002 (both *inferred*).
   */
  create(kind: InventoryKind, fields: { name: string; description?: string; regionId?: number }): RegionRecord | IdcRecord {
    if (kind === 'idcs') this.record('regions', fields.regionId as number);
    if (this.index.nameTaken(kind, fields.name, fields.regionId)) throw new OcpError('nameTaken', [KIND_NAMES[kind], `name=${fields.name}`]);
    const id = Math.max(1_000_000, this.index.lastId(kind)) + 1;
    const command: InventoryCommand = {
      c: 'inventory',
      at: this.world.now(),
      action: 'create',
      kind,
      id,
      name: fields.name,
      description: fields.description ?? null,
      regionId: fields.regionId,
    };
    return this.world.commit(command) as RegionRecord;
  }

  /** Deletes a region (none of its IDCs left), an IDC or a host type (no host on it): else 400 CMP07000 (*inferred*). */
  delete(kind: InventoryKind, id: number): void {
    const record = this.record(kind, id);
    const inUse = kind === 'regions' ? this.index.idcsIn(id) > 0 : this.hosts.hostsUsing(kind === 'idcs' ? 'idc' : 'type', id) > 0;
    if (inUse) throw new OcpError('hasSubResources', [KIND_NAMES[kind], record.name]);
    this.world.commit({ c: 'inventory', at: this.world.now(), action: 'delete', kind, id } satisfies InventoryCommand);
  }

  private apply(command: InventoryCommand): RegionRecord | undefined {
    if (command.action === 'delete') {
      this.index.remove(command.kind, command.id);
      return undefined;
    }
    const record: RegionRecord | IdcRecord = {
      id: command.id,
      name: command.name ?? '',
      description: command.description ?? null,
      createTime: Math.floor(command.at / 1000) * 1000,
      updateTime: Math.floor(command.at / 1000) * 1000,
      ...(command.kind === 'idcs' ? { regionId: command.regionId as number } : {}),
    };
    // Ids only grow (a state file replays them in the order they were given).
    this.index.add(command.kind, record);
    return record;
  }

  liveBound(): number {
    const { regions, idcs, hostTypes } = this.index.lists;
    return regions.length + idcs.length + hostTypes.length;
  }

  /** The inventory as it differs from the seed's: seeded records deleted, records created. */
  live(now: number): RankedCommands[] {
    const out: InventoryCommand[] = [];
    const seeded = generateInventory(this.world.seed, this.seededAt);
    for (const kind of ['regions', 'idcs', 'hostTypes'] as const) {
      const kept = new Set(this.index.lists[kind].map((r) => r.id));
      for (const r of seeded[kind]) if (!kept.has(r.id)) out.push({ c: 'inventory', at: now, action: 'delete', kind, id: r.id });
      const born = new Set(seeded[kind].map((r) => r.id));
      for (const r of this.index.lists[kind]) {
        if (born.has(r.id)) continue;
        const regionId = (r as IdcRecord).regionId;
        out.push({
          c: 'inventory',
          at: r.createTime,
          action: 'create',
          kind,
          id: r.id,
          name: r.name,
          description: r.description,
          ...(regionId ? { regionId } : {}),
        });
      }
    }
    return [{ rank: 20, commands: out }];
  }
}
