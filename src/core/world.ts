/**
 * The simulated world without transport and without any module: the clock, the seed and what is
 * drawn from it for the HTTP layer (trace ids, request-level draws), the scenarios and the default
 * one, and the one way state changes: `commit(command)`, which applies a command through the slice
 * that owns it, then keeps it in the state file (persistence.ts). Replaying a state file applies
 * the same commands through the same code. Modules register their slices (`use`) and know the world;
 * the world knows none of them.
 */
import { z } from 'zod';
import type { ScenarioRegistry } from '../scenarios/registry.js';
import type { Scenario } from '../scenarios/schema.js';
import { SALT, Stream } from '../util/random.js';
import type { Clock, ClockAnchor } from './clock.js';
import { CORE_COMMANDS, type Command, type CommandDef, type StateSlice } from './commands.js';
import { Persistence } from './persistence.js';

export interface WorldOptions {
  seed: number;
  /** The server's UTC offset in minutes (`--tz`). */
  offsetMinutes: number;
  clock: Clock;
  scenarios: ScenarioRegistry;
  defaultScenario: string;
  /** Printed as `executor` and `server`. */
  serverAddress: string;
}

export class World {
  readonly clock: Clock;
  readonly scenarios: ScenarioRegistry;
  readonly seed: number;
  readonly offsetMinutes: number;
  readonly serverAddress: string;
  readonly persistence: Persistence;
  private defaultScenarioName: string;
  private traceIds!: Stream;
  private requestDraws!: Stream;
  private readonly slices: StateSlice[] = [];
  private readonly defs = new Map<string, CommandDef>();
  /** True while a state file's commands are replayed. */
  restoring = false;

  constructor(private readonly options: WorldOptions) {
    this.clock = options.clock;
    this.scenarios = options.scenarios;
    this.seed = options.seed;
    this.offsetMinutes = options.offsetMinutes;
    this.serverAddress = options.serverAddress;
    this.scenarios.get(options.defaultScenario, 'scenario');
    this.defaultScenarioName = options.defaultScenario;
    this.persistence = new Persistence(this);
    this.startFresh();
  }

  /** Registers a part of the world whose commands the state file keeps (a module's slice, the tasks, the stubs), and starts it fresh. */
  use(slice: StateSlice): void {
    for (const [tag, def] of Object.entries(slice.commands)) {
      if (this.defs.has(tag) || tag in CORE_COMMANDS) throw new Error(`two slices own the command ${tag}`);
      this.defs.set(tag, def);
    }
    this.slices.push(slice);
    slice.reset();
  }

  /** Every slice, in the order they were registered. */
  get stateSlices(): readonly StateSlice[] {
    return this.slices;
  }

  /** What a state file's command lines must be: the world's own and every slice's. */
  commandSchema(): z.ZodType<Command> {
    const schemas = [...Object.values(CORE_COMMANDS), ...[...this.defs.values()].map((d) => d.schema)];
    return z.discriminatedUnion('c', schemas as unknown as [z.ZodObject, ...z.ZodObject[]]) as unknown as z.ZodType<Command>;
  }

  /**
   * Applies an accepted command (its checks were made before it was built) and keeps it in the
   * state file, compacting the file when it is due. Returns what the command made.
   */
  commit(command: Command): unknown {
    const made = this.apply(command);
    this.persistence.append(command);
    return made;
  }

  /** Applies a command, live or replayed, through the one piece of code that owns it. */
  apply(command: Command): unknown {
    switch (command.c) {
      case 'advance':
        this.clock.advance((command as z.infer<typeof CORE_COMMANDS.advance>).ms);
        return undefined;
      case 'scenario':
        this.switchScenario((command as z.infer<typeof CORE_COMMANDS.scenario>).name);
        return undefined;
      case 'reset':
        this.clock.restore((command as z.infer<typeof CORE_COMMANDS.reset>).clock);
        this.startFresh(false);
        return undefined;
    }
    const def = this.defs.get(command.c);
    if (!def) throw new Error(`no slice owns the command ${command.c}`);
    return def.apply(command);
  }

  /**
   * Rebuilds the state a state file describes: the clock anchor and default scenario it starts
   * from, then its commands in order (not logged again).
   */
  restore(start: { clock: ClockAnchor; defaultScenario: string }, commands: readonly Command[]): void {
    this.clock.restore(start.clock);
    this.startFresh(false);
    if (this.scenarios.has(start.defaultScenario)) this.defaultScenarioName = start.defaultScenario;
    this.restoring = true;
    try {
      for (const command of commands) this.apply(command);
    } finally {
      this.restoring = false;
    }
  }

  /** Back to the seed's start: clock, every slice, trace ids and the default scenario; the state file starts anew. */
  reset(): void {
    this.startFresh();
    this.persistence.restart({ c: 'reset', clock: this.clock.anchor() });
  }

  private startFresh(resetClock = true): void {
    if (resetClock) this.clock.reset();
    for (const slice of this.slices) slice.reset();
    this.traceIds = new Stream(this.seed, SALT.traceIds);
    this.requestDraws = new Stream(this.seed, SALT.requestDraws);
    this.defaultScenarioName = this.options.defaultScenario;
  }

  now(): number {
    return this.clock.now();
  }

  /** Moves simulated time on (kept in the state file). */
  advanceClock(ms: number): void {
    this.commit({ c: 'advance', ms } as Command);
  }

  nextTraceId(): string {
    return this.traceIds.hex(16);
  }

  /** A uniform draw for request-level behaviour (latency, faults), repeatable for a seed. */
  nextRequestDraw(): number {
    return this.requestDraws.next();
  }

  get defaultScenario(): string {
    return this.defaultScenarioName;
  }

  /** Switches the default scenario (an unknown name is OCP's 400, naming the known ones). */
  setDefaultScenario(name: string): void {
    this.commit({ c: 'scenario', name } as Command);
  }

  private switchScenario(name: string): void {
    this.scenarios.get(name, 'name');
    this.defaultScenarioName = name;
  }

  scenario(name: string): Scenario {
    return this.scenarios.get(name);
  }
}
