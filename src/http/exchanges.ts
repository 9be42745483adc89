/**
 * What an answered request leaves behind: one log line, and (outside the control plane) one
 * journal entry. Both lanes record through here (the Hono app and src/http/fastLane.ts), so the
 * journal and the log read the same whichever lane answered.
 */
import type { RawJournalEntry, RequestJournal } from './journal.js';
import type { Logger } from './logger.js';

/** The journal keeps this object itself (one allocation per request, not two). */
export interface Exchange extends RawJournalEntry {
  durationMs: number;
}

export type RecordExchange = (exchange: Exchange) => void;

export function exchangeRecorder(logger: Logger, journal: RequestJournal): RecordExchange {
  return (e) => {
    if (!logger.silent)
      logger.request({
        method: e.method,
        path: e.path,
        status: e.status,
        durationMs: e.durationMs,
        scenario: e.scenario,
        traceId: e.traceId,
        user: e.user,
        taskId: e.taskId,
      });
    if (!e.path.startsWith('/__mock')) journal.add(e);
  };
}
