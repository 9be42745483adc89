/**
 * Plans: the DAG an operation submits, with its ids allocated and its layout fixed. Every async
 * operation is declared as data (operation.ts); this file lays any of them out.
 *
 * Known (seed example, samples/*agent*): node names, class names, descriptions, timeouts, the
 * chains and barriers of each operation, Wait nodes and single-host tasks with parallelIdx -1,
 * per-host nodes of a batch with parallelIdx = the host's index in `host_ids`, one contiguous block
 * of subtask ids, seriesId not in DAG order, and for one host each operation's exact layout.
 * *Inferred*: for a batch of N > 1 the id/seriesId/array order, a seeded shuffle (OCP's looks like
 * Java hash order).
 */
import { Stream } from '../util/random.js';
import type { OperationDecl } from './operation.js';
import type { TaskSubject } from './task.js';

/** What an OB cluster task's per-zone and per-server stages are laid over: its zones, and per host the index of its server's zone. */
export type PlanZones = Pick<TaskSubject, 'zones' | 'serverZones'>;

/** A node's kind: a key of its operation's `templates`. */
export type NodeKind = string;

export interface PlanNode {
  id: number;
  kind: NodeKind;
  /** The host this node works on; undefined for Wait nodes. */
  hostId: number | undefined;
  parallelIdx: number;
  seriesId: number;
  upstreams: number[];
  downstreams: number[];
}

export interface TaskPlan {
  /** In the order OCP lists them in `subtasks`. */
  nodes: PlanNode[];
  /** Per node (same order), the positions in `nodes` of its upstreams and downstreams: the engine walks these. */
  upstreamIdx: readonly (readonly number[])[];
  downstreamIdx: readonly (readonly number[])[];
}

/** How many subtasks `op` has on `hostCount` hosts (an OB cluster operation: servers) in `zoneCount` zones. */
export function nodeCount(op: OperationDecl, hostCount: number, zoneCount = 1): number {
  const stages = op.stages.length;
  if (op.each) {
    let n = 0;
    for (const kind of op.stages) n += op.each[kind] === 'server' ? hostCount : op.each[kind] === 'zone' ? zoneCount : 1;
    return n;
  }
  return op.singleHost ? stages : stages * hostCount + (stages - 1);
}

/** Whether `op` on this many hosts and zones takes its documented layout (and a one-host template serves it). */
export function takesDocumentedLayout(op: OperationDecl, hostCount: number, zoneCount = 1): boolean {
  return hostCount <= 1 && zoneCount <= 1 && nodeCount(op, hostCount, zoneCount) === op.oneHostLayout.length;
}

/**
 * Builds `op`'s DAG on `hostIds`, its subtask ids the block starting at `firstSubtaskId`.
 * `layoutSeed` drives the shuffles for a batch of N > 1 hosts. `oneHost`: the operation's one-host
 * template (oneHostTemplate), when the caller keeps it (a PlanCache does).
 */
export function planOperation(
  op: OperationDecl,
  hostIds: readonly number[],
  firstSubtaskId: number,
  layoutSeed: number,
  oneHost?: TaskPlan,
  zones?: PlanZones,
): TaskPlan {
  if (hostIds.length === 1 && takesDocumentedLayout(op, 1, zones?.zones.length))
    return oneHostPlan(oneHost ?? oneHostTemplate(op), hostIds[0] as number, firstSubtaskId);
  return op.each
    ? layOutTree(op, hostIds, firstSubtaskId, layoutSeed, zones ?? { zones: [''], serverZones: hostIds.map(() => 0) })
    : layOut(op, hostIds, firstSubtaskId, layoutSeed);
}

/**
 * One host, the common case: the documented layout whatever the seed, so it can be laid out once
 * per operation (by layOut, the one definition) and each plan is that template with its own ids and host.
 */
export function oneHostTemplate(op: OperationDecl): TaskPlan {
  return op.each ? layOutTree(op, [0], 0, 0, { zones: [''], serverZones: [0] }) : layOut(op, [0], 0, 0);
}

function oneHostPlan(t: TaskPlan, hostId: number, firstSubtaskId: number): TaskPlan {
  return {
    nodes: t.nodes.map((n) => ({
      id: n.id + firstSubtaskId,
      kind: n.kind,
      hostId: n.hostId === undefined ? undefined : hostId,
      parallelIdx: n.parallelIdx,
      seriesId: n.seriesId,
      upstreams: n.upstreams.map((id) => id + firstSubtaskId),
      downstreams: n.downstreams.map((id) => id + firstSubtaskId),
    })),
    // Positions, not ids: the same for every one-host plan of the operation (and never written to).
    upstreamIdx: t.upstreamIdx,
    downstreamIdx: t.downstreamIdx,
  };
}

function layOut(op: OperationDecl, hostIds: readonly number[], firstSubtaskId: number, layoutSeed: number): TaskPlan {
  const n = op.singleHost ? 1 : hostIds.length;
  const count = nodeCount(op, n);
  // DAG positions, stage by stage: each stage's per-host nodes, then (in a batch) a Wait barrier.
  type Slot = { kind: NodeKind; hostIndex: number; stage: number };
  const slots: Slot[] = [];
  op.stages.forEach((kind, s) => {
    for (let i = 0; i < n; i++) slots.push({ kind, hostIndex: i, stage: 2 * s });
    if (!op.singleHost && s < op.stages.length - 1) slots.push({ kind: op.barrier as NodeKind, hostIndex: -1, stage: 2 * s + 1 });
  });

  let idOffsets: number[];
  let seriesIds: number[];
  let positions: number[];
  if (n === 1) {
    idOffsets = op.oneHostLayout.map((l) => l.idOffset);
    seriesIds = op.oneHostLayout.map((l) => l.seriesId);
    positions = op.oneHostLayout.map((l) => l.position);
  } else {
    const rng = new Stream(layoutSeed);
    const range = Array.from({ length: count }, (_, i) => i);
    idOffsets = rng.shuffle(range);
    seriesIds = rng.shuffle(range);
    positions = rng.shuffle(range);
  }

  const ids = slots.map((_, i) => firstSubtaskId + (idOffsets[i] as number));
  // Each node's upstreams are the previous layer's nodes (the Wait, or in a single-host chain the
  // previous stage's node); per-host chains meet at the Wait nodes.
  const layers = new Map<number, number[]>();
  slots.forEach((s, i) => {
    const layer = layers.get(s.stage) ?? [];
    layer.push(ids[i] as number);
    layers.set(s.stage, layer);
  });
  const stageKeys = [...layers.keys()].sort((a, b) => a - b);
  const neighbour = (stage: number, delta: number) => layers.get(stageKeys[stageKeys.indexOf(stage) + delta] as number) ?? [];
  const nodesBySlot: PlanNode[] = slots.map((s, i) => ({
    id: ids[i] as number,
    kind: s.kind,
    hostId: s.hostIndex >= 0 ? hostIds[s.hostIndex] : undefined,
    parallelIdx: op.singleHost ? -1 : s.hostIndex,
    seriesId: seriesIds[i] as number,
    upstreams: neighbour(s.stage, -1),
    downstreams: neighbour(s.stage, 1),
  }));
  const nodes: PlanNode[] = new Array(count);
  nodesBySlot.forEach((node, i) => {
    nodes[positions[i] as number] = node;
  });
  const indexById = new Map(nodes.map((node, i) => [node.id, i]));
  const indexes = (ids: number[]) => ids.map((id) => indexById.get(id) as number);
  return { nodes, upstreamIdx: nodes.map((node) => indexes(node.upstreams)), downstreamIdx: nodes.map((node) => indexes(node.downstreams)) };
}

/** The documented layout where the task has its sample's shape, else seeded shuffles (*inferred*, as for a batch). */
function placements(op: OperationDecl, count: number, documented: boolean, layoutSeed: number) {
  if (documented) {
    return {
      idOffsets: op.oneHostLayout.map((l) => l.idOffset),
      seriesIds: op.oneHostLayout.map((l) => l.seriesId),
      positions: op.oneHostLayout.map((l) => l.position),
    };
  }
  const rng = new Stream(layoutSeed);
  const range = Array.from({ length: count }, (_, i) => i);
  return { idOffsets: rng.shuffle(range), seriesIds: rng.shuffle(range), positions: rng.shuffle(range) };
}

/**
 * An OB cluster operation's DAG: stage by stage, one node, a node per zone or a node per server
 * (op.each). Between two stages: a single node joins (or fans out to) the whole stage beside it; a
 * server's node follows its own server's or its zone's node, a zone's node its own zone's or its
 * servers' nodes (a zone without servers: every node of the stage before). parallelIdx: a server
 * node's index among the task's servers (ocp-docs/cluster/1100 prints 0 for its one server), a zone
 * node's index among several zones, else -1 (1100's one zone prints -1); *inferred* beyond the samples.
 */
function layOutTree(op: OperationDecl, hostIds: readonly number[], firstSubtaskId: number, layoutSeed: number, zones: PlanZones): TaskPlan {
  type Slot = { kind: NodeKind; stage: number; host: number; zone: number };
  const each = op.each ?? {};
  const slots: Slot[] = [];
  const byStage: number[][] = [];
  op.stages.forEach((kind, stage) => {
    const mine: number[] = [];
    const add = (host: number, zone: number) => {
      mine.push(slots.length);
      slots.push({ kind, stage, host, zone });
    };
    if (each[kind] === 'server') for (let i = 0; i < hostIds.length; i++) add(i, zones.serverZones[i] ?? 0);
    else if (each[kind] === 'zone') for (let z = 0; z < zones.zones.length; z++) add(-1, z);
    else add(-1, -1);
    byStage.push(mine);
  });
  const count = slots.length;
  const documented = takesDocumentedLayout(op, hostIds.length, zones.zones.length);
  const { idOffsets, seriesIds, positions } = placements(op, count, documented, layoutSeed);
  const ids = slots.map((_, i) => firstSubtaskId + (idOffsets[i] as number));
  const scopeOf = (s: Slot) => (s.host >= 0 ? 'server' : s.zone >= 0 ? 'zone' : 'one');
  /** Whether slots of neighbouring stages are linked: a single node to all; servers by server; else by zone. */
  const near = (a: Slot, b: Slot) => {
    const [sa, sb] = [scopeOf(a), scopeOf(b)];
    if (sa === 'one' || sb === 'one') return true;
    if (sa === 'server' && sb === 'server') return a.host === b.host;
    return a.zone === b.zone;
  };
  const ups: number[][] = slots.map(() => []);
  const downs: number[][] = slots.map(() => []);
  for (let stage = 1; stage < byStage.length; stage++) {
    const before = byStage[stage - 1] as number[];
    const mine = byStage[stage] as number[];
    for (const d of mine) for (const u of before) if (near(slots[u] as Slot, slots[d] as Slot)) (ups[d] as number[]).push(u);
    for (const d of mine) for (const u of before) if ((ups[d] as number[]).includes(u)) (downs[u] as number[]).push(d);
    // A zone without servers has no server of its own to follow or lead: it joins the whole stage beside it.
    for (const d of mine) if ((ups[d] as number[]).length === 0) for (const u of before) (ups[d] as number[]).push(u), (downs[u] as number[]).push(d);
    for (const u of before) if ((downs[u] as number[]).length === 0) for (const d of mine) (downs[u] as number[]).push(d), (ups[d] as number[]).push(u);
  }
  const nodesBySlot: PlanNode[] = slots.map((s, i) => ({
    id: ids[i] as number,
    kind: s.kind,
    hostId: s.host >= 0 ? hostIds[s.host] : undefined,
    parallelIdx: (documented ? op.oneHostLayout[i]?.parallelIdx : undefined) ?? (s.host >= 0 ? s.host : s.zone >= 0 && zones.zones.length > 1 ? s.zone : -1),
    seriesId: seriesIds[i] as number,
    upstreams: [...new Set(ups[i])].sort((a, b) => a - b).map((j) => ids[j] as number),
    downstreams: [...new Set(downs[i])].sort((a, b) => a - b).map((j) => ids[j] as number),
  }));
  const nodes: PlanNode[] = new Array(count);
  nodesBySlot.forEach((node, i) => {
    nodes[positions[i] as number] = node;
  });
  const indexById = new Map(nodes.map((node, i) => [node.id, i]));
  const indexes = (list: number[]) => list.map((id) => indexById.get(id) as number);
  return { nodes, upstreamIdx: nodes.map((node) => indexes(node.upstreams)), downstreamIdx: nodes.map((node) => indexes(node.downstreams)) };
}
