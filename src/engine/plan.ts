/**
 * Plans: the DAG an operation submits, with its ids allocated and its layout fixed.
 *
 * Known (seed example, samples/*agent*): node names, class names, descriptions, timeouts, the
 * 5-node chain for one host, Wait nodes with parallelIdx -1, per-host nodes with parallelIdx =
 * the host's index in `host_ids`, one contiguous block of subtask ids, seriesId not in DAG order.
 * *Inferred*: the N-host shape (one Prepare per host -> Wait -> one Stop per host -> Wait -> one
 * Finish per host), and for N > 1 the id/seriesId/array order, which is a seeded shuffle (OCP's
 * looks like Java hash order).
 */
import { Stream } from '../fakes/random.js';

export type NodeKind = 'prepare' | 'wait' | 'stop' | 'finish';

export interface NodeTemplate {
  kind: NodeKind;
  name: string;
  className: string;
  description: string;
  /** Seconds, as OCP prints `timeout`. */
  timeout: number;
}

export const NODE_TEMPLATES: Record<NodeKind, NodeTemplate> = {
  prepare: {
    kind: 'prepare',
    name: 'Prepare stop OCP agent',
    className: 'com.alipay.ocp.service.task.business.obagent.PrepareStopOcpAgentTask',
    description: 'Prepare stop OCP agent',
    timeout: 60,
  },
  wait: {
    kind: 'wait',
    name: 'Wait node',
    className: 'com.alipay.ocp.service.task.business.WaitNode',
    description: 'Wait node',
    timeout: 30,
  },
  stop: {
    kind: 'stop',
    name: 'Stop all OCP agent processes',
    className: 'com.alipay.ocp.service.task.business.obagent.StopAllOcpAgentProcessesTask',
    description: 'Stop all OCP agent processes',
    timeout: 600,
  },
  finish: {
    kind: 'finish',
    name: 'Finish OCP agent operation',
    className: 'com.alipay.ocp.service.task.business.obagent.FinishOcpAgentOperationTask',
    description: 'Finish OCP agent operation',
    timeout: 60,
  },
};

/** The node names a scenario may refer to. */
export const BATCH_STOP_NODE_NAMES = [...new Set(Object.values(NODE_TEMPLATES).map((t) => t.name))];

export const BATCH_STOP_TASK_NAME = 'Batch stop OCP agent';

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

/** The seed example's layout for one host, by DAG position: id offset in the block, seriesId, list position. */
const SEED_LAYOUT: Record<'prepare' | 'wait1' | 'stop' | 'wait2' | 'finish', { idOffset: number; seriesId: number; position: number }> = {
  wait2: { idOffset: 0, seriesId: 1, position: 0 },
  finish: { idOffset: 1, seriesId: 2, position: 4 },
  wait1: { idOffset: 2, seriesId: 0, position: 1 },
  stop: { idOffset: 3, seriesId: 3, position: 3 },
  prepare: { idOffset: 4, seriesId: 4, position: 2 },
};

export function batchStopNodeCount(hostCount: number): number {
  return hostCount * 3 + 2;
}

/**
 * Builds the batch-stop DAG for `hostIds`, its subtask ids the block starting at `firstSubtaskId`.
 * `layoutSeed` drives the shuffles for N > 1 hosts.
 */
export function planBatchStop(hostIds: readonly number[], firstSubtaskId: number, layoutSeed: number): TaskPlan {
  if (hostIds.length === 1) return singleHostPlan(hostIds[0] as number, firstSubtaskId);
  return layOut(hostIds, firstSubtaskId, layoutSeed);
}

/**
 * One host, the common case: the seed example's layout whatever the seed, so it is laid out once
 * (by layOut, the one definition) and each plan is that template with its own ids and host.
 */
let singleHostTemplate: TaskPlan | undefined;
function singleHostPlan(hostId: number, firstSubtaskId: number): TaskPlan {
  singleHostTemplate ??= layOut([0], 0, 0);
  const t = singleHostTemplate;
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
    // Positions, not ids: the same for every single-host plan (and never written to).
    upstreamIdx: t.upstreamIdx,
    downstreamIdx: t.downstreamIdx,
  };
}

function layOut(hostIds: readonly number[], firstSubtaskId: number, layoutSeed: number): TaskPlan {
  const n = hostIds.length;
  const count = batchStopNodeCount(n);
  // DAG positions: prepares[0..n), wait1, stops[0..n), wait2, finishes[0..n)
  type Slot = { kind: NodeKind; hostIndex: number; stage: number; layoutKey: keyof typeof SEED_LAYOUT };
  const slots: Slot[] = [];
  for (let i = 0; i < n; i++) slots.push({ kind: 'prepare', hostIndex: i, stage: 0, layoutKey: 'prepare' });
  slots.push({ kind: 'wait', hostIndex: -1, stage: 1, layoutKey: 'wait1' });
  for (let i = 0; i < n; i++) slots.push({ kind: 'stop', hostIndex: i, stage: 2, layoutKey: 'stop' });
  slots.push({ kind: 'wait', hostIndex: -1, stage: 3, layoutKey: 'wait2' });
  for (let i = 0; i < n; i++) slots.push({ kind: 'finish', hostIndex: i, stage: 4, layoutKey: 'finish' });

  let idOffsets: number[];
  let seriesIds: number[];
  let positions: number[];
  if (n === 1) {
    idOffsets = slots.map((s) => SEED_LAYOUT[s.layoutKey].idOffset);
    seriesIds = slots.map((s) => SEED_LAYOUT[s.layoutKey].seriesId);
    positions = slots.map((s) => SEED_LAYOUT[s.layoutKey].position);
  } else {
    const rng = new Stream(layoutSeed);
    const range = Array.from({ length: count }, (_, i) => i);
    idOffsets = rng.shuffle(range);
    seriesIds = rng.shuffle(range);
    positions = rng.shuffle(range);
  }

  const ids = slots.map((_, i) => firstSubtaskId + (idOffsets[i] as number));
  const stages: number[][] = [[], [], [], [], []];
  slots.forEach((s, i) => {
    stages[s.stage]?.push(ids[i] as number);
  });
  const nodesBySlot: PlanNode[] = slots.map((s, i) => {
    // Per-host chains meet at the Wait nodes: Prepare_i -> Wait1 -> Stop_i -> Wait2 -> Finish_i.
    const upstreams = s.stage === 0 ? [] : (stages[s.stage - 1] as number[]);
    const downstreams = s.stage === 4 ? [] : (stages[s.stage + 1] as number[]);
    return {
      id: ids[i] as number,
      kind: s.kind,
      hostId: s.hostIndex >= 0 ? hostIds[s.hostIndex] : undefined,
      parallelIdx: s.hostIndex,
      seriesId: seriesIds[i] as number,
      upstreams,
      downstreams,
    };
  });
  const nodes: PlanNode[] = new Array(count);
  nodesBySlot.forEach((node, i) => {
    nodes[positions[i] as number] = node;
  });
  const indexById = new Map(nodes.map((node, i) => [node.id, i]));
  const indexes = (ids: number[]) => ids.map((id) => indexById.get(id) as number);
  return { nodes, upstreamIdx: nodes.map((node) => indexes(node.upstreams)), downstreamIdx: nodes.map((node) => indexes(node.downstreams)) };
}
