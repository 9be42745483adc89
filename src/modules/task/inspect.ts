/**
 * A task as the dashboard inspects it: its nodes in DAG terms (kind, host, upstreams, timeout) and
 * which actions OCP would accept on it now (the same rules the task calls apply), so the page
 * offers exactly the buttons that would work.
 */
import { formatOcpTime } from '../../contract/time.js';
import { checkAction, type TaskAction, type TaskRecord, type TaskView, templateOf, timeoutOf } from '../../engine/index.js';

function allowed(view: TaskView, action: TaskAction): boolean {
  try {
    checkAction(view, action);
    return true;
  } catch {
    return false;
  }
}

export function inspectTask(view: TaskView, now: number, offsetMinutes: number) {
  const record: TaskRecord = view.record;
  const iso = (ms: number | undefined) => (ms === undefined ? null : formatOcpTime(ms, offsetMinutes));
  return {
    id: record.id,
    name: record.name,
    status: view.status,
    operation: view.operation,
    scenario: record.scenario,
    hostIds: record.hostIds,
    startTime: iso(view.startTime),
    finishTime: iso(view.finishTime),
    allowed: { retry: allowed(view, { type: 'retry', at: now }), rollback: allowed(view, { type: 'rollback', at: now }) },
    nodes: view.subtasks.map((s) => ({
      id: s.node.id,
      name: templateOf(record, s.node).name,
      kind: s.node.kind,
      hostId: s.node.hostId ?? null,
      parallelIdx: s.node.parallelIdx,
      status: s.status,
      operation: s.operation,
      runTime: s.runTime,
      timeout: timeoutOf(record, s),
      startTime: iso(s.startTime),
      finishTime: iso(s.finishTime),
      executor: s.executor ?? null,
      upstreams: s.node.upstreams,
      allowed: {
        retry: allowed(view, { type: 'retrySubtask', subtaskId: s.node.id, at: now }),
        skip: allowed(view, { type: 'skipSubtask', subtaskId: s.node.id, at: now }),
        cancel: allowed(view, { type: 'cancelSubtask', subtaskId: s.node.id, at: now }),
      },
    })),
  };
}
