/**
 * Turns a scenario into what the engine runs: one NodeBehaviour per planned node. Each node's
 * default duration (its template's `defaultSeconds`) applies wherever a scenario says nothing.
 */
import type { NodeBehaviour, NodeKind, OperationDecl, RunSpec, TaskPlan } from '../engine/index.js';
import type { NodeRuleSpec, Scenario } from './schema.js';

function toMs(range: number | readonly [number, number]): readonly [number, number] {
  const [lo, hi] = typeof range === 'number' ? [range, range] : range;
  return [Math.round(lo * 1000), Math.round(hi * 1000)];
}

function matches(rule: NodeRuleSpec, operation: OperationDecl, kind: NodeKind, hostId: number | undefined, parallelIdx: number, hostCount: number): boolean {
  if (rule.node !== '*' && rule.node !== operation.templates[kind]?.name) return false;
  if (rule.operations && !rule.operations.includes(operation.id)) return false;
  if (rule.hosts && (hostId === undefined || !rule.hosts.includes(hostId))) return false;
  if (rule.batchIndex !== undefined) {
    const want = rule.batchIndex === 'first' ? 0 : rule.batchIndex === 'last' ? hostCount - 1 : rule.batchIndex;
    if (parallelIdx !== want) return false;
  }
  return true;
}

/**
 * Resolved behaviours are shared between tasks: a node's behaviour depends only on the scenario,
 * its kind, its position in the batch and the batch size (and its host, when the scenario has
 * per-host rules). Sharing keeps a retained task small and a submission cheap. Bounded. One
 * resolver per simulator (cleared by its reset).
 */
const MAX_RESOLVED = 10_000;

export class BehaviourResolver {
  private resolvedByScenario = new WeakMap<Scenario, Map<string, NodeBehaviour>>();
  /**
   * Single-host plans all list their nodes in the same order (the seed example's), so without
   * per-host rules every single-host task of a scenario shares one whole array.
   */
  private singleHostByScenario = new WeakMap<Scenario, Map<OperationDecl, readonly NodeBehaviour[]>>();

  resolve(scenario: Scenario, operation: OperationDecl, plan: TaskPlan, hostCount: number): readonly NodeBehaviour[] {
    const perHost = scenario.task.nodes.some((r) => r.hosts !== undefined);
    // Shared only where every task of the operation has the one documented layout (an OB cluster task over several zones has not).
    if (hostCount === 1 && !perHost && plan.nodes.length === operation.oneHostLayout.length) {
      let byOperation = this.singleHostByScenario.get(scenario);
      if (!byOperation) {
        byOperation = new Map();
        this.singleHostByScenario.set(scenario, byOperation);
      }
      let shared = byOperation.get(operation);
      if (!shared) {
        shared = this.resolveEach(scenario, operation, plan, hostCount, false);
        byOperation.set(operation, shared);
      }
      return shared;
    }
    return this.resolveEach(scenario, operation, plan, hostCount, perHost);
  }

  private resolveEach(scenario: Scenario, operation: OperationDecl, plan: TaskPlan, hostCount: number, perHost: boolean): NodeBehaviour[] {
    const resolved = this.resolvedByScenario.get(scenario) ?? new Map<string, NodeBehaviour>();
    this.resolvedByScenario.set(scenario, resolved);
    return plan.nodes.map((node) => {
      const key = `${operation.id}|${node.kind}|${node.parallelIdx}|${hostCount}${perHost ? `|${node.hostId}` : ''}`;
      let b = resolved.get(key);
      if (!b) {
        b = resolveNode(scenario, operation, node, hostCount);
        if (resolved.size < MAX_RESOLVED) resolved.set(key, b);
      }
      return b;
    });
  }

  clear(): void {
    this.resolvedByScenario = new WeakMap();
    this.singleHostByScenario = new WeakMap();
  }
}

/** One node behaviour per planned node of `plan`, resolved afresh (a BehaviourResolver shares them between tasks). */
export function resolveBehaviour(scenario: Scenario, operation: OperationDecl, plan: TaskPlan, hostCount: number): readonly NodeBehaviour[] {
  return new BehaviourResolver().resolve(scenario, operation, plan, hostCount);
}

function resolveNode(scenario: Scenario, operation: OperationDecl, node: TaskPlan['nodes'][number], hostCount: number): NodeBehaviour {
  {
    let duration = toMs(operation.templates[node.kind]?.defaultSeconds ?? [1, 5]);
    let runs: RunSpec[] | undefined;
    let timeoutSeconds: number | undefined;
    for (const rule of scenario.task.nodes) {
      if (!matches(rule, operation, node.kind, node.hostId, node.parallelIdx, hostCount)) continue;
      if (rule.seconds !== undefined) duration = toMs(rule.seconds);
      if (rule.timeout !== undefined) timeoutSeconds = rule.timeout;
      if (rule.runs) {
        runs = rule.runs.map((r) => ({ outcome: r.outcome, durationMs: r.seconds === undefined ? duration : toMs(r.seconds), message: r.message }));
      } else if (rule.outcome) {
        runs = [{ outcome: rule.outcome, durationMs: duration, message: rule.message }];
      }
    }
    const finalRuns = (runs ?? [{ outcome: 'success' as const, durationMs: duration }]).map((r) => ({ ...r, durationMs: r.durationMs ?? duration }));
    return timeoutSeconds === undefined ? { runs: finalRuns } : { runs: finalRuns, timeoutSeconds };
  }
}
