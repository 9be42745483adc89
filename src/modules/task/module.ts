/**
 * OCP's task module as its calls see it: the world's tasks (src/core/tasks.ts, which every
 * module's operations submit to), the answers kept per view, and where a host's address comes
 * from for the logs (the host module knows; this one does not import it).
 */
import type { Tasks } from '../../core/tasks.js';
import type { World } from '../../core/world.js';
import { TaskAnswers } from './answers.js';
import { logOf } from './calls.js';

export class TaskModule {
  readonly answers: TaskAnswers;

  constructor(
    readonly world: World,
    readonly tasks: Tasks,
    /** The inner IP of a host, for the lines a log writes about it ('unknown' for a host since deleted). */
    readonly hostAddress: (hostId: number) => string,
  ) {
    this.answers = new TaskAnswers(tasks.views, world.offsetMinutes);
  }

  /** A subtask's log as OCP's log call shows it now. */
  log(taskId: number, subtaskId: number): string {
    return logOf(this, taskId, subtaskId);
  }
}
