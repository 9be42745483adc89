/**
 * The host module's records in OCP's wire shapes (src/contract/schemas.ts), keys in alphabetical
 * order as OCP prints them; and hosts as JSON, kept per host.
 */
import type { AgentStatus, HostStatus } from '../../contract/enums.js';
import { formatOcpTime } from '../../contract/time.js';
import { TextCache } from '../../util/textCache.js';
import { type HostRecord, type HostService, NO_SERVICES } from './fakes/hosts.js';
import type { HostTypeRecord, IdcRecord, RegionRecord } from './fakes/inventory.js';

type Json = Record<string, unknown>;

/** The descriptions of a host's IDC, region and host type (Compute.hostDescriptions). */
export interface HostDescriptions {
  idc: string | null;
  region: string | null;
  type: string | null;
}

const NO_DESCRIPTIONS: HostDescriptions = { idc: null, region: null, type: null };

/**
 * A host as `GET /api/v2/compute/hosts/{id}` shows it (samples/host_detail_response.json); its
 * `idcDescription`, `regionDescription` and `typeDescription` are its IDC's, region's and type's
 * (ocp-docs/host/1400's table; the sample's host prints null for each, as its records have none).
 */
export function renderHost(
  h: HostRecord,
  status: HostStatus,
  agentStatus: AgentStatus,
  offset: number,
  updateTime = h.updateTime,
  descriptions = NO_DESCRIPTIONS,
  services: readonly HostService[] = NO_SERVICES,
): Json {
  return {
    alias: h.alias ?? null,
    architecture: h.architecture,
    createTime: formatOcpTime(h.createTime, offset),
    description: h.description ?? null,
    hostAgentId: h.hostAgentId,
    hostAgentStatus: agentStatus,
    hostAgentVersion: h.hostAgentVersion,
    id: h.id,
    idcDescription: descriptions.idc,
    idcId: h.idcId,
    idcName: h.idcName,
    innerIpAddress: h.innerIpAddress,
    kind: h.kind,
    name: h.name,
    operatingSystem: h.operatingSystem,
    operatingSystemRelease: h.operatingSystemRelease,
    publishPorts: h.publishPorts ?? null,
    regionDescription: descriptions.region,
    regionId: h.regionId,
    regionName: h.regionName,
    serialNumber: h.serialNumber ?? null,
    services: services.map((s) => ({ name: s.name, softwarePackageId: s.softwarePackageId, type: s.type, version: s.version })),
    sshPort: h.sshPort,
    status,
    typeDescription: descriptions.type,
    typeId: h.typeId,
    typeName: h.typeName,
    updateTime: formatOcpTime(updateTime, offset),
  };
}

/**
 * A region (ocp-docs/host/200). Its table lists `description`, its samples (100, 200) print none:
 * a region with a description prints it, one without leaves the key out (*inferred*: the samples'
 * regions are taken to have none; IDCs and host types print theirs as null, as their samples do).
 */
export function renderRegion(r: RegionRecord, offset: number): Json {
  return {
    createTime: formatOcpTime(r.createTime, offset),
    description: r.description ?? undefined,
    id: r.id,
    name: r.name,
    updateTime: formatOcpTime(r.updateTime, offset),
  };
}

/** An IDC (ocp-docs/host/600), with its region's name. */
export function renderIdc(r: IdcRecord, regionName: string, offset: number): Json {
  return {
    createTime: formatOcpTime(r.createTime, offset),
    description: r.description,
    id: r.id,
    name: r.name,
    regionId: r.regionId,
    regionName,
    updateTime: formatOcpTime(r.updateTime, offset),
  };
}

/** A host type (ocp-docs/host/1000). */
export function renderHostType(r: HostTypeRecord, offset: number): Json {
  return {
    createTime: formatOcpTime(r.createTime, offset),
    description: r.description,
    id: r.id,
    name: r.name,
    updateTime: formatOcpTime(r.updateTime, offset),
  };
}

/** Characters of host JSON kept at most (about 10,000 hosts). */
const MAX_HOST_CHARS = 8 * 1024 * 1024;

/**
 * Hosts as JSON, kept per host. A host record never changes; what a host shows changes only with
 * its agent's status (which follows its newest task), for a host being added its own status
 * (which follows its "Prepare host" task), and its services (the clusters on it), so the text is
 * made again only then.
 */
export class HostRowCache {
  /**
   * Kept with each text: the agent's status, and the host's own where it differs from the
   * record's; the services it showed (the reader answers the same frozen array while they do not change).
   */
  private readonly texts = new TextCache<HostRecord, { status: string; services: readonly HostService[] }>(MAX_HOST_CHARS);
  /**
   * `describe`: the host's IDC, region and type descriptions (those records never change while a
   * host points at them); `servicesOf`: the services on it now.
   */
  constructor(
    private readonly offsetMinutes: number,
    private readonly describe: (host: HostRecord) => HostDescriptions,
    private readonly servicesOf: (host: HostRecord) => readonly HostService[],
  ) {}

  /** `renderHost(host, state, agentStatus)` as JSON (`state`: Compute.hostState). */
  json(host: HostRecord, state: { status: HostStatus; updateTime: number }, agentStatus: AgentStatus): string {
    // The update time changes only with the status (a host's task updated it).
    const status = state.status === host.status ? agentStatus : `${state.status}/${agentStatus}`;
    const services = this.servicesOf(host);
    const hit = this.texts.find(host);
    if (hit && hit.meta.status === status && hit.meta.services === services) return hit.text;
    const text = JSON.stringify(renderHost(host, state.status, agentStatus, this.offsetMinutes, state.updateTime, this.describe(host), services));
    return this.texts.put(host, { status, services }, text);
  }
}
