/**
 * The simulated clock, injected everywhere time matters. Tasks never run on timers: their state
 * is computed from this clock's `now()` on each read, so the mode only changes what `now()` says.
 * - real:   simulated now = simStart + (wall now - wallStart) * speed;
 * - manual: holds still at simStart until `advance(ms)`.
 * The anchor (simStart, wallStart) is what a state file keeps, so that time carries on across a
 * restart as if there had been none.
 */
export type ClockMode = 'real' | 'manual';

export interface ClockInfo {
  mode: ClockMode;
  speed: number;
  now: number;
}

export interface ClockAnchor {
  simStart: number;
  wallStart: number;
}

export interface Clock {
  now(): number;
  /** Moves simulated time on by `ms`. */
  advance(ms: number): void;
  /** Back to the start: the configured start instant (or, with the real clock and none set, wall time now). */
  reset(): void;
  info(): ClockInfo;
  anchor(): ClockAnchor;
  restore(anchor: ClockAnchor): void;
  /** Real clock only: from now on, simulated time runs `speed` times faster than wall time. */
  setSpeed(speed: number): void;
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
  let speed = options.mode === 'manual' ? 0 : (options.speed ?? 1);
  let wallStart = wall();
  let simStart = options.start ?? wallStart;
  const now = () => (speed === 0 ? simStart : Math.floor(simStart + (wall() - wallStart) * speed));
  return {
    now,
    advance(ms) {
      simStart += ms;
    },
    reset() {
      wallStart = wall();
      simStart = options.start ?? wallStart;
    },
    info: () => ({ mode: options.mode, speed, now: now() }),
    anchor: () => ({ simStart, wallStart }),
    restore(anchor) {
      simStart = anchor.simStart;
      wallStart = anchor.wallStart;
    },
    setSpeed(next) {
      if (options.mode === 'manual') throw new Error('a manual clock has no speed');
      // Re-anchor at this instant, so time does not jump when the speed changes.
      simStart = now();
      wallStart = wall();
      speed = next;
    },
  };
}
