/**
 * Hosts as JSON, kept per host. A host record never changes; what a host shows changes only with
 * its agent's status (which follows its newest task), so the text is made again only then.
 */
import type { AgentStatus } from '../contract/enums.js';
import type { HostRecord } from '../fakes/hosts.js';
import { renderHost } from './render.js';
import { TextCache } from './textCache.js';

/** Characters of host JSON kept at most (about 10,000 hosts). */
const MAX_CHARS = 8 * 1024 * 1024;

export class HostRowCache {
  private readonly texts = new TextCache<HostRecord, AgentStatus>(MAX_CHARS);
  constructor(private readonly offsetMinutes: number) {}

  /** `renderHost(host, agentStatus)` as JSON. */
  json(host: HostRecord, agentStatus: AgentStatus): string {
    const hit = this.texts.find(host);
    if (hit && hit.meta === agentStatus) return hit.text;
    return this.texts.put(host, agentStatus, JSON.stringify(renderHost(host, agentStatus, this.offsetMinutes)));
  }
}
