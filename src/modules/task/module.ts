/**
 * OCP's task module as its calls see it: the world's tasks (src/core/tasks.ts, which every
 * module's operations submit to), the answers kept per view, and what the logs say of hosts (their
 * addresses and agents' processes: the host and agent modules know; this one does not import them).
 */
import type { Tasks } from '../../core/tasks.js';
import type { World } from '../../core/world.js';
import type { LogHosts, TaskRecord } from '../../engine/index.js';
import { TaskAnswers } from './answers.js';
import { logOf } from './calls.js';
import { inspectTask } from './inspect.js';

export class TaskModule {
  readonly answers: TaskAnswers;

  constructor(
    readonly world: World,
    readonly tasks: Tasks,
    /** What a log says of the hosts its task ran on. */
    readonly hosts: LogHosts,
  ) {
    this.answers = new TaskAnswers(tasks.views, world.offsetMinutes);
  }

  /** A task as the dashboard inspects it now: its nodes and the actions OCP would accept. */
  inspect(record: TaskRecord, now = this.world.now()) {
    return inspectTask(this.tasks.views.at(record, now), now, this.world.offsetMinutes);
  }

  /** A subtask's log as OCP's log call shows it now. */
  log(taskId: number, subtaskId: number): string {
    return logOf(this, taskId, subtaskId);
  }
}
