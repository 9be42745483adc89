/**
 * The seeded host inventory. Every field comes from faker seeded with `--seed`, so the same seed
 * gives the same hosts. The ids of OCP's documentation examples (2, 20, 1001, 1002) are always
 * present, ONLINE with a running agent, so requests copied from the docs work verbatim.
 */
// The English locale alone: importing the package root loads every locale (~130 ms at start).
import { faker as sharedFaker } from '@faker-js/faker/locale/en';

type Faker = typeof sharedFaker;

import type { AgentStatus, HostStatus } from '../../../contract/enums.js';

/** Host ids that OCP's documentation uses in its examples. */
export const DOCUMENTED_HOST_IDS = [2, 20, 1001, 1002] as const;
export const MIN_HOSTS = DOCUMENTED_HOST_IDS.length;
export const DEFAULT_HOSTS = 12;

export interface HostService {
  name: string;
  softwarePackageId: number | null;
  type: string;
  version: string;
}

/**
 * A host as stored. `baseAgentStatus` is the agent's status before any task touched it. Its
 * `services` are not stored: they are the clusters whose servers run on it, which the OB cluster
 * module tells (Compute.useServices).
 */
export interface HostRecord {
  id: number;
  name: string;
  innerIpAddress: string;
  architecture: string;
  operatingSystem: string;
  operatingSystemRelease: string;
  kind: string;
  sshPort: number;
  status: HostStatus;
  baseAgentStatus: AgentStatus;
  hostAgentId: number;
  hostAgentVersion: string;
  regionId: number;
  regionName: string;
  idcId: number;
  idcName: string;
  typeId: number;
  typeName: string;
  createTime: number;
  updateTime: number;
  /** What a host added through `batchCreate` was given (absent on the seed's hosts: OCP prints null). */
  alias?: string;
  description?: string;
  serialNumber?: string;
  publishPorts?: string;
  /** OCP's credential module is not simulated: the id is kept as given (never printed by the host calls). */
  credentialId?: number;
}

/** What `batchCreate` says about one host it adds (ocp-docs/host/1500), with the names of its records. */
export interface AddedHostFields {
  innerIpAddress: string;
  serialNumber?: string;
  sshPort: number;
  kind: string;
  publishPorts?: string;
  idc: { id: number; name: string; regionId: number; regionName: string };
  type: { id: number; name: string };
  credentialId: number;
  alias?: string;
  description?: string;
}

/** Ids of hosts added through the API start here (OCP's sample of batchCreate answers host 4000002). */
export const ADDED_HOST_IDS_FROM = 4_000_001;

/**
 * A host added through `batchCreate`: what the request says, the rest (its name, operating system,
 * agent id) drawn from the seed and the id, as OCP would learn it over SSH (*inferred*). It is NEW
 * and its agent OFFLINE (not installed) until its "Prepare host" task has run (src/modules/compute/operations.ts).
 */
export function generateAddedHost(seed: number, id: number, fields: AddedHostFields, at: number): HostRecord {
  const faker = sharedFaker;
  faker.seed([seed, id, 4_000_000]);
  const os = faker.helpers.weightedArrayElement(OPERATING_SYSTEMS.map((value, i) => ({ weight: [5, 3, 2, 1][i] ?? 1, value })));
  const time = Math.floor(at / 1000) * 1000;
  return {
    id,
    name: flat(`OceanBase${faker.string.numeric({ length: 6, allowLeadingZeros: false })}.${fields.idc.name}`),
    innerIpAddress: fields.innerIpAddress,
    architecture: os.arch,
    operatingSystem: os.os,
    operatingSystemRelease: os.release,
    kind: fields.kind,
    sshPort: fields.sshPort,
    status: 'NEW',
    baseAgentStatus: 'OFFLINE',
    // Apart from the seed's agents (6000001 on, one per seeded host).
    hostAgentId: 8_000_000 + (id - ADDED_HOST_IDS_FROM) + 1,
    hostAgentVersion: AGENT_VERSION,
    regionId: fields.idc.regionId,
    regionName: fields.idc.regionName,
    idcId: fields.idc.id,
    idcName: fields.idc.name,
    typeId: fields.type.id,
    typeName: fields.type.name,
    createTime: time,
    updateTime: time,
    ...(fields.alias !== undefined ? { alias: fields.alias } : {}),
    ...(fields.description !== undefined ? { description: fields.description } : {}),
    ...(fields.serialNumber !== undefined ? { serialNumber: fields.serialNumber } : {}),
    ...(fields.publishPorts !== undefined ? { publishPorts: fields.publishPorts } : {}),
    credentialId: fields.credentialId,
  };
}

interface OperatingSystem {
  arch: string;
  os: string;
  release: string;
}

const OPERATING_SYSTEMS: readonly OperatingSystem[] = [
  { arch: 'x86_64', os: '4.9.168-018.ali3000.alios7.x86_64', release: 'alios7' },
  { arch: 'x86_64', os: '3.10.0-1160.el7.x86_64', release: 'centos7' },
  { arch: 'x86_64', os: '4.18.0-372.9.1.el8.x86_64', release: 'rhel8' },
  { arch: 'aarch64', os: '4.19.90-24.4.v2101.ky10.aarch64', release: 'kylin10' },
];

/** The seeded inventory's regions and their IDCs (an IDC's id is region id * 10 + its position from 1). */
export const REGIONS = [
  { id: 1, name: 'beijing', idcs: ['bj-idc1', 'bj-idc2'] },
  { id: 2, name: 'hangzhou', idcs: ['hz-idc1', 'hz-idc2'] },
  { id: 3, name: 'shanghai', idcs: ['sh-idc1'] },
] as const;

/** The seeded host types (a type's id is its position from 1), with OCP-style descriptions. */
export const HOST_TYPES = ['standard-16c64g', 'standard-32c128g', 'highmem-32c256g'] as const;

/** A host without services (shared, frozen: a large inventory is hundreds of thousands of hosts). */
export const NO_SERVICES: readonly HostService[] = Object.freeze([]);

/** A string laid out in one piece (template literals build trees of pieces, which cost more to keep). */
function flat(s: string): string {
  return Buffer.from(s, 'latin1').toString('latin1');
}
const AGENT_VERSION = '4.2.2-20231225101010';

/** Generates `count` hosts (at least the documented four) from `seed`; `now` anchors their times. */
export function generateHosts(seed: number, count: number, now: number): HostRecord[] {
  // Generation is synchronous, so seeding the shared instance first keeps it deterministic.
  const faker = sharedFaker;
  faker.seed(seed);
  const ids: number[] = [...DOCUMENTED_HOST_IDS];
  for (let next = 1003; ids.length < count; next++) ids.push(next);
  const subnet = faker.number.int({ min: 16, max: 31 });
  return ids.map((id, index) => makeHost(faker, subnet, id, index, index < DOCUMENTED_HOST_IDS.length, now));
}

/** One more host with a running agent, for an id a test or provider state asks for (drawn from the seed and the id). */
export function generateRunningHost(seed: number, id: number, index: number, now: number): HostRecord {
  const faker = sharedFaker;
  faker.seed([seed, id]);
  return makeHost(faker, faker.number.int({ min: 16, max: 31 }), id, index, true, now);
}

/** `running`: the agent is AVAILABLE and the host ONLINE; otherwise a few draw other states. */
function makeHost(faker: Faker, subnet: number, id: number, index: number, running: boolean, now: number): HostRecord {
  const region = faker.helpers.arrayElement(REGIONS);
  const idcIndex = faker.number.int({ min: 0, max: region.idcs.length - 1 });
  // Weighted towards OCP's own samples (AliOS on x86_64).
  const os = faker.helpers.weightedArrayElement(OPERATING_SYSTEMS.map((value, i) => ({ weight: [5, 3, 2, 1][i] ?? 1, value })));
  const typeIndex = faker.number.int({ min: 0, max: HOST_TYPES.length - 1 });
  // Most agents run; a few demo the other states. Documented (and asked-for) hosts always run.
  const agent: AgentStatus = running
    ? 'AVAILABLE'
    : faker.helpers.weightedArrayElement<AgentStatus>([
        { weight: 16, value: 'AVAILABLE' },
        { weight: 2, value: 'OFFLINE' },
        { weight: 1, value: 'RESTARTING' },
        { weight: 1, value: 'REINSTALLING' },
      ]);
  const hostStatus: HostStatus = agent === 'OFFLINE' ? 'OFFLINE' : 'ONLINE';
  const createTime = Math.floor((now - faker.number.int({ min: 30, max: 400 }) * 86_400_000) / 1000) * 1000;
  const updateTime = Math.floor((now - faker.number.int({ min: 1, max: 29 }) * 86_400_000) / 1000) * 1000;
  // Two draws that once picked the host's (made-up) cluster service. Its services now follow the
  // OB cluster module's servers; the draws stay so that every other field keeps its seeded value.
  faker.number.int({ min: 1, max: 4 });
  faker.datatype.boolean({ probability: 0.8 });
  return {
    id,
    name: flat(`OceanBase${faker.string.numeric({ length: 6, allowLeadingZeros: false })}.${region.idcs[idcIndex]}`),
    innerIpAddress: flat(`172.${subnet}.${faker.number.int({ min: 0, max: 255 })}.${faker.number.int({ min: 2, max: 254 })}`),
    architecture: os.arch,
    operatingSystem: os.os,
    operatingSystemRelease: os.release,
    kind: 'DEDICATED_PHYSICAL_MACHINE',
    sshPort: 22,
    status: hostStatus,
    baseAgentStatus: agent,
    hostAgentId: 6000001 + index,
    hostAgentVersion: AGENT_VERSION,
    regionId: region.id,
    regionName: region.name,
    idcId: region.id * 10 + idcIndex + 1,
    idcName: region.idcs[idcIndex] as string,
    typeId: typeIndex + 1,
    typeName: HOST_TYPES[typeIndex] as string,
    createTime,
    updateTime,
  };
}

/** The simulator's own address, printed as `executor` and `server` (the seed shows an inner IP). */
export function generateServerAddress(seed: number): string {
  const faker = sharedFaker;
  faker.seed(seed + 7919);
  return `10.${faker.number.int({ min: 0, max: 255 })}.${faker.number.int({ min: 0, max: 255 })}.${faker.number.int({ min: 2, max: 254 })}`;
}
