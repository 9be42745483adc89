/**
 * `GET /tasks/instances/{id}` as JSON, kept per task for the simulated instant it was rendered at.
 * Pollers read the same task at the same instant again and again (always, with a manual clock), so
 * a task is serialized once per instant, not once per poll (the simulator replays it once per
 * instant for every reader). Bounded in characters: a 1000-host task's answer is about 1.2 MB.
 */
import type { TaskRecord } from '../engine/task.js';
import { renderWrappedTask } from './render.js';
import type { TaskViewSource } from './taskRowCache.js';
import { TextCache } from './textCache.js';

interface Meta {
  now: number;
  actions: number;
}

/** Characters of task-detail JSON kept at most. */
const MAX_CHARS = 16 * 1024 * 1024;

export class TaskDetailCache {
  private readonly texts = new TextCache<TaskRecord, Meta>(MAX_CHARS);
  constructor(private readonly sim: TaskViewSource) {}

  /** The `data` of a task-detail answer at `now`, as JSON. */
  json(record: TaskRecord, now: number): string {
    const hit = this.texts.find(record);
    if (hit && hit.meta.now === now && hit.meta.actions === record.actions.length) return hit.text;
    const text = JSON.stringify(renderWrappedTask(this.sim.viewOf(record, now), this.sim.offsetMinutes));
    return this.texts.put(record, { now, actions: record.actions.length }, text);
  }
}
