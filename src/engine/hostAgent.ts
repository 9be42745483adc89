/**
 * How an operation's task shows on its hosts' `hostAgentStatus`, from the operation's declared
 * effects (its declaration; *inferred*, shared/contract README, "Hosts"): once the node of its last
 * effect has succeeded on the host (and was not undone), what that effect says; while the task
 * runs (or one of its effect nodes on the host still runs), the operation's `during` status
 * (STOPPING, RESTARTING); after a task that ended without finishing on the host, the last effect
 * that did happen (a restart that stopped the processes but failed to start them leaves the agent
 * OFFLINE), else what the agent read before.
 */
import type { AgentStatus } from '../contract/enums.js';
import type { NodeKind } from './plan.js';
import type { SubtaskView, TaskView } from './view.js';

/** `onHost`: the task's subtasks on the host (any order). */
export function agentStatusAfter(view: TaskView, onHost: readonly SubtaskView[], before: AgentStatus): AgentStatus {
  const op = view.record.operation;
  // An operation that does not work on agents (an OB cluster's) leaves them as they were.
  if (op.during === undefined || op.effects === undefined) return before;
  const byKind = (kind: NodeKind) => onHost.find((s) => s.node.kind === kind);
  let done: AgentStatus | undefined;
  let busy = false;
  for (let i = 0; i < op.effects.length; i++) {
    const effect = op.effects[i] as (typeof op.effects)[number];
    const node = byKind(effect.after);
    if (!node) continue;
    if (node.status === 'SUCCESSFUL' && node.operation !== 'ROLLBACK') {
      if (i === op.effects.length - 1) return effect.status;
      done = effect.status;
    }
    if (node.status === 'RUNNING' || node.status === 'CANCELING') busy = true;
  }
  if (view.status === 'RUNNING' || busy) {
    // A node of the operation on this host at all: otherwise the task does not touch this agent.
    return onHost.length > 0 ? op.during : before;
  }
  return done ?? before;
}
