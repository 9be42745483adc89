/**
 * OCP's OB tenants as their calls see them: each cluster's tenants, their resource pools and units
 * on the cluster's OB servers, and what those units use of each server. The seeded tenants are
 * regenerated from the seeded clusters at every reset (and restore), as the clusters are from the
 * hosts; this slice is registered after the cluster module's, so a reset finds the clusters made.
 *
 * Everything follows the tasks, as the cluster module's statuses do: a tenant operation's task is
 * its tenant's `pending` one; while it runs the tenant reads the operation's `during` status
 * (CREATING, MODIFYING, DELETING), once it has succeeded `after` (NORMAL) and its change is
 * committed (changes.ts), once rolled back what it made goes again; a failed task leaves what the
 * tenant read before. One operation at a time: the next is refused while the last has not ended
 * for good (OBE21005, *inferred*). Folding is a pure function of the task and the instant, so a
 * state file's replay folds the same way; a compaction writes the records as they are
 * (`obTenants`, after the clusters' and before the tasks).
 *
 * The cluster module below does not know this one: this one tells it (`useTenants`) how many
 * tenants a cluster holds and what a cluster, zone or server delete would take from them, and hears
 * from it what its tasks made and unmade: a created cluster gets its sys tenant, the units on a
 * removed server move to another server of the zone that can hold them (or go, if none can).
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { OcpError } from '../../contract/errors.js';
import { type Command, commandDef, type RankedCommands, type StateSlice } from '../../core/commands.js';
import type { Tasks } from '../../core/tasks.js';
import type { World } from '../../core/world.js';
import type { TaskRecord, TaskView } from '../../engine/index.js';
import type { ObClusterRecord, ObClusters, ObServerRecord } from '../obCluster/index.js';
import { add, type Candidate, placeUnits, type Resources, serverCapacity, unitDemand } from './capacity.js';
import { addedUnitIds, begin, type TenantChange as Change, commit, TenantChange, type TenantRecords, undo } from './changes.js';
import {
  firstIds,
  generateTenants,
  type PoolRecord,
  sysTenantOf,
  type TenantIds,
  type TenantRecord,
  trialOf,
  type UnitRecord,
  type Usage,
  usageOf,
} from './fakes/tenants.js';
import { TENANT_OPERATIONS, type TenantOperation } from './operations.js';
import { TenantEditCommand, TenantSnapshot } from './snapshot.js';

interface Pending {
  task: TaskRecord;
  decl: TenantOperation;
  change?: Change;
}

const OPERATION_BY_ID = new Map<string, TenantOperation>(Object.values(TENANT_OPERATIONS).map((o) => [o.operation.id, o]));

/** The digest kept of a tenant's administrator password (salted with the tenant). */
export const passwordDigest = (tenantId: number, password: string) => createHash('sha256').update(`ocp-mock:tenant:${tenantId}:${password}`).digest('hex');

export class ObTenants implements StateSlice {
  readonly commands = {
    obTenants: commandDef(TenantSnapshot, (c) => this.applySnapshot(c)),
    tenantEdit: commandDef(TenantEditCommand, (c) => this.applyEdit(c)),
  };
  private byId = new Map<number, TenantRecord>();
  /** Every tenant in id order, kept as tenants come and go, so the plain list pages without a sort. */
  private ordered: TenantRecord[] = [];
  /** Each cluster's tenants, in id order. */
  private byCluster = new Map<number, TenantRecord[]>();
  private usage: Usage = new Map();
  private pending = new Map<number, Pending>();
  private next: TenantIds = firstIds();
  private changed = false;
  private readonly records: TenantRecords = {
    find: (id) => this.byId.get(id),
    add: (t) => this.addTenant(t),
    remove: (t) => this.removeTenant(t),
    unitsAdded: (pool, units) => this.unitsAdded(pool, units),
    unitsRemoved: (pool, units) => this.unitsRemoved(pool, units),
  };

  constructor(
    readonly world: World,
    readonly clusters: ObClusters,
    readonly tasks: Tasks,
  ) {
    for (const o of OPERATION_BY_ID.values()) tasks.declare(o.operation);
    tasks.onSubmit((record) => this.follow(record));
    clusters.useTenants(
      {
        tenantCount: (clusterId) => this.tenantsOf(clusterId).length,
        refuseRemoval: (cluster, what) => this.refuseRemoval(cluster, what),
      },
      {
        clusterAdded: (c) => this.clusterAdded(c),
        clusterRemoved: (c) => this.clusterRemoved(c),
        serversRemoved: (c, servers) => this.serversRemoved(c, servers),
      },
    );
    world.use(this);
  }

  reset(): void {
    const { tenants, ids, usage } = generateTenants(this.world.seed, this.clusters.clusters());
    this.setTenants(tenants, usage);
    this.next = ids;
    this.pending.clear();
    this.changed = false;
  }

  private setTenants(tenants: readonly TenantRecord[], usage?: Usage): void {
    this.byId = new Map(tenants.map((t) => [t.id, t]));
    this.ordered = [...tenants].sort((a, b) => a.id - b.id);
    this.byCluster = new Map();
    for (const t of this.ordered) {
      const list = this.byCluster.get(t.clusterId);
      if (list) list.push(t);
      else this.byCluster.set(t.clusterId, [t]);
    }
    if (usage) this.usage = usage;
    else {
      this.usage = new Map();
      for (const t of tenants) for (const p of t.pools) this.use(p, p.units, 1);
    }
  }

  // ---- records and usage ----

  private use(pool: PoolRecord, units: readonly UnitRecord[], sign: number): void {
    const need = unitDemand(pool.unitConfig);
    for (const u of units) this.usage.set(u.serverId, add(usageOf(this.usage, u.serverId), need, sign));
  }

  private unitsAdded(pool: PoolRecord, units: readonly UnitRecord[]): void {
    const fresh = units.filter((u) => !pool.units.some((x) => x.id === u.id));
    pool.units.push(...fresh);
    this.use(pool, fresh, 1);
  }

  private unitsRemoved(pool: PoolRecord, units: readonly UnitRecord[]): void {
    const gone = pool.units.filter((u) => units.some((x) => x.id === u.id));
    pool.units = pool.units.filter((u) => !gone.includes(u));
    this.use(pool, gone, -1);
  }

  private addTenant(t: TenantRecord): void {
    if (this.byId.has(t.id)) return;
    this.byId.set(t.id, t);
    // Ids rise as tenants are made: an append, but for a replay that brings one back out of order.
    const at = this.ordered.length === 0 || (this.ordered[this.ordered.length - 1] as TenantRecord).id < t.id ? this.ordered.length : this.position(t.id);
    this.ordered.splice(at, 0, t);
    // A cluster's list stays in id order: an append but for a replay out of order.
    const list = this.byCluster.get(t.clusterId) ?? [];
    list.push(t);
    if (list.length > 1 && (list[list.length - 2] as TenantRecord).id > t.id) list.sort((a, b) => a.id - b.id);
    this.byCluster.set(t.clusterId, list);
    for (const p of t.pools) this.use(p, p.units, 1);
    this.noteIds(t.pools, t.id);
  }

  private removeTenant(t: TenantRecord): void {
    if (this.byId.get(t.id) !== t) return;
    this.byId.delete(t.id);
    this.ordered.splice(this.position(t.id), 1);
    const rest = (this.byCluster.get(t.clusterId) ?? []).filter((x) => x !== t);
    if (rest.length) this.byCluster.set(t.clusterId, rest);
    else this.byCluster.delete(t.clusterId);
    for (const p of t.pools) this.use(p, p.units, -1);
    this.pending.delete(t.id);
  }

  /** The ids a change hands out are taken, made or not (a replay over a snapshot may find them made). */
  private noteIds(pools: readonly PoolRecord[], tenantId?: number): void {
    if (tenantId !== undefined) this.next.tenantId = Math.max(this.next.tenantId, tenantId + 1);
    for (const p of pools) {
      this.next.poolId = Math.max(this.next.poolId, p.id + 1);
      this.noteUnitIds(p.units);
    }
  }

  private noteUnitIds(units: readonly UnitRecord[]): void {
    for (const u of units) this.next.unitId = Math.max(this.next.unitId, u.id + 1);
  }

  // ---- what the cluster module tells ----

  private clusterAdded(c: ObClusterRecord): void {
    if (this.tenantsOf(c.id, false).some((t) => t.name === 'sys')) return;
    const sys = sysTenantOf(c, this.next, new Map(), c.createTime);
    this.addTenant(sys);
    this.changed = true;
  }

  private clusterRemoved(c: ObClusterRecord): void {
    for (const t of [...(this.byCluster.get(c.id) ?? [])]) this.removeTenant(t);
    this.changed = true;
  }

  /**
   * The units on removed servers move to the zone's other RUNNING servers that hold no unit of
   * their pool and can take them (the most free memory first); a unit none can take goes, and its
   * pool counts one unit fewer (*inferred*; a server delete is refused up front where the rest
   * cannot hold a tenant's units, so this only drops a unit when room ran out meanwhile). A pool
   * left with no zone goes (the sys tenant's, in a deleted zone).
   */
  private serversRemoved(c: ObClusterRecord, servers: readonly ObServerRecord[]): void {
    const gone = new Set(servers.map((s) => s.id));
    for (const t of this.byCluster.get(c.id) ?? []) {
      for (const pool of [...t.pools]) {
        const zone = c.zones.find((z) => z.name === pool.zoneName);
        const stranded = pool.units.filter((u) => gone.has(u.serverId));
        if (stranded.length === 0 && zone) continue;
        this.unitsRemoved(pool, stranded);
        for (const u of stranded) {
          const holding = new Set(pool.units.map((x) => x.serverId));
          const candidates = this.candidates(zone?.servers.filter((s) => !gone.has(s.id) && s.status === 'RUNNING' && !holding.has(s.id)) ?? []);
          try {
            const [serverId] = placeUnits(candidates, 1, unitDemand(pool.unitConfig));
            this.unitsAdded(pool, [{ ...u, serverId: serverId as number }]);
          } catch {
            pool.unitCount = Math.max(0, pool.unitCount - 1);
          }
        }
        if (!zone) t.pools = t.pools.filter((p) => p !== pool);
      }
    }
    this.changed = true;
  }

  /** Whether what a cluster delete removes holds what tenants need: OCP's refusal if so. */
  private refuseRemoval(
    cluster: ObClusterRecord,
    what: { kind: 'cluster' } | { kind: 'zone'; zoneName: string } | { kind: 'servers'; serverIds: readonly number[] },
  ): void {
    const users = this.tenantsOf(cluster.id).filter((t) => t.name !== 'sys');
    if (what.kind === 'cluster') {
      // A standby's tenants are its primary's, replicated: they go with it (*inferred*).
      if (users.length > 0 && cluster.type === 'PRIMARY')
        throw new OcpError('clusterHasTenants', ['OB_CLUSTER', `${cluster.name} (tenants ${users.map((t) => t.name).join(', ')})`]);
      return;
    }
    if (what.kind === 'zone') {
      if (users.some((t) => t.pools.some((p) => p.zoneName === what.zoneName))) throw new OcpError('zoneHoldsUnits', [what.zoneName]);
      return;
    }
    // Servers: every tenant's units on them must fit on what is left of their zone.
    const gone = new Set(what.serverIds);
    const trial = trialOf(this.usage);
    for (const t of this.tenantsOf(cluster.id)) {
      for (const pool of t.pools) {
        const stranded = pool.units.filter((u) => gone.has(u.serverId));
        if (stranded.length === 0) continue;
        const zone = cluster.zones.find((z) => z.name === pool.zoneName);
        const holding = new Set(pool.units.filter((u) => !gone.has(u.serverId)).map((u) => u.serverId));
        const left = (zone?.servers ?? []).filter((s) => !gone.has(s.id) && s.status === 'RUNNING' && !holding.has(s.id));
        const need = unitDemand(pool.unitConfig);
        try {
          const ids = placeUnits(this.candidates(left, trial), stranded.length, need);
          for (const id of ids) trial.set(id, add(usageOf(trial, id), need));
        } catch {
          throw new OcpError('serversHoldUnits', [t.name, pool.zoneName]);
        }
      }
    }
  }

  /** Servers as placement candidates: what each has free under `usage`. */
  candidates(servers: readonly ObServerRecord[], usage: Usage = this.usage): Candidate[] {
    return servers.map((s) => ({ serverId: s.id, free: add(serverCapacity(s.hostTypeName), usageOf(usage, s.id), -1) }));
  }

  // ---- reads ----

  /** Where a tenant of this id is (or would go) in `ordered`: a binary search. */
  private position(id: number): number {
    let lo = 0;
    let hi = this.ordered.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.ordered[mid] as TenantRecord).id < id) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Every tenant, in id order (settled first). Not a copy: not to be changed. */
  all(): readonly TenantRecord[] {
    this.settle(this.world.now());
    return this.ordered;
  }

  /** A cluster's tenants, in id order. */
  tenantsOf(clusterId: number, settle = true): readonly TenantRecord[] {
    if (settle) this.settle(this.world.now());
    return this.byCluster.get(clusterId) ?? [];
  }

  /** The tenant of this id in the cluster (404 OBE11001 for the cluster, OBE21003 for the tenant). */
  tenant(clusterId: number, tenantId: number): { cluster: ObClusterRecord; tenant: TenantRecord } {
    const cluster = this.clusters.cluster(clusterId);
    this.settle(this.world.now());
    const tenant = this.byId.get(tenantId);
    if (!tenant || tenant.clusterId !== cluster.id) throw new OcpError('tenantNotFound', [tenantId]);
    return { cluster, tenant };
  }

  /** What the tenant reads now: a running task's status over the record's; the sys tenant of a cluster being created reads CREATING. */
  statusOf(t: TenantRecord, now = this.world.now()): string {
    const p = this.pending.get(t.id);
    if (p && this.tasks.views.at(p.task, now).status === 'RUNNING') return p.decl.statuses.during;
    if (t.name === 'sys' && this.clusters.findCluster(t.clusterId)?.status === 'CREATING') return 'CREATING';
    return t.status;
  }

  /** The units a tenant lists now: those a task still running adds are left out until its `unitsShowAfter` node has succeeded. */
  visibleUnits(t: TenantRecord, pool: PoolRecord, now = this.world.now()): readonly UnitRecord[] {
    const p = this.pending.get(t.id);
    if (!p?.change || !p.decl.unitsShowAfter) return pool.units;
    const hidden = addedUnitIds(p.change);
    if (hidden.length === 0) return pool.units;
    const view = this.tasks.views.at(p.task, now);
    const shows = view.subtasks.some((s) => s.node.kind === p.decl.unitsShowAfter && s.status === 'SUCCESSFUL');
    return shows ? pool.units : pool.units.filter((u) => !hidden.includes(u.id));
  }

  /** What each server of a cluster holds: its capacity and what the tenants' units use of it (the units a running task reserves included). */
  serverResources(server: ObServerRecord): { capacity: Resources; used: Resources } {
    return { capacity: serverCapacity(server.hostTypeName), used: usageOf(this.usage, server.id) };
  }

  /** The usage as kept (a property test compares it to what the tenants hold). */
  usageSnapshot(): ReadonlyMap<number, Resources> {
    return this.usage;
  }

  /** Whether the tenant's last task has not ended for good (running, or failed and open to a retry or rollback). */
  busy(tenantId: number): boolean {
    this.settle(this.world.now());
    return this.pending.has(tenantId);
  }

  /** The ids the next tenant takes. */
  nextIds(): TenantIds {
    return { ...this.next };
  }

  /** A trial over the usage kept: what a check places on it stays there (fakes/tenants.ts `trialOf`). */
  usageTrial(): Usage {
    return trialOf(this.usage);
  }

  // ---- following the tasks ----

  private settle(now: number): void {
    for (const [id, p] of this.pending) this.settleOne(id, p, now);
  }

  private settleOne(tenantId: number, p: Pending, now: number): void {
    const view = this.tasks.views.at(p.task, now);
    if (view.rolledBack) {
      if (p.change) undo(p.change, tenantId, this.records);
      this.pending.delete(tenantId);
      this.changed = true;
    } else if (view.status === 'SUCCESSFUL') {
      const t = this.byId.get(tenantId);
      if (t && p.decl.statuses.after !== 'DELETED') t.status = p.decl.statuses.after;
      if (p.change) commit(p.change, tenantId, this.records);
      this.pending.delete(tenantId);
      this.changed = true;
    }
  }

  private follow(record: TaskRecord): void {
    const decl = OPERATION_BY_ID.get(record.operation.id);
    const tenant = record.subject?.tenant;
    if (!decl || !tenant) return;
    const before = this.pending.get(tenant.id);
    if (before) this.settleOne(tenant.id, before, record.createdAt);
    const parsed = record.subject?.change ? TenantChange.safeParse(record.subject.change) : undefined;
    const change = parsed?.success ? parsed.data : undefined;
    if (change) {
      begin(change, tenant.id, this.records);
      if (change.kind === 'createTenant') this.noteIds(change.tenant.pools, change.tenant.id);
      if (change.kind === 'addReplica') this.noteIds(change.pools);
      if (change.kind === 'modifyReplica') this.noteUnitIds(change.addedUnits);
    }
    if (!this.byId.has(tenant.id)) return;
    this.pending.set(tenant.id, { task: record, decl, change });
    this.changed = true;
  }

  /** Submits a tenant operation's task (checked by the caller: nothing is refused here). */
  submit(
    decl: TenantOperation,
    cluster: ObClusterRecord,
    tenant: TenantRecord,
    facts: { extra?: Record<string, string>; lists?: Record<string, readonly string[]> },
    change: Change | undefined,
    caller: { id: number; name: string },
    scenario: string,
  ): TaskView {
    const extra = { tenant_id: String(tenant.id), ...(facts.extra ?? {}) };
    const clusterFacts = {
      id: cluster.id,
      name: cluster.name,
      obClusterId: cluster.obClusterId,
      type: cluster.type,
      status: cluster.status,
      obVersion: cluster.obVersion,
    };
    const context = decl.operation.context?.({
      cluster: clusterFacts,
      zones: [],
      serverIds: [],
      serverZones: [],
      hostIds: [],
      prohibitRollback: false,
      extra,
      lists: facts.lists ?? {},
    }) ?? { stringMap: {}, listMap: {} };
    return this.tasks.submit(decl.operation, caller, [], scenario, undefined, {
      cluster: { id: cluster.id, name: cluster.name, obClusterId: cluster.obClusterId, type: cluster.type },
      zones: [],
      serverIds: [],
      serverZones: [],
      context,
      tenant: { id: tenant.id, name: tenant.name, obTenantId: tenant.obTenantId, mode: tenant.mode },
      ...(change ? { change: change as unknown as Record<string, unknown> } : {}),
    });
  }

  /** Applies a synchronous change (lock, unlock, primary zone, whitelist, password, a unit deleted) through the state file. */
  edit(tenantId: number, edit: z.infer<typeof TenantEditCommand>['edit']): void {
    this.world.commit({ c: 'tenantEdit', tenantId, edit } as Command);
  }

  private applyEdit(command: z.infer<typeof TenantEditCommand>): void {
    const t = this.byId.get(command.tenantId);
    if (!t) return;
    const e = command.edit;
    switch (e.kind) {
      case 'locked':
        t.locked = e.locked;
        break;
      case 'primaryZone':
        t.primaryZone = e.primaryZone;
        break;
      case 'whitelist':
        t.whitelist = e.whitelist;
        break;
      case 'password':
        t.passwordDigest = e.digest;
        break;
      case 'deleteUnit':
        for (const pool of t.pools) {
          const unit = pool.units.find((u) => u.id === e.unitId);
          if (!unit) continue;
          this.unitsRemoved(pool, [unit]);
          pool.unitCount = Math.max(0, pool.unitCount - 1);
        }
        break;
    }
    this.changed = true;
  }

  private applySnapshot(command: z.infer<typeof TenantSnapshot>): void {
    this.setTenants(command.tenants.map((t) => structuredClone(t) as TenantRecord));
    this.next = { ...command.next };
    this.pending.clear();
    this.changed = true;
  }

  /** The records as they are, once anything changed (rank 36: after the clusters' 35, before the tasks). */
  live(now: number): RankedCommands[] {
    this.clusters.settleNow();
    this.settle(now);
    if (!this.changed) return [];
    const tenants = [...this.byId.values()].sort((a, b) => a.id - b.id);
    return [{ rank: 36, commands: [{ c: 'obTenants', tenants: structuredClone(tenants), next: { ...this.next } } as Command] }];
  }

  /**
   * One snapshot line, but it holds every tenant: counted as their number, so a compaction (which
   * rewrites them all) comes after appends in proportion to what it writes, not every few dozen.
   */
  liveBound(): number {
    return this.changed ? this.byId.size : 0;
  }
}
