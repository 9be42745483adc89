/**
 * What an answered request leaves behind: one log line and (for the OCP API, not the control
 * plane) one journal entry, which is the request's state object itself.
 */
import type { Logger } from '../log/logger.js';
import type { RequestJournal } from './journal.js';
import { pathOf, type RequestState } from './requestState.js';

export type RecordExchange = (r: RequestState, journaled: boolean) => void;

export function exchangeRecorder(logger: Logger, journal: RequestJournal): RecordExchange {
  return (r, journaled) => {
    r.at = Date.now();
    if (r.caller) r.user = r.caller.username;
    if (!logger.silent) {
      logger.request({
        method: r.method,
        path: pathOf(r),
        status: r.status,
        durationMs: Math.round(performance.now() - r.arrivedAt),
        scenario: r.scenario,
        traceId: r.traceId,
        user: r.user,
        taskId: r.taskId,
      });
    }
    if (journaled) journal.add(r);
  };
}
