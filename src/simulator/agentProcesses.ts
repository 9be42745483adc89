/**
 * What the agent's processes show now: the generated processes (src/fakes/agentProcesses.ts)
 * with what happened since, namely processes stopped or restarted through the API and the agent
 * itself stopped (every process reads STOPPED while the agent is OFFLINE; *inferred*). Only the
 * changes are kept, per host and process.
 */
import type { AgentStatus } from '../contract/enums.js';
import { type AgentProcessBase, baseProcesses, pidFor } from '../fakes/agentProcesses.js';
import type { HostRecord } from '../fakes/hosts.js';

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

  get(hostId: number, processId: number): ProcessChange | undefined {
    return this.byHost.get(hostId)?.get(processId);
  }

  set(hostId: number, processId: number, change: ProcessChange): void {
    let changes = this.byHost.get(hostId);
    if (!changes) {
      changes = new Map();
      this.byHost.set(hostId, changes);
    }
    changes.set(processId, change);
  }

  /** Every change, for a compacted state file. */
  *all(): Generator<{ hostId: number; processId: number; change: ProcessChange }> {
    for (const [hostId, changes] of this.byHost) for (const [processId, change] of changes) yield { hostId, processId, change };
  }

  clear(): void {
    this.byHost.clear();
  }

  /** The agent's processes on `host` at `now`, its agent reading `agentStatus`. */
  view(seed: number, host: HostRecord, agentStatus: AgentStatus, now: number): AgentProcessView[] {
    const agentDown = agentStatus === 'OFFLINE';
    const changes = this.byHost.get(host.id);
    return baseProcesses(seed, host).map((base) => {
      const change = changes?.get(base.id);
      const running = !agentDown && (change ? change.running : !base.template.stoppedAtFirst);
      const startedAt = running ? (change?.running ? change.at : base.startedAt) : undefined;
      return {
        base,
        host,
        hostId: host.id,
        running,
        pid: running ? pidFor(seed, host.id, base.index, change?.run ?? 0) : 0,
        startedAt,
        // A running process was active a moment ago; a stopped one when it stopped.
        lastActiveTime: running ? Math.floor(now / 1000) * 1000 : (change?.at ?? base.updateTime),
        updateTime: change?.at ?? base.updateTime,
      };
    });
  }
}
