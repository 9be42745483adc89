/**
 * The one cache of task views: every reader (task read, task list, host list and host detail
 * through each host's agent status, the dashboard, provider states) asks here for a task as of an
 * instant, and a task is replayed once per instant however many readers ask. A settled view
 * (nothing left to happen until someone acts) serves every later instant too.
 *
 * Bounded by the subtasks the kept views hold (a 1000-host task holds 3002), not by their count:
 * past the bound the oldest views go.
 */
import type { TaskPlan } from '../engine/plan.js';
import { taskAt } from '../engine/simulate.js';
import type { TaskRecord } from '../engine/task.js';
import type { SubtaskView, TaskView } from '../engine/view.js';
import { FifoCache } from '../util/fifoCache.js';

interface Entry {
  view: TaskView;
  actions: number;
  /** Per host, the task's subtasks on it: made on the first agent-status read. */
  byHost?: Map<number, SubtaskView[]>;
}

/** Subtask views kept at most, across all cached views. */
export const VIEW_CACHE_SUBTASKS = 100_000;
const NONE: readonly SubtaskView[] = [];

export class TaskViews {
  private readonly entries: FifoCache<TaskRecord, Entry>;
  constructor(maxSubtasks = VIEW_CACHE_SUBTASKS) {
    this.entries = new FifoCache(maxSubtasks, (e) => e.view.subtasks.length);
  }

  private entry(record: TaskRecord, now: number, plan?: TaskPlan): Entry {
    const hit = this.entries.get(record);
    if (hit && hit.actions === record.actions.length) {
      if (hit.view.at === now) return hit;
      if (hit.view.settled && now > hit.view.at) {
        // The same task later: only the instant differs.
        return this.entries.set(record, { view: { ...hit.view, at: now }, actions: hit.actions, byHost: hit.byHost });
      }
    }
    return this.entries.set(record, { view: taskAt(record, now, plan), actions: record.actions.length });
  }

  /** The task at `now` (`plan`: the record's plan when the caller has just built it). */
  at(record: TaskRecord, now: number, plan?: TaskPlan): TaskView {
    return this.entry(record, now, plan).view;
  }

  /** The view at `now` and the task's subtasks on `hostId` (indexed once per view). */
  subtasksOn(record: TaskRecord, hostId: number, now: number): { view: TaskView; onHost: readonly SubtaskView[] } {
    const e = this.entry(record, now);
    if (!e.byHost) {
      e.byHost = new Map();
      for (const s of e.view.subtasks) {
        if (s.node.hostId === undefined) continue;
        const list = e.byHost.get(s.node.hostId);
        if (list) list.push(s);
        else e.byHost.set(s.node.hostId, [s]);
      }
    }
    return { view: e.view, onHost: e.byHost.get(hostId) ?? NONE };
  }

  forget(record: TaskRecord): void {
    this.entries.delete(record);
  }

  clear(): void {
    this.entries.clear();
  }
}
