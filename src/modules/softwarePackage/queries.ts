/** 100's list: filtered by keyword (part of the name) and the StringArrays, sorted as asked (id order by default). */
import { sortParam } from '../../contract/paging.js';
import type { PackageRecord } from './fakes/packages.js';
import type { PackageListQuery } from './requests.js';

/** *inferred*: the fields a sort may name (the page's sample sorts by `name`; its text says by upload time). */
const SORTABLE = ['id', 'name', 'version', 'type', 'size', 'createTime'] as const;

export function queryPackages(all: readonly PackageRecord[], q: PackageListQuery): readonly PackageRecord[] {
  const sort = sortParam(q.sort, SORTABLE, { field: 'id', descending: false });
  const keyword = q.keyword?.toLowerCase();
  const sets = [q.type, q.version, q.operatingSystem, q.architecture].map((v) => (v?.length ? new Set<string>(v) : undefined));
  const [types, versions, systems, architectures] = sets;
  let out = all.filter(
    (p) =>
      (!keyword || p.name.toLowerCase().includes(keyword)) &&
      (!types || types.has(p.type)) &&
      (!versions || versions.has(p.version)) &&
      (!systems || systems.has(p.operatingSystem)) &&
      (!architectures || architectures.has(p.architecture)),
  );
  if (sort.field !== 'id') {
    const key = (p: PackageRecord) => (sort.field === 'createTime' ? p.createdAt : p[sort.field]);
    out = [...out].sort((a, b) => {
      const x = key(a);
      const y = key(b);
      return x < y ? -1 : x > y ? 1 : a.id - b.id;
    });
  }
  return sort.descending ? [...out].reverse() : out;
}
