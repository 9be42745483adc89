/**
 * Timing the engine draws for itself (a scenario sets run durations; these are the gaps OCP's
 * scheduler adds). *Inferred* from the timestamps of samples/task_detail_finished_response.json:
 * a READY subtask is picked up 0.6-1.2 s later; undoing a subtask takes about a second.
 */
import { hashUnit } from '../util/random.js';

export const DISPATCH_DELAY_MS = [300, 1200] as const;
export const ROLLBACK_RUN_MS = [400, 1500] as const;
export const CANCEL_DELAY_MS = [300, 1500] as const;

const SALT = { dispatch: 1, duration: 2, rollback: 3, cancel: 4 } as const;

function draw(range: readonly [number, number], u: number): number {
  return Math.round(range[0] + u * (range[1] - range[0]));
}

export function dispatchDelay(seed: number, nodeIndex: number, attempt: number): number {
  return draw(DISPATCH_DELAY_MS, hashUnit(seed, nodeIndex, attempt, SALT.dispatch));
}

export function runDuration(seed: number, nodeIndex: number, runTime: number, range: readonly [number, number]): number {
  return draw(range, hashUnit(seed, nodeIndex, runTime, SALT.duration));
}

export function rollbackDuration(seed: number, nodeIndex: number): number {
  return draw(ROLLBACK_RUN_MS, hashUnit(seed, nodeIndex, 0, SALT.rollback));
}

export function cancelDelay(seed: number, nodeIndex: number, runTime: number): number {
  return draw(CANCEL_DELAY_MS, hashUnit(seed, nodeIndex, runTime, SALT.cancel));
}
