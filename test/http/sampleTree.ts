/**
 * Comparing an answer with its page's sample, for the page-by-page tests (tenants.test.ts): the
 * same key paths with the same JSON types and, in every object, the same keys in the same order
 * (values are world data and may differ); and an async answer's task shape (node names in the
 * answer's order, the DAG with ids as ranks, parallelIdx) and context keys, as
 * clusterLifecycle.test.ts reads them off the cluster pages.
 */
// biome-ignore-all lint/suspicious/noExplicitAny: JSON from the API

/** Each path (arrays collapsed to `[]`) with its JSON type and, for an object, its keys in order (every item of an array merged, first seen first). */
export function tree(value: unknown): Map<string, { type: string; keys?: string[] }> {
  const out = new Map<string, { type: string; keys?: string[] }>();
  const walk = (v: unknown, p: string) => {
    const type = Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v;
    const seen = out.get(p);
    if (seen && seen.type !== type) seen.type = `${seen.type}|${type}`;
    const at = seen ?? { type };
    out.set(p, at);
    if (Array.isArray(v)) for (const item of v) walk(item, `${p}[]`);
    else if (v !== null && typeof v === 'object') {
      at.keys = at.keys ?? [];
      for (const k of Object.keys(v)) if (!at.keys.includes(k)) at.keys.push(k);
      for (const [k, child] of Object.entries(v)) walk(child, p ? `${p}.${k}` : k);
    }
  };
  walk(value, '');
  return out;
}

/** What differs between an answer's tree and its sample's: paths either lacks, types, key orders. Empty when they are alike. */
export function treeDiff(ours: unknown, sample: unknown): string[] {
  const a = tree(ours);
  const b = tree(sample);
  const diff: string[] = [];
  for (const [p, want] of b) {
    const got = a.get(p);
    if (!got) diff.push(`missing ${p || '(root)'}: ${want.type}`);
    else if (got.type !== want.type) diff.push(`${p || '(root)'}: ${got.type}, the sample ${want.type}`);
    else if (want.keys && got.keys?.join() !== want.keys.join()) diff.push(`${p || '(root)'} keys ${got.keys?.join()}, the sample ${want.keys.join()}`);
  }
  for (const [p, got] of a) if (!b.has(p)) diff.push(`extra ${p}: ${got.type}`);
  return diff;
}

/** Each node in the answer's order: its name, its id, upstreams and downstreams as ranks among the task's ids, its parallelIdx where printed. */
export function dagShape(nodes: any[]) {
  const ids = nodes.map((n) => n.id).sort((a, b) => a - b);
  const rank = (id: number) => ids.indexOf(id);
  return nodes.map((n) => ({ name: n.name, id: rank(n.id), up: n.upstreams.map(rank), down: n.downstreams.map(rank), par: n.parallelIdx }));
}

/** A context's keys in order: the stringMap's, `|`, the listMap's; or those a `Context(...)` string prints. */
export function contextKeys(ctx: any): string[] {
  if (typeof ctx === 'string') return [...ctx.matchAll(/[{ ]([a-z_.0-9]+)=/g)].map((x) => x[1] as string);
  if (!ctx) return [];
  return [...Object.keys(ctx.stringMap), '|', ...Object.keys(ctx.listMap)];
}

/** Each node's constant facts as printed (name, status at submission, timeout, seriesId, class, type, operation, runTime), in the answer's order, where the sample prints them. */
export function nodeFacts(nodes: any[], keys: readonly string[] = ['name', 'status', 'timeout', 'seriesId', 'className', 'nodeType', 'operation', 'runTime']) {
  return nodes.map((n) => Object.fromEntries(keys.filter((k) => k in n).map((k) => [k, n[k]])));
}
