/**
 * A list route's query, parsed once per distinct query string: pollers send the same one again
 * and again (`?size=100`, `?status=RUNNING&page=2`), and a zod parse costs more than the rest of a
 * page of cached rows. A bad query throws before anything is kept, so it is answered every time.
 */
import type { z } from 'zod';
import { parseRequest } from '../contract/requests.js';
import { FifoCache } from '../util/fifoCache.js';
import type { RequestState } from './requestState.js';

export class QueryCache<S extends z.ZodType> {
  // Bounded by the characters of the query strings kept (a request line may be kilobytes long).
  private readonly parsed = new FifoCache<string, { search: string; query: z.output<S> }>(256 * 1024, (e) => e.search.length + 64);
  constructor(
    private readonly schema: S,
    private readonly object: string,
  ) {}

  /** The query of `r` (`query`: its values, read only on a miss). */
  of(r: RequestState, query: () => Record<string, string>): z.output<S> {
    const q = r.target.indexOf('?');
    const search = q < 0 ? '' : r.target.slice(q + 1);
    return (this.parsed.get(search) ?? this.parsed.set(search, { search, query: parseRequest(this.schema, query(), this.object) })).query;
  }
}
