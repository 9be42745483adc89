/**
 * Rows of the task list (`GET /tasks/instances`) as JSON, kept per task. A dashboard or a poller
 * lists the same page again and again; a row is serialized again only when its task could look
 * different: another instant while it still has something to do, or a new action. A settled
 * task's row (nothing left to happen until someone acts) is kept across instants.
 */
import type { TaskRecord } from '../engine/task.js';
import type { TaskView } from '../engine/view.js';
import { renderBasicTask } from './render.js';
import { TextCache } from './textCache.js';

interface Meta {
  now: number;
  actions: number;
  settled: boolean;
}

/** Characters of row JSON kept at most. */
const MAX_CHARS = 16 * 1024 * 1024;

/** Where rows come from: the simulator (its one cache of task views) and its time zone. */
export interface TaskViewSource {
  viewOf(record: TaskRecord, now: number): TaskView;
  readonly offsetMinutes: number;
}

export class TaskRowCache {
  private readonly texts = new TextCache<TaskRecord, Meta>(MAX_CHARS);
  constructor(private readonly sim: TaskViewSource) {}

  /** The BasicTaskInstance of `record` at `now`, as JSON. */
  json(record: TaskRecord, now: number): string {
    const hit = this.texts.find(record);
    const m = hit?.meta;
    if (hit && m && m.actions === record.actions.length && (m.settled ? now >= m.now : now === m.now)) return hit.text;
    const view = this.sim.viewOf(record, now);
    return this.texts.put(
      record,
      { now, actions: record.actions.length, settled: view.settled },
      JSON.stringify(renderBasicTask(view, this.sim.offsetMinutes)),
    );
  }
}
