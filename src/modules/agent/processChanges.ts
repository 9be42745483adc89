/**
 * What the agent's processes show now: the generated processes (fakes/processes.ts)
 * with what happened since, namely processes stopped or restarted through the API, the agent's
 * processes stopped by a task (every process reads STOPPED once the task's "Stop all OCP agent
 * processes" succeeded on the host) and started again by a restart ("Start all OCP agent
 * processes": each process that ran starts anew then, with a new pid). *Inferred*. Only the
 * changes made through the API are kept, per host and process; the rest follows the host's tasks.
 */
import type { HostRecord } from '../compute/index.js';
import { type AgentProcessBase, baseProcesses, pidFor } from './fakes/processes.js';

/** A process's state after the last stop or restart through the API. */
export interface ProcessChange {
  running: boolean;
  at: number;
  /** How many times it was started since generated: its pid is drawn from this. */
  run: number;
}

export interface AgentProcessView {
  base: AgentProcessBase;
  host: HostRecord;
  hostId: number;
  running: boolean;
  pid: number;
  /** When its current run started (running only). */
  startedAt: number | undefined;
  lastActiveTime: number;
  updateTime: number;
}

export class AgentProcessChanges {
  private readonly byHost = new Map<number, Map<number, ProcessChange>>();
  private count = 0;

  get(hostId: number, processId: number): ProcessChange | undefined {
    return this.byHost.get(hostId)?.get(processId);
  }

  set(hostId: number, processId: number, change: ProcessChange): void {
    let changes = this.byHost.get(hostId);
    if (!changes) {
      changes = new Map();
      this.byHost.set(hostId, changes);
    }
    if (!changes.has(processId)) this.count++;
    changes.set(processId, change);
  }

  /** How many processes were changed, in O(1) (a compaction's due-check asks on every commit). */
  get size(): number {
    return this.count;
  }

  /** Every change, for a compacted state file. */
  *all(): Generator<{ hostId: number; processId: number; change: ProcessChange }> {
    for (const [hostId, changes] of this.byHost) for (const [processId, change] of changes) yield { hostId, processId, change };
  }

  clear(): void {
    this.byHost.clear();
    this.count = 0;
  }

  /**
   * The aliases of the processes on `host` a whole-agent stop at `at` stops (those running by their
   * own state then) or a start starts (what view() starts on a restart), in the agent's order: what
   * the tasks' logs name. A change made after `at` is not known then: the process counts as generated.
   */
  names(seed: number, host: HostRecord, starting: boolean, at: number): string[] {
    const changes = this.byHost.get(host.id);
    const out: string[] = [];
    for (const base of baseProcesses(seed, host)) {
      const change = changes?.get(base.id);
      const runs = change !== undefined && change.at <= at ? change.running : !base.template.stoppedAtFirst;
      if (runs || (starting && !base.template.stoppedAtFirst)) out.push(base.template.alias);
    }
    return out;
  }

  /**
   * The agent's processes on `host` at `now`: `down`, the agent's processes are stopped (by a
   * task; since `downAt`, if they ran until then); `restartedAt`, when a restart last started them.
   */
  view(seed: number, host: HostRecord, down: boolean, restartedAt: number | undefined, now: number, downAt?: number): AgentProcessView[] {
    const changes = this.byHost.get(host.id);
    return baseProcesses(seed, host).map((base) => {
      let change = changes?.get(base.id);
      let pid = pidFor(seed, host.id, base.index, change?.run ?? 0);
      let startedAt = change?.running ? change.at : base.startedAt;
      let runs = change ? change.running : !base.template.stoppedAtFirst;
      if (restartedAt !== undefined && (!change || change.at <= restartedAt)) {
        // Started anew by the restart (a process that was stopped at first stays so).
        runs = change ? change.running || !base.template.stoppedAtFirst : !base.template.stoppedAtFirst;
        startedAt = restartedAt;
        pid = pidFor(seed, host.id, base.index, restartedAt);
        change = undefined;
      }
      const running = !down && runs;
      // A running process was active a moment ago; a stopped one when it stopped: with the agent
      // (`downAt`) or on its own. Whole seconds, as ocp-docs/agent/100 and 800 print them.
      const stoppedAt = runs && downAt !== undefined ? downAt : change?.at;
      return {
        base,
        host,
        hostId: host.id,
        running,
        pid: running ? pid : 0,
        startedAt: running ? startedAt : undefined,
        lastActiveTime: Math.floor((running ? now : (stoppedAt ?? base.updateTime)) / 1000) * 1000,
        // A stop or restart leaves the process's own updateTime (ocp-docs/agent/700 and 800 print it unchanged).
        updateTime: base.updateTime,
      };
    });
  }
}
