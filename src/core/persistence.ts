/**
 * Where committed commands go: a state file (`--state-file`), or nowhere. Every commit appends its
 * command; when the file holds more than twice what is live (dropped tasks outweigh retained ones,
 * or dropped running ones have since finished), it is rewritten as what is live, so the file and a
 * restart follow what is retained. What is live grows by at most one command per command appended,
 * so a compaction is due only after as many appends as it writes: O(1) a command.
 */
import type { ClockAnchor } from './clock.js';
import { type Command, type CommandLog, NO_LOG } from './commands.js';
import { loadStateFile, STATE_FORMAT, STATE_VERSION, StateFileLog, type StateSettings, stateFileExists } from './stateFile.js';
import type { World } from './world.js';

export class Persistence {
  private log: CommandLog = NO_LOG;
  /** Commands in the state file before the appended ones (what the last compaction wrote, or what was loaded). */
  private compactedLines = 0;
  /** Where the state file's history starts: a compaction writes only what came after it. */
  private logStart: { simStart: number; defaultScenario: string } = { simStart: 0, defaultScenario: '' };

  constructor(private readonly world: World) {}

  /** Whether commands are kept at all (without a state file a load test builds no command it would drop). */
  get keeping(): boolean {
    return this.log !== NO_LOG;
  }

  /**
   * From now on, committed commands also go to `log`, whose header starts from `start` (its clock
   * anchor and default scenario).
   */
  attach(log: CommandLog, start: { clock: ClockAnchor; defaultScenario: string }, linesInFile = 0): void {
    this.log = log;
    this.logStart = { simStart: start.clock.simStart, defaultScenario: start.defaultScenario };
    this.compactedLines = linesInFile;
    // A file that outgrew what it holds (a restart after a long run) is compacted at once.
    this.compactIfDue();
  }

  append(command: Command): void {
    if (this.log === NO_LOG) return;
    this.log.append(command);
    this.compactIfDue();
  }

  /** After a reset the past is gone: the file holds only the reset; the header keeps its default scenario. */
  restart(reset: Command & { clock: ClockAnchor }): void {
    this.log.restart(reset);
    this.logStart = { ...this.logStart, simStart: reset.clock.simStart };
  }

  private compactIfDue(): void {
    const now = this.world.now();
    let live = 4;
    for (const slice of this.world.stateSlices) live += slice.liveBound(now);
    if (this.compactedLines + this.log.appended > 2 * live + 64) this.compact();
  }

  /** Rewrites the state file (if any) as what is live now; done by itself as the file grows. */
  compact(): void {
    const commands = this.liveCommands();
    this.log.compact(commands);
    this.compactedLines = commands.length;
  }

  /** The commands that rebuild the state as it is now: the clock and scenario, then every slice's, by rank. */
  private liveCommands(): Command[] {
    const out: Command[] = [];
    const world = this.world;
    const moved = world.clock.anchor().simStart - this.logStart.simStart;
    if (moved > 0) out.push({ c: 'advance', ms: moved } as Command);
    if (world.defaultScenario !== this.logStart.defaultScenario) out.push({ c: 'scenario', name: world.defaultScenario } as Command);
    const now = world.now();
    const ranked = world.stateSlices.flatMap((slice) => slice.live(now));
    // Stable: groups of one rank keep the order of their slices.
    ranked.sort((a, b) => a.rank - b.rank);
    for (const group of ranked) out.push(...group.commands);
    return out;
  }
}

/** Rebuilds the world from its state file (or starts one) and keeps every later command in it. */
export function attachStateFile(world: World, path: string, settings: StateSettings): void {
  if (!stateFileExists(path)) {
    const header = {
      format: STATE_FORMAT,
      version: STATE_VERSION,
      ...settings,
      clock: world.clock.anchor(),
      defaultScenario: world.defaultScenario,
    } as const;
    world.persistence.attach(StateFileLog.create(path, header), header);
    return;
  }
  const loaded = loadStateFile(path, settings, world.commandSchema());
  world.restore(loaded.header, loaded.commands);
  if (loaded.droppedTornTail) process.stderr.write(`ocp-mock: ${path}: dropped a torn last line (a command that was never acknowledged)\n`);
  const log = loaded.droppedTornTail ? StateFileLog.rewrite(path, loaded.header, loaded.commands) : new StateFileLog(path, loaded.header);
  world.persistence.attach(log, loaded.header, loaded.commands.length);
}
