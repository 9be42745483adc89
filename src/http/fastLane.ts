/**
 * The fast lane: the two calls clients make by the thousand (poll a task, submit a batch stop),
 * answered straight from Node's request and response, ahead of the Hono app.
 *
 * Why it exists: a test suite or a load test polls and submits far more than it does anything
 * else, and through the Hono app's layers (context, middleware chain, web Request and Response
 * objects) those two calls ran at about 0.4 of a bare node:http server on the 2-core build machine;
 * here they run at about 0.6-0.85 (`npm run bench` prints both, `--fast-lane off` being the former).
 * So for these two routes, when the request is the plain success case, this lane makes the same
 * core calls the Hono routes make (parseHostIds, Simulator.submitBatchStop, TaskDetailCache,
 * successEnvelope, the exchange recorder) and writes the same bytes.
 *
 * What it never does: decide an error. Anything that is not plainly a success goes to the Hono
 * app untouched, which answers it as it answers every other request: credentials not yet proven
 * there (and AK/SK signatures), a missing permission, a scenario with request-level behaviour
 * (errors, latency, faults, rate limits), a query string, an id outside the plain digits, an
 * unknown task, a body without Content-Length or over the limit, a body that does not parse, a
 * host that cannot be stopped. A POST body read here is handed over with the request
 * (PRE_READ_BODY), so the Hono app answers it as if it had read it itself.
 * test/http/fastLane.test.ts checks that both lanes give the same status, headers, bytes and journal.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { unexpectedError } from '../contract/errors.js';
import type { TaskView } from '../engine/simulate.js';
import type { Scenario } from '../scenarios/schema.js';
import type { Simulator } from '../simulator/simulator.js';
import { hasPermission, type Permission, type User, type UserDirectory } from './auth.js';
import { elapsedMs, errorEnvelope, JSON_MEDIA_TYPE, successEnvelope, successEnvelopeBytes } from './envelope.js';
import type { RecordExchange } from './exchanges.js';
import { PRE_READ_BODY } from './middleware/body.js';
import { SCENARIO_HEADER } from './middleware/requestContext.js';
import { taskInstanceJson } from './render.js';
import { parseHostIds } from './routes/agents.js';
import type { TaskDetailCache } from './taskDetailCache.js';

/** Hands a request to the Hono app. */
export type Fallback = (req: IncomingMessage, res: ServerResponse) => void;

/** Takes a request if it is one of the lane's plain cases (true), else leaves it untouched (false). */
export type FastLane = (req: IncomingMessage, res: ServerResponse, fallback: Fallback) => boolean;

export interface FastLaneDeps {
  sim: Simulator;
  users: UserDirectory;
  details: TaskDetailCache;
  recordExchange: RecordExchange;
  maxBodyBytes: number;
}

// Exactly what the Hono routes match (no trailing slash, no query). Ids: plain digits that zod's
// coercion reads as the same safe integer; anything cleverer ("1e3", "0x1F", " 7") takes the Hono lane.
const TASK_PATH = /^(?:\/api\/v2)?\/tasks\/instances\/([1-9][0-9]{0,14})$/;
const STOP_PATH = /^(?:\/api\/v2)?\/compute\/hosts\/batchStopAgents$/;
const SCENARIO_HEADER_LOWER = SCENARIO_HEADER.toLowerCase();

/** A scenario with no request-level behaviour at all (any key set there sends requests to the Hono lane). */
const plainness = new WeakMap<Scenario, boolean>();
function isPlain(scenario: Scenario): boolean {
  let plain = plainness.get(scenario);
  if (plain === undefined) {
    plain = Object.values(scenario.request).every((v) => v === undefined);
    plainness.set(scenario, plain);
  }
  return plain;
}

/**
 * Answers go out together at the end of the event loop's turn rather than one by one. Under load
 * Node reads many requests in one turn; writing each answer the moment it is ready makes the kernel
 * wake the client for every one of them (a cross-CPU wakeup, dear on a VM), while writing them back
 * to back wakes it once. On a 2-core VM this bought about a fifth more stops per second and a lower
 * p99 (see README, Performance). The answer is complete before it waits, and waits only for the
 * rest of the requests read in the same turn.
 */
class WriteBatch {
  private pending: Array<{ res: ServerResponse; body: string | Buffer }> = [];
  private readonly flush = () => {
    const batch = this.pending;
    this.pending = [];
    for (const { res, body } of batch) {
      // writeHead with the length, not setHeader and an implicit header: measurably cheaper per answer.
      res.writeHead(200, { 'Content-Type': JSON_MEDIA_TYPE, 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    }
  };

  add(res: ServerResponse, body: string | Buffer): void {
    if (this.pending.push({ res, body }) === 1) setImmediate(this.flush);
  }
}

/** The few headers the lane looks at. */
interface LaneHeaders {
  authorization?: string;
  scenario?: string;
  contentLength?: string;
  transferEncoding?: string;
}

/**
 * Reads the lane's headers from Node's raw header lines: four names compared by length first is
 * cheaper than the `req.headers` object (built on first use, a key per line), and a repeated header
 * is plain to see. A header the lane reads that comes twice gives undefined: the Hono lane then
 * answers, with Node's rules for repeats.
 */
function laneHeaders(raw: readonly string[]): LaneHeaders | undefined {
  const found: LaneHeaders = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] as string;
    let key: keyof LaneHeaders | undefined;
    // Lengths first: most header names are none of these, and comparing lengths costs nothing.
    if (name.length === 13 && name.toLowerCase() === 'authorization') key = 'authorization';
    else if (name.length === SCENARIO_HEADER_LOWER.length && name.toLowerCase() === SCENARIO_HEADER_LOWER) key = 'scenario';
    else if (name.length === 14 && name.toLowerCase() === 'content-length') key = 'contentLength';
    else if (name.length === 17 && name.toLowerCase() === 'transfer-encoding') key = 'transferEncoding';
    if (key === undefined) continue;
    if (found[key] !== undefined) return undefined;
    found[key] = raw[i + 1] as string;
  }
  return found;
}

interface Caller {
  user: User;
  scenario: string;
}

export function createFastLane({ sim, users, details, recordExchange, maxBodyBytes }: FastLaneDeps): FastLane {
  const writes = new WriteBatch();

  /** The caller, when the request may take this lane for a route needing `permission`. */
  function plainCaller(headers: LaneHeaders, permission: Permission): Caller | undefined {
    const user = users.provenUser(headers.authorization);
    if (!user || !hasPermission(user, permission)) return undefined;
    let scenario = sim.defaultScenario;
    if (headers.scenario !== undefined) {
      if (!sim.scenarios.has(headers.scenario.trim())) return undefined;
      scenario = headers.scenario.trim();
    }
    return isPlain(sim.scenario(scenario)) ? { user, scenario } : undefined;
  }

  /** Writes a 200 answer whose data is `data` (its JSON, or its head already encoded) and records it. */
  function answer(
    req: IncomingMessage,
    res: ServerResponse,
    o: { arrivedAt: number; caller: Caller; data: string | Buffer; bodyText?: string; taskId?: number },
  ) {
    const traceId = sim.nextTraceId();
    const durationMs = elapsedMs(o.arrivedAt);
    const body = typeof o.data === 'string' ? successEnvelope(sim, o.data, durationMs, traceId) : successEnvelopeBytes(sim, o.data, durationMs, traceId);
    writes.add(res, body);
    recordExchange({
      at: Date.now(),
      method: req.method as string,
      path: req.url as string,
      search: '',
      headers: req.rawHeaders,
      bodyText: o.bodyText,
      user: o.caller.user.username,
      scenario: o.caller.scenario,
      status: 200,
      durationMs,
      traceId,
      taskId: o.taskId,
    });
  }

  function readTask(req: IncomingMessage, res: ServerResponse, taskId: number, arrivedAt: number): boolean {
    const headers = laneHeaders(req.rawHeaders);
    const caller = headers && plainCaller(headers, 'TASK_VIEWER');
    const record = caller && sim.store.task(taskId);
    if (!caller || !record) return false;
    answer(req, res, { arrivedAt, caller, data: details.head(record, sim.now(), sim.offsetMinutes) });
    return true;
  }

  function submitStop(req: IncomingMessage, res: ServerResponse, fallback: Fallback, arrivedAt: number): boolean {
    const headers = laneHeaders(req.rawHeaders);
    const caller = headers && plainCaller(headers, 'HOST_MANAGER');
    // A declared length within the limit: no chunked bodies, nothing to cut off half-read.
    const declared = Number(headers?.contentLength);
    if (!caller || headers?.transferEncoding !== undefined || !(declared >= 0 && declared <= maxBodyBytes)) return false;
    const chunks: Buffer[] = [];
    // A client gone mid-body leaves nothing to answer (and must not take the process down).
    req.on('error', () => undefined);
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const bodyText = Buffer.concat(chunks).toString('utf8');
      let view: TaskView;
      try {
        view = sim.submitBatchStop({ id: caller.user.id, name: caller.user.username }, parseHostIds(bodyText), caller.scenario);
      } catch {
        // Not a plain success after all (a bad body, a host that cannot be stopped): the Hono app
        // answers it, with the same checks in OCP's order. Those checks come before any change, so
        // nothing happened here that it would see.
        (req as IncomingMessage & { [PRE_READ_BODY]?: string })[PRE_READ_BODY] = bodyText;
        fallback(req, res);
        return;
      }
      let dataJson: string;
      try {
        dataJson = taskInstanceJson(view, sim.offsetMinutes);
      } catch (e) {
        // A bug (the task exists now, so the Hono lane cannot take over): answered as the Hono
        // app's onError answers one.
        const err = unexpectedError(e);
        const traceId = sim.nextTraceId();
        res.statusCode = err.httpStatus;
        res.setHeader('Content-Type', JSON_MEDIA_TYPE);
        res.end(JSON.stringify(errorEnvelope(sim, err, 'en', elapsedMs(arrivedAt), traceId)));
        return;
      }
      answer(req, res, { arrivedAt, caller, data: dataJson, bodyText, taskId: view.record.id });
    });
    return true;
  }

  return (req, res, fallback) => {
    const arrivedAt = performance.now();
    const url = req.url ?? '';
    if (req.method === 'GET') {
      const m = TASK_PATH.exec(url);
      return m !== null && readTask(req, res, Number(m[1]), arrivedAt);
    }
    if (req.method === 'POST' && STOP_PATH.test(url)) return submitStop(req, res, fallback, arrivedAt);
    return false;
  };
}
