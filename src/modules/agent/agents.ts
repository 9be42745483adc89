/**
 * The agent module's state: each host's OCP agent, whose status follows the newest task on its
 * host (what the task's operation declares, src/engine/hostAgent.ts), and its processes, which
 * follow that task too (a node whose template stops or starts them) and what was done to one
 * process through the API. Agent operations are submitted here, after OCP's checks. A slice of
 * the world: its commands are what the state file keeps of agents.
 */
import { z } from 'zod';
import { AGENT_STATUSES, type AgentStatus } from '../../contract/enums.js';
import { INFERRED_ERRORS, OcpError } from '../../contract/errors.js';
import { type Command, commandDef, type RankedCommands, type StateSlice } from '../../core/commands.js';
import type { Tasks } from '../../core/tasks.js';
import type { World } from '../../core/world.js';
import { agentStatusAfter, type Creator, type OperationDecl, type TaskView } from '../../engine/index.js';
import type { Compute, HostRecord } from '../compute/index.js';
import { PROCESS_TEMPLATES } from './fakes/processes.js';
import { AgentProcessChanges, type AgentProcessView } from './processChanges.js';

const Id = z.number().int().positive();

/** A compaction's record of agents a dropped, finished task left in a status: these hosts' agents now read so. */
export const AgentsCommand = z.strictObject({ c: z.literal('agents'), status: z.enum(AGENT_STATUSES), hostIds: z.array(Id).min(1) });
/** An agent process stopped or (re)started: its state after, and how many times it was started since generated (its pid). */
export const ProcessCommand = z.strictObject({
  c: z.literal('process'),
  at: z.number().int(),
  hostId: Id,
  processId: Id,
  running: z.boolean(),
  run: z.number().int().nonnegative(),
});

/** Agent statuses in which a host is busy (an operation runs on it). */
const BUSY_AGENT: ReadonlySet<AgentStatus> = new Set(['STOPPING', 'RESTARTING', 'REINSTALLING']);

export class Agents implements StateSlice {
  /**
   * Agents whose status a dropped, finished task decided, as a compacted state file records them
   * (in a live run the dropped task itself still decides; see Tasks.latestOn).
   */
  private readonly overrides = new Map<number, AgentStatus>();
  /** Agent processes stopped or restarted through the API. */
  private readonly processChanges = new AgentProcessChanges();

  readonly commands = {
    agents: commandDef(AgentsCommand, (c) => {
      for (const id of c.hostIds) this.overrides.set(id, c.status);
    }),
    process: commandDef(ProcessCommand, (c) => this.processChanges.set(c.hostId, c.processId, { running: c.running, at: c.at, run: c.run })),
  };

  constructor(
    readonly world: World,
    readonly tasks: Tasks,
    readonly compute: Compute,
  ) {
    world.use(this);
    compute.useAgents({
      agentStatus: (host, now) => this.agentStatus(host, now),
      deleteRefusal: (host, now) =>
        tasks.runningOn(host.id, now) || BUSY_AGENT.has(this.agentStatus(host, now))
          ? new OcpError('agentStateForbids', [`${host.id}:${host.innerIpAddress}`])
          : undefined,
    });
  }

  reset(): void {
    this.overrides.clear();
    this.processChanges.clear();
  }

  /** The agent's status now: its own, or what the newest task on the host has made of it. */
  agentStatus(host: HostRecord, now = this.world.now()): AgentStatus {
    const base = this.overrides.get(host.id) ?? host.baseAgentStatus;
    const task = this.tasks.latestOn(host.id);
    if (!task) return base;
    const { view, onHost } = this.tasks.views.subtasksOn(task, host.id, now);
    // What the agent read when the task began (a restart of a stopped agent that is rolled back leaves it stopped).
    const before = task.agentBefore?.[task.hostIds.indexOf(host.id)] ?? base;
    return agentStatusAfter(view, onHost, before);
  }

  /**
   * The agent's processes on `host` at `now`: stopped or started anew by the nodes of its newest task
   * that say so. Stopped by that task (no start after it), those that ran were last active when the
   * agent went down: when that node finished (unless the agent was down already when the task began).
   */
  processes(host: HostRecord, now = this.world.now()): AgentProcessView[] {
    let down = this.agentStatus(host, now) === 'OFFLINE';
    let restartedAt: number | undefined;
    let downAt: number | undefined;
    const task = this.tasks.latestOn(host.id);
    if (task) {
      const { onHost } = this.tasks.views.subtasksOn(task, host.id, now);
      const done = (effect: 'stop' | 'start') =>
        onHost.find((s) => task.operation.templates[s.node.kind]?.processes === effect && s.status === 'SUCCESSFUL' && s.operation !== 'ROLLBACK');
      const started = done('start');
      const stopped = started ? undefined : done('stop');
      if (started) restartedAt = started.finishTime;
      else if (stopped) {
        down = true;
        const before = task.agentBefore?.[task.hostIds.indexOf(host.id)] ?? this.overrides.get(host.id) ?? host.baseAgentStatus;
        if (before !== 'OFFLINE') downAt = stopped.finishTime;
      }
    }
    return this.processChanges.view(this.world.seed, host, down, restartedAt, now, downAt);
  }

  /**
   * The agent's `updateTime`: when the newest task on the host last changed its status (the last of
   * the operation's effect nodes that succeeded on it, not undone), else the host's own. Whole
   * seconds, as ocp-docs/agent/100 prints it, and as a host updated by its task reads (Compute.hostState).
   */
  updateTime(host: HostRecord, now = this.world.now()): number {
    const task = this.tasks.latestOn(host.id);
    if (!task) return host.updateTime;
    const { onHost } = this.tasks.views.subtasksOn(task, host.id, now);
    let at: number | undefined;
    for (const effect of task.operation.effects ?? []) {
      const node = onHost.find((s) => s.node.kind === effect.after);
      if (node?.status === 'SUCCESSFUL' && node.operation !== 'ROLLBACK' && node.finishTime !== undefined) at = Math.max(at ?? 0, node.finishTime);
    }
    return at === undefined ? host.updateTime : Math.max(host.updateTime, Math.floor(at / 1000) * 1000);
  }

  /** The processes of `hostId`'s agent a whole-agent stop or start at `at` acts on (for the tasks' logs); a deleted host's, as generated. */
  processNames(hostId: number, starting: boolean, at: number): readonly string[] {
    const host = this.compute.findHost(hostId);
    if (!host) return PROCESS_TEMPLATES.filter((t) => !t.stoppedAtFirst).map((t) => t.alias);
    return this.processChanges.names(this.world.seed, host, starting, at);
  }

  /**
   * Stops or restarts one process of a host's agent, at once (OCP answers with the process).
   * Unknown host 404 CMP07005, unknown process 404 CMP07054, a basic process (not `operable`)
   * 400 (inferred), an agent that is not running 400 CMP07019.
   */
  actOnProcess(hostId: number, processId: number, action: 'stop' | 'restart'): AgentProcessView {
    const host = this.compute.host(hostId);
    const now = this.world.now();
    const before = this.processes(host, now).find((p) => p.base.id === processId);
    if (!before) throw new OcpError('agentProcessNotFound', [hostId, processId]);
    if (!before.base.template.operable) throw new OcpError(INFERRED_ERRORS.agentProcessNotOperable, [hostId, before.base.template.alias]);
    if (this.agentStatus(host, now) !== 'AVAILABLE') throw new OcpError('agentStateForbids', [`${host.id}:${host.innerIpAddress}`]);
    const run = (this.processChanges.get(hostId, processId)?.run ?? 0) + (action === 'restart' ? 1 : 0);
    const running = action === 'restart';
    this.world.commit({ c: 'process', at: now, hostId, processId, running, run } as Command);
    const after = this.processes(host, now).find((p) => p.base.id === processId) as AgentProcessView;
    // The restarted process is active this very instant: its answer prints it to the millisecond, as
    // ocp-docs/agent/700's sample does (later reads, like every running process, the whole second).
    return running ? { ...after, lastActiveTime: now } : after;
  }

  /**
   * Submits an agent operation on `hostIds` (distinct positive ids; one for a single-host
   * operation), as every call that runs one does (the API, the dashboard, provider states). Unknown
   * host: 404 CMP07005; an agent the operation may not start from (another operation runs on it, a
   * host still being added, say): 400 CMP07019. Check and claim happen in one synchronous step, so
   * of two concurrent operations on a host exactly one wins.
   */
  runOperation(op: OperationDecl, creator: Creator, hostIds: readonly number[], scenarioName: string): TaskView {
    this.world.scenarios.get(scenarioName);
    const at = this.world.now();
    const hosts = hostIds.map((id) => this.compute.host(id));
    // What each agent reads now: checked against the operation, and kept on the task only where it
    // differs from the host's own status (rare: after an earlier operation).
    let differs = false;
    const now = hosts.map((host) => {
      // One operation at a time on an agent: its status must allow this one, and no task on it may still run
      // (a stop's agent reads OFFLINE before its Finish node has run).
      const busy = this.tasks.runningOn(host.id, at);
      const status = this.agentStatus(host, at);
      // A host still being added has no agent to act on, whatever it reads: only its own preparation runs on it.
      const unprepared = !op.hostStatusAfter && this.compute.hostStatus(host, at) === 'NEW';
      if (busy || unprepared || !op.startsFrom?.includes(status)) throw new OcpError('agentStateForbids', [`${host.id}:${host.innerIpAddress}`]);
      if (status !== (this.overrides.get(host.id) ?? host.baseAgentStatus)) differs = true;
      return status;
    });
    return this.tasks.submit(op, creator, hostIds, scenarioName, differs ? now : undefined);
  }

  liveBound(): number {
    return this.overrides.size + this.processChanges.size;
  }

  /**
   * Agents a dropped, finished task still decides, as what it left them reading (a dropped task
   * still running is the task module's, written whole); then the processes changed through the API.
   */
  live(now: number): RankedCommands[] {
    const agents = new Map(this.overrides);
    for (const record of this.tasks.droppedLatest()) {
      if (!this.tasks.views.at(record, now).settled) continue;
      for (const id of record.hostIds) {
        const host = this.compute.findHost(id);
        if (!host || this.tasks.latestOn(id) !== record) continue;
        const status = this.agentStatus(host, now);
        if (status === host.baseAgentStatus) agents.delete(id);
        else agents.set(id, status);
      }
    }
    const byStatus = new Map<AgentStatus, number[]>();
    for (const [id, status] of agents) {
      const ids = byStatus.get(status) ?? [];
      ids.push(id);
      byStatus.set(status, ids);
    }
    const agentLines: Command[] = [...byStatus].map(([status, hostIds]) => ({ c: 'agents', status, hostIds: hostIds.sort((a, b) => a - b) }) as Command);
    const processLines: Command[] = [];
    for (const { hostId, processId, change } of this.processChanges.all()) processLines.push({ c: 'process', hostId, processId, ...change } as Command);
    return [
      { rank: 41, commands: agentLines },
      { rank: 50, commands: processLines },
    ];
  }
}
