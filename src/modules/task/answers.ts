/**
 * The task module's answers as JSON, kept against the view they were made from (a WeakMap): a view
 * is handed out for as long as it still shows its task (src/core/taskViews.ts), so a kept text is
 * fresh exactly when its view is, and goes when the view does. Pollers read the same task at the
 * same instant again and again (always, with a manual clock), and a dashboard lists the same page:
 * each is serialized once per view, not once per poll.
 */
import type { TaskRecord, TaskView } from '../../engine/index.js';
import { renderBasicTask, renderWrappedTask } from './render.js';

export class TaskAnswers {
  private rows = new WeakMap<TaskView, string>();
  private details = new WeakMap<TaskView, string>();

  /** `views`: the one cache of task views (Tasks.views), which hands out one view while it still shows its task. */
  constructor(
    private readonly views: { at(record: TaskRecord, now: number): TaskView },
    private readonly offsetMinutes: number,
  ) {}

  /** The BasicTaskInstance of `record` at `now`, as JSON (a row of the task list). */
  row(record: TaskRecord, now: number): string {
    return this.kept(this.rows, this.views.at(record, now), renderBasicTask);
  }

  /** The `data` of a task-detail answer at `now`, as JSON. */
  detail(record: TaskRecord, now: number): string {
    return this.kept(this.details, this.views.at(record, now), renderWrappedTask);
  }

  private kept(texts: WeakMap<TaskView, string>, view: TaskView, render: (view: TaskView, offset: number) => unknown): string {
    let text = texts.get(view);
    if (text === undefined) {
      text = JSON.stringify(render(view, this.offsetMinutes));
      texts.set(view, text);
    }
    return text;
  }

  clear(): void {
    this.rows = new WeakMap();
    this.details = new WeakMap();
  }
}
