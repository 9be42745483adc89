/** The agent module's answers in OCP's wire shapes (src/contract/schemas.ts), keys in alphabetical order as OCP prints them. */
import type { AgentStatus } from '../../contract/enums.js';
import { formatOcpTime } from '../../contract/time.js';
import type { HostRecord } from '../compute/index.js';
import { AGENT_INSTALL_HOME, AGENT_LOG_HOME } from './fakes/processes.js';
import type { AgentProcessView } from './processChanges.js';

type Json = Record<string, unknown>;

/** A process of a host's agent (ocp-docs/agent/600); a stopped one prints nulls where the sample does. */
export function renderAgentProcess(p: AgentProcessView, now: number, offset: number): Json {
  const t = p.base.template;
  return {
    alias: t.alias,
    createTime: formatOcpTime(p.base.createTime, offset),
    elapsedTime: p.startedAt === undefined ? 0 : Math.max(0, Math.floor((now - p.startedAt) / 1000)),
    hostId: p.hostId,
    id: p.base.id,
    lastActiveTime: formatOcpTime(p.lastActiveTime, offset),
    logFilePattern: `${AGENT_LOG_HOME}/${t.alias}.log*`,
    operable: t.operable,
    pid: p.pid,
    ports: p.running ? t.ports : null,
    startCommand: p.running ? t.startCommand(p.host) : null,
    status: p.running ? 'STARTED' : 'STOPPED',
    updateTime: formatOcpTime(p.updateTime, offset),
    user: p.running ? 'root' : null,
  };
}

/** `GET /api/v2/compute/hosts/{id}/agent` (ocp-docs/agent/100); `updateTime`, the agent's (Agents.updateTime). */
export function renderHostAgent(
  h: HostRecord,
  agentStatus: AgentStatus,
  processes: readonly AgentProcessView[],
  now: number,
  offset: number,
  updateTime = h.updateTime,
): Json {
  // The agent was last seen when a process of it last was, or when it was last updated (*inferred*).
  const lastAvailable = processes.reduce((t, p) => Math.max(t, p.lastActiveTime), updateTime);
  return {
    createTime: formatOcpTime(h.createTime, offset),
    hostId: h.id,
    hostInnerIpAddress: h.innerIpAddress,
    id: h.hostAgentId,
    installHome: AGENT_INSTALL_HOME,
    lastAvailableTime: formatOcpTime(lastAvailable, offset),
    logHome: AGENT_LOG_HOME,
    processes: processes.map((p) => renderAgentProcess(p, now, offset)),
    status: agentStatus,
    updateTime: formatOcpTime(updateTime, offset),
    version: h.hostAgentVersion,
  };
}
