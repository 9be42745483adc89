/**
 * The one cache of task views: every reader (task read, task list, host list and host detail
 * through each host's agent status, the dashboard, provider states) asks here for a task as of an
 * instant, and a task is replayed once per instant however many readers ask. A view is stable: the
 * same object is handed out for as long as it still shows the task (`stillShows`, the one freshness
 * rule), so whatever is made from a view (an answer's text, a row) can be kept against the view
 * itself, in a WeakMap, and is fresh exactly when the view is.
 *
 * Plans are cached here too (a plan is rebuilt from its record rather than kept with each of up
 * to 100,000 retained tasks). Everything belongs to one simulator and is cleared by its reset.
 * Bounded by the subtasks the kept views hold and the nodes the kept plans hold (a 1000-host task
 * has 3002), not by their count: past the bound the oldest go.
 */
import { type OperationDecl, planOperation, type SubtaskView, type TaskPlan, type TaskRecord, type TaskView, taskAt } from '../engine/index.js';
import { oneHostTemplate, type PlanZones, takesDocumentedLayout } from '../engine/plan.js';
import { FifoCache } from '../util/fifoCache.js';

/** When and from what a view (or anything computed from one) was made. */
export interface ViewStamp {
  /** The instant it is of. */
  at: number;
  /** How many actions the record had. */
  actions: number;
  /** Nothing was left to happen then, until someone acts. */
  settled: boolean;
}

/**
 * THE freshness rule: what was made of `record` at `stamp` still shows it at `now` when no action
 * came since and either the instant is the same or the task had settled by then.
 */
export function stillShows(stamp: ViewStamp, record: TaskRecord, now: number): boolean {
  return stamp.actions === record.actions.length && (stamp.at === now || (stamp.settled && now > stamp.at));
}

interface Entry {
  view: TaskView;
  actions: number;
  /** Per host, the task's subtasks on it: made on the first agent-status read. */
  byHost?: Map<number, SubtaskView[]>;
}

/** Subtask views kept at most, across all cached views. */
export const VIEW_CACHE_SUBTASKS = 100_000;
/** Plan nodes kept at most, across all cached plans. */
const PLAN_CACHE_NODES = 100_000;
const NONE: readonly SubtaskView[] = [];

/** A task's status and finish time at an instant, for lists and filters. */
export interface TaskSummary {
  status: TaskView['status'];
  finishTime: number | undefined;
  stamp: ViewStamp;
}

export class TaskViews {
  private entries: FifoCache<TaskRecord, Entry>;
  private plans = new FifoCache<TaskRecord, TaskPlan>(PLAN_CACHE_NODES, (plan) => plan.nodes.length);
  /** Each operation's one-host layout (the common case), laid out once. */
  private oneHost = new Map<OperationDecl, TaskPlan>();
  /** Summaries of settled tasks: they outlive the views (a list of 200,000 finished tasks must not replay them). */
  private summaries = new WeakMap<TaskRecord, TaskSummary>();

  constructor(private readonly maxSubtasks = VIEW_CACHE_SUBTASKS) {
    this.entries = new FifoCache(maxSubtasks, (e) => e.view.subtasks.length);
  }

  /** The record's DAG (first in, first out: a hit costs a lookup; a polled task is re-added right after it leaves). */
  planOf(record: TaskRecord): TaskPlan {
    return (
      this.plans.get(record) ?? this.plans.set(record, this.layOut(record.operation, record.hostIds, record.firstSubtaskId, record.layoutSeed, record.subject))
    );
  }

  /** `op`'s DAG on `hostIds` (a one-host plan from the operation's template, laid out once). */
  layOut(op: OperationDecl, hostIds: readonly number[], firstSubtaskId: number, layoutSeed: number, zones?: PlanZones): TaskPlan {
    let template: TaskPlan | undefined;
    if (hostIds.length === 1 && takesDocumentedLayout(op, 1, zones?.zones.length)) {
      template = this.oneHost.get(op);
      if (!template) {
        template = oneHostTemplate(op);
        this.oneHost.set(op, template);
      }
    }
    return planOperation(op, hostIds, firstSubtaskId, layoutSeed, template, zones);
  }

  /** The task at `now`, never cached (a submission's first answer, a retention projection). */
  compute(record: TaskRecord, now: number, plan = this.planOf(record)): TaskView {
    return taskAt(record, now, plan);
  }

  private entry(record: TaskRecord, now: number): Entry {
    const hit = this.entries.get(record);
    if (hit && stillShows({ at: hit.view.at, actions: hit.actions, settled: hit.view.settled }, record, now)) return hit;
    return this.entries.set(record, { view: taskAt(record, now, this.planOf(record)), actions: record.actions.length });
  }

  /** The task at `now`: the same view object for as long as it still shows the task. */
  at(record: TaskRecord, now: number): TaskView {
    return this.entry(record, now).view;
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

  /** Status and finish time at `now`; a settled task's is remembered past its view (lists over many finished tasks stay cheap). */
  summary(record: TaskRecord, now: number): TaskSummary {
    const kept = this.summaries.get(record);
    if (kept && stillShows(kept.stamp, record, now)) return kept;
    const view = this.at(record, now);
    const summary = { status: view.status, finishTime: view.finishTime, stamp: { at: now, actions: record.actions.length, settled: view.settled } };
    if (view.settled) this.summaries.set(record, summary);
    return summary;
  }

  forget(record: TaskRecord): void {
    this.entries.delete(record);
    this.plans.delete(record);
  }

  clear(): void {
    this.entries = new FifoCache(this.maxSubtasks, (e) => e.view.subtasks.length);
    this.plans = new FifoCache<TaskRecord, TaskPlan>(PLAN_CACHE_NODES, (plan) => plan.nodes.length);
    this.oneHost.clear();
    this.summaries = new WeakMap();
  }
}
