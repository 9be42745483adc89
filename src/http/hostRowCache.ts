/**
 * Hosts as JSON, kept per host. A host record never changes; what a host shows changes only with
 * its agent's status (which follows its newest task) and, for a host being added, its own status
 * (which follows its "Prepare host" task), so the text is made again only then.
 */
import type { AgentStatus, HostStatus } from '../contract/enums.js';
import type { HostRecord } from '../fakes/hosts.js';
import { type HostDescriptions, renderHost } from './render.js';
import { TextCache } from './textCache.js';

/** Characters of host JSON kept at most (about 10,000 hosts). */
const MAX_CHARS = 8 * 1024 * 1024;

export class HostRowCache {
  /** Kept with each text: the agent's status, and the host's own where it differs from the record's. */
  private readonly texts = new TextCache<HostRecord, string>(MAX_CHARS);
  /** `describe`: the host's IDC, region and type descriptions (those records never change while a host points at them). */
  constructor(
    private readonly offsetMinutes: number,
    private readonly describe: (host: HostRecord) => HostDescriptions,
  ) {}

  /** `renderHost(host, state, agentStatus)` as JSON (`state`: Simulator.hostState). */
  json(host: HostRecord, state: { status: HostStatus; updateTime: number }, agentStatus: AgentStatus): string {
    // The update time changes only with the status (a host's task updated it).
    const meta = state.status === host.status ? agentStatus : `${state.status}/${agentStatus}`;
    const hit = this.texts.find(host);
    if (hit && hit.meta === meta) return hit.text;
    return this.texts.put(host, meta, JSON.stringify(renderHost(host, state.status, agentStatus, this.offsetMinutes, state.updateTime, this.describe(host))));
  }
}
