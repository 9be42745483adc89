/**
 * The processes of a host's OCP agent, as `GET /compute/hosts/{id}/agent` and `.../agent/processes`
 * list them (ocp-docs/agent/100 and 600): the documented set, in the documented order, with the
 * documented commands, ports and operability. Computed from the host record and the seed, never
 * stored: an inventory of 375,000 hosts keeps no process objects. What changes at run time (a
 * process stopped or restarted, the agent stopped) is the agent module's (../processChanges.ts).
 *
 * *Inferred*: process ids (a block of ten per host, from the agent's id), pids and the instant
 * each process started (drawn from the seed), and that ob_cleaner is installed on about half the
 * hosts, STOPPED: the documented samples show it on host 20 (stopped) and not on host 2, and
 * those two hosts keep it so.
 */

import { hashUnit } from '../../../util/random.js';
import type { HostRecord } from '../../compute/index.js';

export const AGENT_INSTALL_HOME = '/home/admin/ocp_agent';
export const AGENT_LOG_HOME = `${AGENT_INSTALL_HOME}/log`;

interface ProcessTemplate {
  alias: string;
  operable: boolean;
  ports: string;
  startCommand: (host: HostRecord) => string;
  /** Not running until someone starts it. */
  stoppedAtFirst: boolean;
}

const NODE_EXPORTER_FLAGS = [
  'arp',
  'bcache',
  'edac',
  'textfile',
  'time',
  'timex',
  'uname',
  'vmstat',
  'xfs',
  'zfs',
  'cpufreq',
  'conntrack',
  'entropy',
  'ipvs',
  'mdadm',
  'netclass',
  'netstat',
  'nfs',
  'nfsd',
  'pressure',
  'sockstat',
  'stat',
]
  .map((c) => `--no-collector.${c}`)
  .join(' ');

export const PROCESS_TEMPLATES: readonly ProcessTemplate[] = [
  { alias: 'ocp_agentd', operable: false, ports: '', startCommand: () => 'ocp_agentd', stoppedAtFirst: false },
  { alias: 'pos_proxy', operable: false, ports: '62888', startCommand: () => 'pos_proxy', stoppedAtFirst: false },
  {
    alias: 'node_exporter',
    operable: true,
    ports: '63000',
    startCommand: () => `${AGENT_INSTALL_HOME}/agent/node_exporter --web.listen-address=:63000 ${NODE_EXPORTER_FLAGS}`,
    stoppedAtFirst: false,
  },
  { alias: 'ocp_exporter', operable: true, ports: '62889', startCommand: () => 'ocp_exporter', stoppedAtFirst: false },
  {
    alias: 'obstat2',
    operable: true,
    ports: '',
    startCommand: (h) => `${AGENT_INSTALL_HOME}/obagent/obstat2 -o http://${h.innerIpAddress}:80 -c stress __obproxy__ -f 20`,
    stoppedAtFirst: false,
  },
  { alias: 'ob_logtailer', operable: true, ports: '', startCommand: () => 'ob_logtailer', stoppedAtFirst: false },
  { alias: 'ob_cleaner', operable: true, ports: '', startCommand: () => 'ob_cleaner', stoppedAtFirst: true },
];

/** What a process is before anything happened to it at run time. */
export interface AgentProcessBase {
  id: number;
  index: number;
  template: ProcessTemplate;
  /** When it was installed (`createTime`) and last changed (`updateTime`). */
  createTime: number;
  updateTime: number;
  /** When its current run started (running processes). */
  startedAt: number;
  pid: number;
}

const SALT = { pid: 11, started: 12, cleaner: 13 } as const;

function hasCleaner(seed: number, hostId: number): boolean {
  if (hostId === 2 || hostId === 20) return hostId === 20;
  return hashUnit(seed, hostId, SALT.cleaner) < 0.5;
}

/** The agent's processes on `host`, as generated. */
export function baseProcesses(seed: number, host: HostRecord): AgentProcessBase[] {
  const agentIndex = host.hostAgentId - 6000001;
  const templates = hasCleaner(seed, host.id) ? PROCESS_TEMPLATES : PROCESS_TEMPLATES.slice(0, -1);
  return templates.map((template, index) => {
    const createTime = host.createTime + index * 1000;
    // Started some time after the host was created, before it was last updated.
    const span = Math.max(1000, host.updateTime - createTime);
    return {
      id: 101 + agentIndex * 10 + index,
      index,
      template,
      createTime,
      updateTime: createTime,
      startedAt: createTime + Math.floor((hashUnit(seed, host.id, index, SALT.started) * span) / 1000) * 1000,
      pid: pidFor(seed, host.id, index, 0),
    };
  });
}

/** A process id for run `run` of process `index` on a host (the first run is 0). */
export function pidFor(seed: number, hostId: number, index: number, run: number): number {
  return 1000 + Math.floor(hashUnit(seed, hostId, index, run, SALT.pid) * 130_000);
}
