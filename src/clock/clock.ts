/**
 * The simulated clock, injected everywhere time matters. Tasks never run on timers: their state
 * is computed from this clock's `now()` on each read, so the mode only changes what `now()` says.
 * - real:   wall time (times `speed`, if set, counted from the start);
 * - manual: holds still until `advance(ms)` or `set(t)`.
 */
export type ClockMode = 'real' | 'manual';

export interface ClockInfo {
  mode: ClockMode;
  speed: number;
  now: number;
}

export interface Clock {
  now(): number;
  /** Moves simulated time on by `ms` (manual: exactly; real: shifts the offset). */
  advance(ms: number): void;
  /** Back to the start: the configured start instant (or, with the real clock and none set, wall time now). */
  reset(): void;
  info(): ClockInfo;
}

export interface ClockOptions {
  mode: ClockMode;
  speed?: number;
  /** Simulated instant at start (epoch ms); default: wall time at start. */
  start?: number;
  /** Wall-time source; injectable so tests of the real clock need not sleep. */
  wallTime?: () => number;
}

export function createClock(options: ClockOptions): Clock {
  const wall = options.wallTime ?? Date.now;
  const speed = options.speed ?? 1;
  let wallStart = wall();
  let simStart = options.start ?? wallStart;
  const restart = () => {
    wallStart = wall();
    simStart = options.start ?? wallStart;
  };
  if (options.mode === 'manual') {
    return {
      now: () => simStart,
      advance(ms) {
        simStart += ms;
      },
      reset: restart,
      info: () => ({ mode: 'manual', speed: 0, now: simStart }),
    };
  }
  const now = () => Math.floor(simStart + (wall() - wallStart) * speed);
  return {
    now,
    advance(ms) {
      simStart += ms;
    },
    reset: restart,
    info: () => ({ mode: 'real', speed, now: now() }),
  };
}
