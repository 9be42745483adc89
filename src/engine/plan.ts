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

/** How many subtasks `op` has on `hostCount` hosts. */
export function nodeCount(op: OperationDecl, hostCount: number): number {
  const stages = op.stages.length;
  return op.singleHost ? stages : stages * hostCount + (stages - 1);
}

/**
 * Builds `op`'s DAG on `hostIds`, its subtask ids the block starting at `firstSubtaskId`.
 * `layoutSeed` drives the shuffles for a batch of N > 1 hosts. `oneHost`: the operation's one-host
 * template (oneHostTemplate), when the caller keeps it (a PlanCache does).
 */
export function planOperation(op: OperationDecl, hostIds: readonly number[], firstSubtaskId: number, layoutSeed: number, oneHost?: TaskPlan): TaskPlan {
  if (hostIds.length === 1) return oneHostPlan(oneHost ?? oneHostTemplate(op), hostIds[0] as number, firstSubtaskId);
  return layOut(op, hostIds, firstSubtaskId, layoutSeed);
}

/**
 * One host, the common case: the documented layout whatever the seed, so it can be laid out once
 * per operation (by layOut, the one definition) and each plan is that template with its own ids and host.
 */
export function oneHostTemplate(op: OperationDecl): TaskPlan {
  return layOut(op, [0], 0, 0);
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
