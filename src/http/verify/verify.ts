/**
 * Asking the journal (WireMock's `verify`, MockServer's `verify`): how many requests match, which
 * ones, and when the count is not what a test expected, an error that lists the requests that
 * matched and the nearest ones that did not, each with how it differs.
 *
 * The journal is bounded (`journalSize`, `journalBytes`): every answer says how many entries it
 * dropped and whether the answer is complete, so a count over an overflowed journal is never
 * silently low (a `since` later than the newest dropped entry makes it complete again).
 */
import { OcpError } from '../../contract/errors.js';
import type { JournalEntry, RequestJournal } from '../journal.js';
import { type CompiledMatcher, compileMatcher, type Difference, describeDifference, describeMatcher, differences, distance } from './match.js';

export interface Selection {
  requests: JournalEntry[];
  count: number;
  /** Entries the journal dropped since it was last cleared. */
  dropped: number;
  /** False when dropped entries could have matched: the count may be low. */
  complete: boolean;
}

export interface NearMiss {
  request: JournalEntry;
  differences: string[];
}

function isComplete(journal: RequestJournal, m: CompiledMatcher): { dropped: number; complete: boolean } {
  const dropped = journal.dropped();
  const complete = dropped.count === 0 || (m.sinceMs !== undefined && dropped.until !== undefined && dropped.until < m.sinceMs);
  return { dropped: dropped.count, complete };
}

/** The requests that match, oldest first. */
export function selectRequests(journal: RequestJournal, m: CompiledMatcher, entries: readonly JournalEntry[] = journal.list()): Selection {
  const requests = entries.filter((e) => differences(m, e).length === 0);
  return { requests, count: requests.length, ...isComplete(journal, m) };
}

/** The requests nearest to matching, nearest first (ties: the newest), with how each differs. */
export function nearMisses(m: CompiledMatcher, entries: readonly JournalEntry[], limit = 3): NearMiss[] {
  const scored: { entry: JournalEntry; diffs: Difference[]; score: number; index: number }[] = [];
  entries.forEach((entry, index) => {
    const diffs = differences(m, entry);
    if (diffs.length > 0) scored.push({ entry, diffs, score: distance(diffs), index });
  });
  scored.sort((a, b) => a.score - b.score || b.index - a.index);
  return scored.slice(0, limit).map((s) => ({ request: s.entry, differences: s.diffs.map(describeDifference) }));
}

/** How many matching requests a verification wants: exactly `times`, or between `atLeast` and `atMost` (default: at least 1). */
export interface Expectation {
  times?: number;
  atLeast?: number;
  atMost?: number;
}

function checkExpectation(e: Expectation): { min: number; max: number; text: string } {
  for (const key of ['times', 'atLeast', 'atMost'] as const) {
    const v = e[key];
    if (v !== undefined && (!Number.isInteger(v) || v < 0)) throw new TypeError(`verify: ${key} must be a whole number >= 0, got ${String(v)}`);
  }
  if (e.times !== undefined && (e.atLeast !== undefined || e.atMost !== undefined)) throw new TypeError('verify: times goes alone, without atLeast or atMost');
  if (e.times !== undefined) return { min: e.times, max: e.times, text: `exactly ${e.times}` };
  const min = e.atLeast ?? (e.atMost === undefined ? 1 : 0);
  const max = e.atMost ?? Number.POSITIVE_INFINITY;
  if (min > max) throw new TypeError(`verify: atLeast ${min} is more than atMost ${max}`);
  const text = e.atMost === undefined ? `at least ${min}` : e.atLeast === undefined ? `at most ${max}` : `between ${min} and ${max}`;
  return { min, max, text };
}

/** One journal entry in one line: `2026-... POST /api/v2/compute/hosts/batchStopAgents -> 200 (admin, success) body {"hostIds":[2]}`. */
export function describeEntry(e: JournalEntry): string {
  const who = [e.user, e.scenario].filter(Boolean).join(', ');
  const query = Object.keys(e.query).length ? `?${new URLSearchParams(e.query).toString()}` : '';
  let body = '';
  if (e.body !== undefined) {
    const text = typeof e.body === 'string' ? e.body : JSON.stringify(e.body);
    body = ` body ${text.length > 200 ? `${text.slice(0, 197)}...` : text}`;
  }
  return `${e.time} ${e.method} ${e.path}${query} -> ${e.status}${who ? ` (${who})` : ''}${e.taskId !== undefined ? ` task ${e.taskId}` : ''}${body}`;
}

/** A verification that failed; the message says what was wanted, what came, and the near misses. */
export class VerificationError extends Error {
  constructor(
    message: string,
    readonly matched: JournalEntry[],
    readonly nearMisses: NearMiss[],
  ) {
    super(message);
    this.name = 'VerificationError';
  }
}

/** Throws VerificationError unless the journal holds as many matching requests as `expectation` wants. */
export function verifyRequests(journal: RequestJournal, matcher: unknown, expectation: Expectation = {}): Selection {
  const m = compileOrThrow(matcher);
  const want = checkExpectation(expectation);
  const entries = journal.list();
  const selection = selectRequests(journal, m, entries);
  if (selection.count >= want.min && selection.count <= want.max) return selection;
  throw new VerificationError(failureText(m, want.text, selection, entries), selection.requests, nearMisses(m, entries));
}

function failureText(m: CompiledMatcher, wanted: string, selection: Selection, entries: readonly JournalEntry[]): string {
  const lines = [`Expected ${wanted} request(s) matching ${describeMatcher(m)}; received ${selection.count}${selection.count > 0 ? ':' : '.'}`];
  selection.requests.slice(0, 20).forEach((e, i) => {
    lines.push(`  ${i + 1}. ${describeEntry(e)}`);
  });
  if (selection.count > 20) lines.push(`  ... and ${selection.count - 20} more`);
  const near = nearMisses(m, entries);
  if (near.length > 0) {
    lines.push('Nearest requests that did not match:');
    near.forEach((n, i) => {
      lines.push(`  ${i + 1}. ${describeEntry(n.request)}`);
      for (const d of n.differences) lines.push(`       ${d}`);
    });
  } else if (selection.count === 0) lines.push(`The journal holds ${entries.length} request(s), none near.`);
  if (!selection.complete) lines.push(`The journal dropped ${selection.dropped} older request(s) (journalSize/journalBytes): the count may be low.`);
  return lines.join('\n');
}

/** A matcher from code: a TypeError (not an OCP error) naming the field when it is wrong. */
export function compileOrThrow(matcher: unknown): CompiledMatcher {
  try {
    return compileMatcher(matcher);
  } catch (e) {
    if (e instanceof OcpError) {
      const sub = (e.options?.subErrors ?? [])[0] as { field?: string; message?: string } | undefined;
      throw new TypeError(`request matcher: ${sub?.field ?? 'matcher'}: ${sub?.message ?? e.message}`);
    }
    throw e;
  }
}

/**
 * Resolves once the journal holds as many matching requests as wanted (default: at least 1), for a
 * client that calls later; else rejects with the VerificationError the last check made.
 */
export function waitForRequests(journal: RequestJournal, matcher: unknown, options: Expectation & { timeoutMs?: number } = {}): Promise<Selection> {
  const { timeoutMs = 5000, ...expectation } = options;
  if (!Number.isFinite(timeoutMs) || timeoutMs < 0) return Promise.reject(new TypeError(`waitFor: timeoutMs must be a number >= 0, got ${timeoutMs}`));
  const m = compileOrThrow(matcher);
  const want = checkExpectation(expectation);
  const check = (): Selection | undefined => {
    const selection = selectRequests(journal, m);
    return selection.count >= want.min && selection.count <= want.max ? selection : undefined;
  };
  const now = check();
  if (now) return Promise.resolve(now);
  return new Promise((resolve, reject) => {
    const unsubscribe = journal.subscribe(() => {
      const done = check();
      if (!done) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(done);
    });
    const timer = setTimeout(() => {
      unsubscribe();
      try {
        verifyRequests(journal, matcher, expectation);
        resolve(selectRequests(journal, m));
      } catch (e) {
        if (e instanceof VerificationError) e.message = `waited ${timeoutMs} ms: ${e.message}`;
        reject(e);
      }
    }, timeoutMs);
  });
}
