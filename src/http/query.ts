/**
 * Query parameters as OCP reads them: `page` from 1, `size` up to 2000 (default 10, as in the
 * samples), `sort` as Spring's `field` or `field,asc|desc`. A bad value is 400 COM10001 naming it;
 * an unknown sort field 400 COM10011.
 */
import { OcpError } from '../contract/errors.js';

export const MAX_PAGE_SIZE = 2000;
export const DEFAULT_PAGE_SIZE = 10;

export function invalidParam(field: string, rejectedValue: unknown, message: string, object = 'request'): OcpError {
  return new OcpError('invalidParameter', [field], { subErrors: [{ object, field, rejectedValue, message }] });
}

/** A positive integer query parameter, or undefined when absent. */
export function intParam(value: string | undefined, field: string, min = 1, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value)) throw invalidParam(field, value, `must be an integer from ${min} to ${max}`);
  const n = Number(value);
  if (n < min || n > max) throw invalidParam(field, value, `must be an integer from ${min} to ${max}`);
  return n;
}

export function enumParam<T extends string>(value: string | undefined, field: string, allowed: readonly T[]): T | undefined {
  if (value === undefined || value === '') return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw invalidParam(field, value, `must be one of ${allowed.join(', ')}`);
  return value as T;
}

export interface Paging {
  page: number;
  size: number;
}

export function pagingParams(q: (k: string) => string | undefined): Paging {
  return {
    page: intParam(q('page'), 'page') ?? 1,
    size: intParam(q('size'), 'size', 1, MAX_PAGE_SIZE) ?? DEFAULT_PAGE_SIZE,
  };
}

export interface Sort<F extends string> {
  field: F;
  descending: boolean;
}

export function sortParam<F extends string>(value: string | undefined, allowed: readonly F[], fallback: Sort<F>): Sort<F> {
  if (value === undefined || value === '') return fallback;
  const [field = '', direction = 'asc', ...rest] = value.split(',').map((s) => s.trim());
  if (!(allowed as readonly string[]).includes(field)) throw new OcpError('sortFieldNotSupported', [field]);
  if (rest.length > 0 || !/^(asc|desc)$/i.test(direction)) throw invalidParam('sort', value, 'must be "field" or "field,asc|desc"');
  return { field: field as F, descending: direction.toLowerCase() === 'desc' };
}

/** One page of `items` in OCP's `{contents, page}` shape. */
export function pageOf<T>(items: readonly T[], paging: Paging) {
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
