/**
 * Hosts as JSON, kept per host. A host record never changes; what a host shows changes only with
 * its agent's status (which follows its newest task), so the text is made again only then.
 * Entries go with their hosts (a WeakMap): a reset's new inventory starts afresh.
 */
import type { AgentStatus } from '../contract/enums.js';
import type { HostRecord } from '../fakes/hosts.js';
import { renderHost } from './render.js';

interface Row {
  agentStatus: AgentStatus;
  offsetMinutes: number;
  json: string;
}

export class HostRowCache {
  private readonly rows = new WeakMap<HostRecord, Row>();

  /** `renderHost(host, agentStatus, offsetMinutes)` as JSON. */
  json(host: HostRecord, agentStatus: AgentStatus, offsetMinutes: number): string {
    const hit = this.rows.get(host);
    if (hit && hit.agentStatus === agentStatus && hit.offsetMinutes === offsetMinutes) return hit.json;
    const json = JSON.stringify(renderHost(host, agentStatus, offsetMinutes));
    this.rows.set(host, { agentStatus, offsetMinutes, json });
    return json;
  }
}
