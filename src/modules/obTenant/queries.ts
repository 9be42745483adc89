/**
 * The tenant lists (ocp-docs/tenant/100, 200): filtered by a name keyword (not case-sensitive; the
 * tenant's name on both, *inferred*: 100's table says "the keyword in the cluster name", 200's the tenant's),
 * modes, locked, readonly and statuses (StringArrays), sorted, paged by the caller (pageOf). The
 * plain list is the tenants as kept (id order) and costs a page; a filter or another order scans.
 */
import { sortParam, sortRows } from '../../contract/paging.js';
import type { TenantRecord } from './fakes/tenants.js';
import type { TenantListQuery } from './requests.js';

/** *Inferred*: the fields a tenant list sorts by (the pages' examples sort by `name`). */
const SORTABLE = ['id', 'name', 'clusterId', 'mode', 'createTime', 'status'] as const;

export function queryTenants(
  rows: readonly TenantRecord[],
  q: ReturnType<typeof TenantListQuery.parse>,
  statusOf: (t: TenantRecord) => string,
): readonly TenantRecord[] {
  const sort = sortParam(q.sort, SORTABLE, { field: 'id', descending: false });
  const name = q.name?.toLowerCase();
  const modes = q.mode?.length ? new Set<string>(q.mode) : undefined;
  const statuses = q.status?.length ? new Set<string>(q.status) : undefined;
  // The plain list (no filter, id order) is the rows as they are: a page then costs its size.
  const plain = !name && !modes && !statuses && q.locked === undefined && q.readonly === undefined;
  if (plain && sort.field === 'id' && !sort.descending) return rows;
  const out = rows.filter(
    (t) =>
      (!name || t.name.toLowerCase().includes(name)) &&
      (!modes || modes.has(t.mode)) &&
      (q.locked === undefined || t.locked === q.locked) &&
      (q.readonly === undefined || t.readonly === q.readonly) &&
      (!statuses || statuses.has(statusOf(t))),
  );
  if (sort.field === 'id' && !sort.descending) return out;
  return sortRows(out, sort.descending, (t) => (sort.field === 'status' ? statusOf(t) : t[sort.field]));
}
