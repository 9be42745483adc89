/**
 * `--watch`: the scenarios, operations and stubs directories read again when their files change.
 * Each kind loads all or none, as at start: a broken file keeps the last good set of its kind in
 * force, and the problem is reported (stderr, and `GET /__mock/health` until a good reload).
 *
 * What a reload changes: scenarios and their request behaviour for requests and tasks from now on
 * (a task keeps what its scenario resolved to when it was submitted); the files' stubs (a stub
 * whose file is unchanged keeps its place in its answers; stubs added at run time stay); the
 * declarations of the user's operations for tasks submitted from now on. An operation's route and
 * permission are registered once, at start: adding, removing or re-routing one is refused (last
 * good set kept) with a message saying it takes a restart.
 */
import type { ResolvedConfig } from '../config.js';
import { routeShape } from '../core/call.js';
import type { RequestPolicies } from '../http/requestPolicy.js';
import { loadOperationDirs, OperationLoadError, type RoutedOperation } from '../modules/agent/index.js';
import { CALLS, scenarioVocabulary } from '../modules/index.js';
import { loadScenarioDirs, ScenarioLoadError, SHIPPED_SCENARIOS_DIR } from '../scenarios/loader.js';
import type { ScenarioRegistry } from '../scenarios/registry.js';
import type { ScenarioVocabulary } from '../scenarios/schema.js';
import type { Simulator } from '../simulator/simulator.js';
import { loadStubDirs, StubLoadError } from '../stubs/loader.js';
import type { StubRegistry } from '../stubs/registry.js';
import { type DirWatcher, watchDirs } from '../util/watch.js';

export type ConfigKind = 'operations' | 'scenarios' | 'stubs';

export interface ReloadDeps {
  config: ResolvedConfig;
  simulator: Simulator;
  scenarios: ScenarioRegistry;
  policies: RequestPolicies;
  stubs: StubRegistry;
}

export interface ReloadOutcome {
  kind: ConfigKind;
  ok: boolean;
  /** Loaded: how many; refused: the problems (files, paths inside them, what was expected). */
  count?: number;
  problems?: string[];
}

/** What `GET /__mock/health` says of the watch. */
export interface WatchHealth {
  dirs: string[];
  reloads: number;
  lastReload?: string;
  /** Per kind whose last reload was refused: the problems; the last good set is in force. */
  problems?: Partial<Record<ConfigKind, string[]>>;
}

const problemsOf = (e: unknown): string[] =>
  e instanceof ScenarioLoadError || e instanceof OperationLoadError || e instanceof StubLoadError ? e.problems : [(e as Error).message];

export class ConfigReloader {
  private reloads = 0;
  private lastReload: number | undefined;
  private readonly problems = new Map<ConfigKind, string[]>();
  private watchers: DirWatcher[] = [];

  constructor(private readonly deps: ReloadDeps) {}

  /** The directories of each kind. */
  dirs(): Record<ConfigKind, readonly string[]> {
    const c = this.deps.config;
    return { operations: c.operationsDirs, scenarios: c.scenariosDirs, stubs: c.stubsDirs };
  }

  private vocabulary(): ScenarioVocabulary {
    return scenarioVocabulary(this.deps.simulator.userOperations);
  }

  private reloadOperations(): number {
    const fresh = loadOperationDirs(
      this.deps.config.operationsDirs,
      Object.values(CALLS).map((call) => routeShape(call.path)),
    );
    const key = (op: RoutedOperation) => `${op.operation.id} POST ${op.route.path} (${op.route.permission})`;
    const before = new Set(this.deps.simulator.userOperations.map(key));
    const after = new Set(fresh.map(key));
    const gone = [...before].filter((k) => !after.has(k));
    const added = [...after].filter((k) => !before.has(k));
    if (gone.length > 0 || added.length > 0) {
      throw new OperationLoadError([
        `adding, removing or re-routing an operation takes a restart (routes are registered at start): ${[
          ...gone.map((k) => `was ${k}`),
          ...added.map((k) => `now ${k}`),
        ].join('; ')}`,
      ]);
    }
    // Scenarios are checked against the new node names before anything changes.
    const scenarios = this.loadScenarios(scenarioVocabulary(fresh));
    this.deps.simulator.replaceUserOperations(fresh);
    this.applyScenarios(scenarios);
    return fresh.length;
  }

  private loadScenarios(vocabulary: ScenarioVocabulary) {
    const loaded = loadScenarioDirs([SHIPPED_SCENARIOS_DIR, ...this.deps.config.scenariosDirs], vocabulary);
    const fallback = this.deps.simulator.defaultScenario;
    if (!loaded.some((l) => l.scenario.name === fallback)) {
      throw new ScenarioLoadError([`the default scenario "${fallback}" is no longer defined (switch it first: PUT /__mock/scenario)`]);
    }
    return loaded;
  }

  private applyScenarios(loaded: ReturnType<typeof loadScenarioDirs>): void {
    this.deps.scenarios.replace(loaded);
    this.deps.policies.replace(loaded.map((l) => l.scenario));
  }

  /** Reads one kind's files again: all or none. Operations bring the scenarios along (they may name their nodes). */
  reload(kind: ConfigKind): ReloadOutcome {
    let count: number;
    try {
      if (kind === 'operations') count = this.reloadOperations();
      else if (kind === 'scenarios') {
        const loaded = this.loadScenarios(this.vocabulary());
        this.applyScenarios(loaded);
        count = loaded.length;
      } else {
        const loaded = loadStubDirs(this.deps.config.stubsDirs);
        this.deps.stubs.replaceFiles(loaded);
        count = loaded.length;
      }
    } catch (e) {
      const problems = problemsOf(e);
      this.problems.set(kind, problems);
      return { kind, ok: false, problems };
    }
    this.problems.delete(kind);
    if (kind === 'operations') this.problems.delete('scenarios');
    this.reloads++;
    this.lastReload = Date.now();
    return { kind, ok: true, count };
  }

  /** Starts watching every directory given; `report` hears each reload's outcome. */
  watch(report: (outcome: ReloadOutcome) => void): void {
    for (const [kind, dirs] of Object.entries(this.dirs()) as [ConfigKind, readonly string[]][]) {
      if (dirs.length === 0) continue;
      this.watchers.push(watchDirs(dirs, () => report(this.reload(kind))));
    }
  }

  get watching(): boolean {
    return this.watchers.length > 0;
  }

  close(): void {
    for (const w of this.watchers) w.close();
    this.watchers = [];
  }

  /** For `GET /__mock/health` while watching; undefined otherwise. */
  health(): WatchHealth | undefined {
    if (!this.watching) return undefined;
    const d = this.dirs();
    const health: WatchHealth = { dirs: [...d.scenarios, ...d.operations, ...d.stubs], reloads: this.reloads };
    if (this.lastReload !== undefined) health.lastReload = new Date(this.lastReload).toISOString();
    if (this.problems.size > 0) health.problems = Object.fromEntries(this.problems);
    return health;
  }
}

/** One line for stderr: `ocp-mock: reloaded scenarios (10)` or what was refused. */
export function describeReload(o: ReloadOutcome): string {
  if (o.ok) return `ocp-mock: --watch: reloaded ${o.kind} (${o.count} loaded)\n`;
  return `ocp-mock: --watch: ${o.kind} not reloaded, the last good set stays in force:\n${(o.problems ?? []).map((p) => `  - ${p}`).join('\n')}\n`;
}
