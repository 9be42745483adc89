/**
 * The host module's lists: hosts filtered as ocp-docs/host/1300 documents (status and service
 * types as StringArrays, a keyword) and sorted; regions, IDCs and host types sorted. Paging is
 * the caller's (pageOf). The stored lists are in id order, so the default listing needs no copy.
 */
import { sortParam, sortRows } from '../../contract/paging.js';
import type { HostRecord } from './fakes/hosts.js';
import type { RegionRecord } from './fakes/inventory.js';
import type { Compute } from './hosts.js';
import type { HostListQuery } from './requests.js';

const HOST_SORTABLE = ['id', 'name', 'innerIpAddress', 'createTime', 'updateTime'] as const;
const INVENTORY_SORTABLE = ['id', 'name', 'createTime', 'updateTime'] as const;

/** The hosts a host list asks for, in its order (the stored list itself when nothing is asked). */
export function queryHosts(compute: Compute, q: ReturnType<typeof HostListQuery.parse>, now: number): readonly HostRecord[] {
  const sort = sortParam(q.sort, HOST_SORTABLE, { field: 'id', descending: false });
  const keyword = q.keyword?.toLowerCase();
  const statuses = q.status?.length ? new Set(q.status) : undefined;
  const included = q.includedServiceType?.length ? new Set<string>(q.includedServiceType) : undefined;
  const excluded = q.excludedServiceType?.length ? new Set<string>(q.excludedServiceType) : undefined;
  let hosts = compute.hosts();
  if (statuses || keyword || included || excluded) {
    // *Inferred*: a keyword matches part of the name, the inner IP or a deployed service's name
    // (ocp-docs/host/1300 names the three); the service type filters look at the host's services (the clusters on it, Compute.services).
    hosts = hosts.filter(
      (h) =>
        (!statuses || statuses.has(compute.hostStatus(h, now))) &&
        (!keyword ||
          h.name.toLowerCase().includes(keyword) ||
          h.innerIpAddress.includes(keyword) ||
          compute.services(h).some((s) => s.name.toLowerCase().includes(keyword))) &&
        (!included || compute.services(h).some((s) => included.has(s.type))) &&
        (!excluded || !compute.services(h).some((s) => excluded.has(s.type))),
    );
  }
  if (sort.field !== 'id') {
    hosts = [...hosts].sort((a, b) => {
      const x = a[sort.field];
      const y = b[sort.field];
      return x < y ? -1 : x > y ? 1 : a.id - b.id;
    });
  }
  if (sort.descending) hosts = [...hosts].reverse();
  return hosts;
}

/** Regions, IDCs or host types in the order `sort` asks (the stored list itself for the default). */
export function sortInventory<R extends RegionRecord>(all: readonly R[], sortText: string | undefined): readonly R[] {
  const sort = sortParam(sortText, INVENTORY_SORTABLE, { field: 'id', descending: false });
  if (sort.field === 'id' && !sort.descending) return all;
  return sortRows([...all], sort.descending, (r) => r[sort.field] ?? '');
}
