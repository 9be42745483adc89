/**
 * Paging and sorting as OCP does them: `page` from 1 and `size` (validated by the query schemas
 * in src/contract/requests.ts), `sort` as Spring's `field` or `field,asc|desc` (or `asc|desc,field`, as
 * ocp-docs/tenant/100 prints its example); an unknown sort
 * field is 400 COM10011.
 */
import { OcpError } from './errors.js';

export function invalidParam(field: string, rejectedValue: unknown, message: string, object = 'request'): OcpError {
  return new OcpError('invalidParameter', [field], { subErrors: [{ object, field, rejectedValue, message }] });
}

export interface Sort<F extends string> {
  field: F;
  descending: boolean;
}

export function sortParam<F extends string>(value: string | undefined, allowed: readonly F[], fallback: Sort<F>): Sort<F> {
  if (value === undefined || value === '') return fallback;
  const parts = value.split(',').map((s) => s.trim());
  // *Inferred*: ocp-docs/tenant/100 prints its example as `asc,name`, the direction first, where
  // every other page has `name,asc`: both orders are taken (a direction is no field's name).
  if (parts.length === 2 && /^(asc|desc)$/i.test(parts[0] as string)) parts.reverse();
  const [field = '', direction = 'asc', ...rest] = parts;
  if (!(allowed as readonly string[]).includes(field)) throw new OcpError('sortFieldNotSupported', [field]);
  if (rest.length > 0 || !/^(asc|desc)$/i.test(direction)) throw invalidParam('sort', value, 'must be "field" or "field,asc|desc"');
  return { field: field as F, descending: direction.toLowerCase() === 'desc' };
}

/** Sorts `rows` in place by `key` (ties by id, ascending), descending if `sort` says so. */
export function sortRows<R extends { id: number }>(rows: R[], descending: boolean, key: (row: R) => string | number): R[] {
  return rows.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    const cmp = x < y ? -1 : x > y ? 1 : a.id - b.id;
    return descending ? -cmp : cmp;
  });
}

/** One page of `items` in OCP's `{contents, page}` shape. */
/** OCP's `page` object of a list answer. */
export interface PageInfo {
  number: number;
  size: number;
  totalElements: number;
  totalPages: number;
}

export function pageOf<T>(items: readonly T[], paging: { page: number; size: number }): { contents: T[]; page: PageInfo } {
  const start = (paging.page - 1) * paging.size;
  return {
    contents: items.slice(start, start + paging.size),
    page: {
      number: paging.page,
      size: paging.size,
      totalElements: items.length,
      totalPages: Math.ceil(items.length / paging.size),
    },
  };
}
