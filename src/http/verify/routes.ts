/**
 * The journal's control-plane routes: `GET /__mock/requests` with filters, and
 * `POST /__mock/requests/count|find|near-misses` with a matcher (src/http/verify/match.ts).
 */
import { type Context, Hono } from 'hono';
import { jsonObjectBody } from '../../contract/requests.js';
import type { AppEnv } from '../env.js';
import type { RequestJournal } from '../journal.js';
import { compileMatcher, matcherFromQuery } from './match.js';
import { nearMisses, selectRequests } from './verify.js';

export function journalRoutes(journal: RequestJournal): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const matcherOf = (c: Context<AppEnv>) => {
    const text = c.get('state').body ?? '';
    return compileMatcher(text.trim() === '' ? {} : jsonObjectBody(text, 'requestMatcher'));
  };
  app.get('/', (c) => {
    const { requests, count, dropped, complete } = selectRequests(journal, matcherFromQuery(c.req.query()));
    return c.json({ requests, count, capacity: journal.capacity, dropped, complete });
  });
  app.post('/count', (c) => {
    const { count, dropped, complete } = selectRequests(journal, matcherOf(c));
    return c.json({ count, dropped, complete });
  });
  app.post('/find', (c) => {
    const { requests, count, dropped, complete } = selectRequests(journal, matcherOf(c));
    return c.json({ requests, count, dropped, complete });
  });
  app.post('/near-misses', (c) => c.json({ nearMisses: nearMisses(matcherOf(c), journal.list(), 10) }));
  return app;
}
