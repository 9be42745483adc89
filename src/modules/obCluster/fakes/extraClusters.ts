/**
 * The clusters `--clusters N` seeds beyond the documented three (fakes/clusters.ts), drawn from the
 * seed and laid out on the hosts those three leave free, with their rules: ONLINE hosts only, one
 * server per host (so never a host another cluster runs on), each zone in one IDC and each of a
 * cluster's zones in another IDC. One pass groups the free hosts by IDC; each cluster then takes
 * hosts from the front of its IDCs' groups, so seeding costs O(hosts + clusters × IDCs), never
 * O(clusters × hosts).
 *
 * *Inferred* here, in one place: ids from 101 up (between the standby's 100 and `test`'s 1000002,
 * so a created cluster still gets 1000003), obClusterIds from 5 up, names `cluster02`,
 * `cluster03`, ..., version 2.2.76 or 2.2.73, 1 to 3 zones of 1 or 2 servers, all PRIMARY; and
 * once the free hosts run out no more clusters are made (a small inventory seeds fewer than asked).
 */
import { hashUnit } from '../../../util/random.js';
import type { HostRecord } from '../../compute/index.js';

/** What generateClusters builds a seeded cluster's record from. */
export interface ClusterPlan {
  id: number;
  name: string;
  obClusterId: number;
  obVersion: string;
  type: 'PRIMARY' | 'STANDBY';
  primaryId?: number;
  zones: { hosts: HostRecord[] }[];
}

/** The documented clusters: `test`, `cluster01` and its standby (and `--clusters`' default). */
export const DEFAULT_CLUSTERS = 3;
const FIRST_ID = 101;
const FIRST_OB_CLUSTER_ID = 5;
const SALT = { zones: 41, servers: 42, version: 43, idc: 44 } as const;

/** `count` more clusters on `free` (ONLINE hosts no cluster runs on, in id order). */
export function extraClusterPlans(seed: number, free: readonly HostRecord[], count: number): ClusterPlan[] {
  const byIdc = new Map<number, HostRecord[]>();
  for (const h of free) {
    const group = byIdc.get(h.idcId);
    if (group) group.push(h);
    else byIdc.set(h.idcId, [h]);
  }
  const idcs = [...byIdc.entries()].sort((a, b) => a[0] - b[0]).map(([, hosts]) => ({ hosts, next: 0 }));
  const plans: ClusterPlan[] = [];
  for (let i = 0; i < count && idcs.length > 0; i++) {
    const id = FIRST_ID + i;
    const wanted = 1 + Math.floor(hashUnit(seed, SALT.zones, id) * 3);
    const perZone = 1 + Math.floor(hashUnit(seed, SALT.servers, id) * 2);
    const zones: { hosts: HostRecord[] }[] = [];
    // Start at an IDC drawn from the seed, so the clusters spread over the IDCs.
    const from = Math.floor(hashUnit(seed, SALT.idc, id) * idcs.length);
    for (let k = 0; k < idcs.length && zones.length < wanted; k++) {
      const idc = idcs[(from + k) % idcs.length] as (typeof idcs)[number];
      const left = idc.hosts.length - idc.next;
      if (left <= 0) continue;
      const n = Math.min(perZone, left);
      zones.push({ hosts: idc.hosts.slice(idc.next, idc.next + n) });
      idc.next += n;
    }
    if (zones.length === 0) break;
    plans.push({
      id,
      name: `cluster${String(i + 2).padStart(2, '0')}`,
      obClusterId: FIRST_OB_CLUSTER_ID + i,
      obVersion: hashUnit(seed, SALT.version, id) < 0.75 ? '2.2.76' : '2.2.73',
      type: 'PRIMARY',
      zones,
    });
  }
  return plans;
}
