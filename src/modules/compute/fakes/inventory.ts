/**
 * The regions, IDCs and host types the seeded hosts point at (fakes/hosts.ts draws each host's
 * `regionId`, `idcId` and `typeId` from the same lists), dated like the hosts from the clock's
 * start. *Inferred*: the descriptions and the instants (OCP's samples show neither rule).
 */

import { hashUnit } from '../../../util/random.js';
import { HOST_TYPES, REGIONS } from './hosts.js';

export interface RegionRecord {
  id: number;
  name: string;
  description: string | null;
  createTime: number;
  updateTime: number;
}

export interface IdcRecord extends RegionRecord {
  regionId: number;
}

export type HostTypeRecord = RegionRecord;

export interface Inventory {
  regions: RegionRecord[];
  idcs: IdcRecord[];
  hostTypes: HostTypeRecord[];
}

const DAY = 86_400_000;
const SALT = { region: 21, idc: 22, type: 23 } as const;

/** Whole seconds, a year or so before `start`, drawn from the seed. */
function dated(seed: number, start: number, salt: number, id: number): { createTime: number; updateTime: number } {
  const createTime = Math.floor((start - (400 + Math.floor(hashUnit(seed, salt, id) * 300)) * DAY) / 1000) * 1000;
  return { createTime, updateTime: createTime };
}

export function generateInventory(seed: number, start: number): Inventory {
  return {
    // No description, as the regions of ocp-docs/host/100 and 200 print none (a created one may have one).
    regions: REGIONS.map((r) => ({ id: r.id, name: r.name, description: null, ...dated(seed, start, SALT.region, r.id) })),
    idcs: REGIONS.flatMap((r) =>
      r.idcs.map((name, i) => ({ id: r.id * 10 + i + 1, name, description: null, regionId: r.id, ...dated(seed, start, SALT.idc, r.id * 10 + i + 1) })),
    ),
    hostTypes: HOST_TYPES.map((name, i) => {
      const [cores, memory] = (/(\d+)c(\d+)g/.exec(name) ?? []).slice(1);
      return { id: i + 1, name, description: `${cores}core ${memory}GB`, ...dated(seed, start, SALT.type, i + 1) };
    }),
  };
}
