/**
 * Rows of the task list (`GET /tasks/instances`) as JSON, kept per task. A dashboard or a poller
 * lists the same page again and again; a row is replayed and serialized again only when its task
 * could look different: another instant while it still has something to do, or a new action.
 * A settled task's row (nothing left to happen until someone acts) is kept across instants.
 * Entries go with their tasks (a WeakMap), so an evicted or reset task takes its row with it.
 */
import { taskAt } from '../engine/simulate.js';
import type { TaskRecord } from '../engine/task.js';
import { renderBasicTask } from './render.js';

interface Row {
  now: number;
  actions: number;
  settled: boolean;
  offsetMinutes: number;
  json: string;
}

export class TaskRowCache {
  private readonly rows = new WeakMap<TaskRecord, Row>();

  /** The BasicTaskInstance of `record` at `now`, as JSON. */
  json(record: TaskRecord, now: number, offsetMinutes: number): string {
    const hit = this.rows.get(record);
    if (hit && hit.actions === record.actions.length && hit.offsetMinutes === offsetMinutes && (hit.settled ? now >= hit.now : now === hit.now)) {
      return hit.json;
    }
    const view = taskAt(record, now);
    const json = JSON.stringify(renderBasicTask(view, offsetMinutes));
    this.rows.set(record, { now, actions: record.actions.length, settled: view.settled, offsetMinutes, json });
    return json;
  }
}
