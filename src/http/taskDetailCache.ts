/**
 * `GET /tasks/instances/{id}` as JSON, kept per task for the simulated instant it was rendered at.
 * Pollers read the same task at the same instant again and again (always, with a manual clock), so
 * the task is replayed and serialized once per instant, not once per poll. Shared by the Hono route
 * and the fast lane (src/http/fastLane.ts), so both answer from the same text.
 */
import { taskAt } from '../engine/simulate.js';
import type { TaskRecord } from '../engine/task.js';
import { successHead } from './envelope.js';
import { renderWrappedTask } from './render.js';

interface Rendered {
  record: TaskRecord;
  now: number;
  actions: number;
  json: string;
  /** The answer's head (successHead) encoded, made on the first fast-lane read. */
  head?: Buffer;
}

/** Tasks kept at once; past this the cache starts over (a poller's task is back on its next read). */
const CAPACITY = 1024;

export class TaskDetailCache {
  private readonly rendered = new Map<number, Rendered>();

  private entry(record: TaskRecord, now: number, offsetMinutes: number): Rendered {
    const hit = this.rendered.get(record.id);
    // Same record (a reset reuses ids), same instant, no action since: the same answer.
    if (hit && hit.record === record && hit.now === now && hit.actions === record.actions.length) return hit;
    const json = JSON.stringify(renderWrappedTask(taskAt(record, now), offsetMinutes));
    if (this.rendered.size >= CAPACITY) this.rendered.clear();
    const fresh: Rendered = { record, now, actions: record.actions.length, json };
    this.rendered.set(record.id, fresh);
    return fresh;
  }

  /** The `data` of a task-detail answer at `now`, as JSON. */
  json(record: TaskRecord, now: number, offsetMinutes: number): string {
    return this.entry(record, now, offsetMinutes).json;
  }

  /** The same answer's head (`{"data":…,"duration":`), encoded. */
  head(record: TaskRecord, now: number, offsetMinutes: number): Buffer {
    const e = this.entry(record, now, offsetMinutes);
    e.head ??= Buffer.from(successHead(e.json));
    return e.head;
  }
}
