/**
 * Where hosts live: in id order (for pages, without a sort), by id, by inner IP (made when first
 * asked), and counted per IDC and per host type (an IDC or type in use cannot be deleted). Every
 * operation costs the same with 12 hosts or 20,000.
 */
import type { HostRecord } from './fakes/hosts.js';

export class HostStore {
  private hostList: HostRecord[] = [];
  private hostById = new Map<number, HostRecord>();
  /** Hosts per IDC and per host type, kept with every change. */
  private readonly using = { idc: new Map<number, number>(), type: new Map<number, number>() };
  /** Hosts by inner IP: made when first asked (adding hosts), then kept up to date. */
  private hostByAddress: Map<string, HostRecord> | undefined;

  /** Every host, in id order. */
  hosts(): readonly HostRecord[] {
    return this.hostList;
  }
  host(id: number): HostRecord | undefined {
    return this.hostById.get(id);
  }
  /** Adds hosts, keeping `hosts()` in id order. */
  addHosts(hosts: readonly HostRecord[]): void {
    // Added hosts take the next ids: appended in place, the list stays in id order (O(1) a host, with
    // any number stored). Readers never hold the list across a turn of the event loop.
    for (const h of hosts) {
      const last = this.hostList[this.hostList.length - 1];
      this.hostList.push(h);
      if (last && last.id > h.id) this.hostList.sort((a, b) => a.id - b.id);
      this.hostById.set(h.id, h);
      this.hostByAddress?.set(h.innerIpAddress, h);
      this.count(h, 1);
    }
  }
  private count(h: HostRecord, delta: number): void {
    this.using.idc.set(h.idcId, (this.using.idc.get(h.idcId) ?? 0) + delta);
    this.using.type.set(h.typeId, (this.using.type.get(h.typeId) ?? 0) + delta);
  }
  /** How many hosts are in this IDC, or of this host type. */
  hostsUsing(kind: 'idc' | 'type', id: number): number {
    return this.using[kind].get(id) ?? 0;
  }
  /** Removes these hosts (their tasks stay). */
  removeHosts(ids: ReadonlySet<number>): void {
    // A few hosts: each cut out where a binary search finds it (the list is in id order); many: one pass.
    if (ids.size > 64) this.hostList = this.hostList.filter((h) => !ids.has(h.id));
    else for (const id of ids) this.cutOut(id);
    const freed = new Set<string>();
    for (const id of ids) {
      const host = this.hostById.get(id);
      if (host) this.count(host, -1);
      this.hostById.delete(id);
      if (host && this.hostByAddress?.get(host.innerIpAddress) === host) {
        this.hostByAddress.delete(host.innerIpAddress);
        freed.add(host.innerIpAddress);
      }
    }
    // Seeded hosts may share an address (drawn at random): another one keeps it (one pass, as the filter above).
    if (freed.size > 0) for (const h of this.hostList) if (freed.has(h.innerIpAddress)) this.hostByAddress?.set(h.innerIpAddress, h);
  }
  private cutOut(id: number): void {
    let lo = 0;
    let hi = this.hostList.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = (this.hostList[mid] as HostRecord).id;
      if (at === id) {
        this.hostList.splice(mid, 1);
        return;
      }
      if (at < id) lo = mid + 1;
      else hi = mid - 1;
    }
  }
  /** A host with this inner IP address, if any. */
  hostWithAddress(ip: string): HostRecord | undefined {
    if (!this.hostByAddress) this.hostByAddress = new Map(this.hostList.map((h) => [h.innerIpAddress, h]));
    return this.hostByAddress.get(ip);
  }
  /** The hosts are these now. */
  clear(hosts: HostRecord[]): void {
    this.hostList = hosts;
    this.hostById = new Map(hosts.map((h) => [h.id, h]));
    this.hostByAddress = undefined;
    this.using.idc.clear();
    this.using.type.clear();
    for (const h of hosts) this.count(h, 1);
  }
}
