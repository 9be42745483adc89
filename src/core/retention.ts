/**
 * Which task `--max-tasks` drops next, in O(log n) per submission with any number stored:
 * the oldest task that has finished goes first; if none has finished, the oldest of all
 * (the store's oldest; see Tasks.evictBeyondLimit).
 *
 * A task's future is known from its record (it changes only through actions), so each task is
 * projected once, when submitted or acted on: replayed to its end, which gives the instant from
 * which it no longer runs. While the store is less than half full nothing is dropped soon, so
 * submissions are only queued; past half, each submission projects itself and one queued task,
 * so all are projected by the time the store is full (and a drop projects any still queued). Two min-heaps (the engine's EventQueue, over slots of `projections`)
 * do the rest: `pending` orders tasks by that instant; once it has passed, a task moves to
 * `finished`, ordered by id (submission order). Entries of tasks since dropped or acted on again
 * are skipped when they reach a top, and everything is rebuilt when such stale entries outnumber
 * the live ones, so memory follows the store, not everything ever submitted.
 */
import { EventQueue } from '../engine/eventQueue.js';
import type { TaskPlan, TaskRecord } from '../engine/index.js';
import type { TaskViews } from './taskViews.js';

interface Projection {
  record: TaskRecord;
  /** The record's action count it was projected with. */
  actions: number;
  /** From this instant on the task no longer runs. */
  doneAt: number;
}

export class Retention {
  private pending = new EventQueue();
  private finishedById = new EventQueue();
  private projections: (Projection | undefined)[] = [];
  private stale = 0;
  /** Submitted tasks not projected yet, oldest first. */
  private queued: TaskRecord[] = [];
  private queuedHead = 0;

  /** `isLive`: whether a record is still stored (a dropped or reset task is not); `views`: where its plan is kept. */
  constructor(
    private readonly isLive: (record: TaskRecord) => boolean,
    private readonly views: TaskViews,
  ) {}

  private current(p: Projection | undefined): p is Projection {
    return p !== undefined && p.actions === p.record.actions.length && this.isLive(p.record);
  }

  private add(p: Projection): void {
    this.pending.push(p.doneAt, this.projections.length);
    this.projections.push(p);
  }

  /** A task was submitted (`plan`: its plan, at hand); `halfFull`: the store is at least half full. */
  submitted(record: TaskRecord, plan: TaskPlan, halfFull: boolean): void {
    if (!halfFull) {
      this.queued.push(record);
      return;
    }
    this.project(record, plan);
    this.drainQueued(1);
  }

  /** An action changed `record`'s future: projected anew. */
  acted(record: TaskRecord): void {
    this.noteStale();
    this.project(record);
  }

  private project(record: TaskRecord, plan?: TaskPlan): void {
    const end = this.views.compute(record, Number.POSITIVE_INFINITY, plan);
    this.add({ record, actions: record.actions.length, doneAt: end.finishTime ?? Number.POSITIVE_INFINITY });
  }

  private drainQueued(count: number): void {
    for (let i = 0; i < count && this.queuedHead < this.queued.length; i++) {
      const record = this.queued[this.queuedHead] as TaskRecord;
      this.queued[this.queuedHead++] = undefined as unknown as TaskRecord;
      if (this.isLive(record)) this.project(record);
    }
    if (this.queuedHead === this.queued.length) {
      this.queued = [];
      this.queuedHead = 0;
    }
  }

  /** One more entry no longer current (its task was dropped, or projected anew). */
  noteStale(): void {
    this.stale++;
    if (this.stale > 1024 && this.stale * 2 > this.projections.length) this.rebuild();
  }

  /** The oldest live task that has finished as of `now`, or undefined when all still run. */
  oldestFinished(now: number): TaskRecord | undefined {
    this.drainQueued(Number.POSITIVE_INFINITY);
    for (let at = this.pending.peekAt(); at !== undefined && at <= now; at = this.pending.peekAt()) {
      const slot = this.pending.peekIdx() as number;
      this.pending.pop();
      const p = this.projections[slot];
      if (this.current(p)) this.finishedById.push(p.record.id, slot);
    }
    for (let id = this.finishedById.peekAt(); id !== undefined; id = this.finishedById.peekAt()) {
      const p = this.projections[this.finishedById.peekIdx() as number];
      if (this.current(p)) return p.record;
      this.finishedById.pop();
    }
    return undefined;
  }

  private rebuild(): void {
    const live = this.projections.filter((p): p is Projection => this.current(p));
    this.clear();
    for (const p of live) this.add(p);
  }

  clear(): void {
    this.pending = new EventQueue();
    this.finishedById = new EventQueue();
    this.projections = [];
    this.stale = 0;
    this.queued = [];
    this.queuedHead = 0;
  }
}
