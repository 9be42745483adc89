/**
 * How a stop task shows on its hosts' `hostAgentStatus` (*inferred*, shared/contract README,
 * "Hosts"): STOPPING while the task works on the host, OFFLINE once the host's
 * "Stop all OCP agent processes" succeeded (and was not undone), otherwise back to what it was.
 */
import type { AgentStatus } from '../contract/enums.js';
import type { SubtaskView, TaskView } from './view.js';

/** `stop`: the task's "Stop all OCP agent processes" subtask on the host (undefined if it has none). */
export function agentStatusAfter(view: TaskView, stop: SubtaskView | undefined, before: AgentStatus): AgentStatus {
  if (!stop) return before;
  if (stop.status === 'SUCCESSFUL' && stop.operation !== 'ROLLBACK') return 'OFFLINE';
  if (view.status === 'RUNNING' || stop.status === 'RUNNING' || stop.status === 'CANCELING') return 'STOPPING';
  return before;
}

/** Only a running agent can be stopped (*inferred*: the issue names STOPPING and OFFLINE; the other non-AVAILABLE states are busy too). */
export function canStopAgent(status: AgentStatus): boolean {
  return status === 'AVAILABLE';
}
