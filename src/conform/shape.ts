/**
 * What a client depends on in a JSON answer, as `ocp-mock conform` compares it: the key paths
 * (`$.data.contents[].status`, arrays collapsed to `[]`), the JSON type at each, and the string
 * values seen where the simulator's schema declares an enum.
 *
 * Which fields are null, and which arrays are empty, depends on the data: a null is compatible
 * with any type, and the keys under an empty array (or a null) on one side are not missing there.
 */
export type JsonType = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array';

export interface Shape {
  /** Path -> the types seen there. */
  types: Map<string, Set<JsonType>>;
  /** Paths where an empty array or a null was seen (what lies under them is unknown). */
  opaque: Set<string>;
  /** Path -> the strings seen there. */
  strings: Map<string, Set<string>>;
}

function typeOf(v: unknown): JsonType {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v as JsonType;
}

export function shapeOf(value: unknown): Shape {
  const shape: Shape = { types: new Map(), opaque: new Set(), strings: new Map() };
  const walk = (v: unknown, path: string, depth: number) => {
    const t = typeOf(v);
    const types = shape.types.get(path) ?? new Set<JsonType>();
    shape.types.set(path, types);
    types.add(t);
    if (depth > 30) return;
    if (t === 'null') shape.opaque.add(path);
    else if (t === 'string') {
      const seen = shape.strings.get(path) ?? new Set<string>();
      shape.strings.set(path, seen);
      if (seen.size < 50) seen.add(v as string);
    } else if (t === 'array') {
      const list = v as unknown[];
      if (list.length === 0) shape.opaque.add(`${path}[]`);
      // Every element counts (optional keys of some), but a long list only so far.
      for (const item of list.slice(0, 200)) walk(item, `${path}[]`, depth + 1);
    } else if (t === 'object') {
      for (const [k, child] of Object.entries(v as Record<string, unknown>)) walk(child, `${path}.${k}`, depth + 1);
    }
  };
  walk(value, '$', 0);
  return shape;
}

/** Is `path` under something the other side showed as null or an empty array? */
function hidden(path: string, other: Shape): boolean {
  for (const o of other.opaque) if (path.startsWith(`${o}.`) || path.startsWith(`${o}[]`) || path === o) return true;
  return false;
}

/** The path one level up: `$.data.contents[]` for `$.data.contents[].id`, `$.data.contents` for `$.data.contents[]`. */
function parentOf(path: string): string {
  if (path.endsWith('[]')) return path.slice(0, -2);
  const i = path.lastIndexOf('.');
  return i <= 0 ? '$' : path.slice(0, i);
}

export interface ShapeDifference {
  kind: 'key' | 'type' | 'enum';
  path: string;
  text: string;
}

/** Where the target's answer differs from the simulator's: keys on one side only, types, enum values the simulator does not know. */
export function compareShapes(target: Shape, simulator: Shape, enums: ReadonlyMap<string, readonly string[]>): ShapeDifference[] {
  const out: ShapeDifference[] = [];
  const onlyIn = (a: Shape, b: Shape, side: string) => {
    for (const path of a.types.keys()) {
      if (b.types.has(path) || hidden(path, b)) continue;
      // Name the topmost missing key only (not every key under it).
      const parent = parentOf(path);
      if (parent !== path && path !== '$' && a.types.has(parent) && !b.types.has(parent)) continue;
      out.push({ kind: 'key', path, text: `key ${path}: only the ${side} answers it` });
    }
  };
  onlyIn(target, simulator, 'target');
  onlyIn(simulator, target, 'simulator');
  // One key on each side only, beside each other: one key the target names otherwise (a rename).
  const keys = out.filter((d) => d.kind === 'key');
  for (const parent of new Set(keys.map((d) => parentOf(d.path)))) {
    const here = keys.filter((d) => parentOf(d.path) === parent);
    const mine = here.filter((d) => d.text.endsWith('only the target answers it'));
    const theirs = here.filter((d) => d.text.endsWith('only the simulator answers it'));
    if (mine.length !== 1 || theirs.length !== 1) continue;
    const [t, s] = [mine[0] as ShapeDifference, theirs[0] as ShapeDifference];
    out.splice(out.indexOf(t), 1);
    out.splice(out.indexOf(s), 1, { kind: 'key', path: t.path, text: `key ${t.path}: the target answers it where the simulator answers ${s.path}` });
  }
  for (const [path, types] of target.types) {
    const other = simulator.types.get(path);
    if (!other) continue;
    const a = [...types].filter((t) => t !== 'null');
    const b = [...other].filter((t) => t !== 'null');
    if (a.length === 0 || b.length === 0) continue;
    if (a.some((t) => !b.includes(t)) || b.some((t) => !a.includes(t))) {
      out.push({ kind: 'type', path, text: `type ${path}: the target answers ${a.sort().join('|')}, the simulator ${b.sort().join('|')}` });
    }
  }
  for (const [path, allowed] of enums) {
    const seen = target.strings.get(path);
    if (!seen) continue;
    const unknown = [...seen].filter((v) => !allowed.includes(v));
    if (unknown.length > 0) {
      out.push({
        kind: 'enum',
        path,
        text: `enum ${path}: the target answers ${unknown.map((v) => JSON.stringify(v)).join(', ')}, the simulator knows ${allowed.join(', ')}`,
      });
    }
  }
  return out.sort((x, y) => x.path.localeCompare(y.path) || x.kind.localeCompare(y.kind));
}

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
};

/** Path -> allowed strings, for every enum a JSON Schema declares (the simulator's own contract). */
export function schemaEnums(schema: JsonSchema, root = '$.data'): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const defs = schema.$defs ?? {};
  const walk = (s: JsonSchema | undefined, path: string, depth: number) => {
    if (!s || depth > 30) return;
    if (s.$ref) {
      const name = s.$ref.replace(/^#\/\$defs\//, '');
      walk(defs[name], path, depth + 1);
      return;
    }
    const strings = (s.enum ?? (s.const !== undefined ? [s.const] : [])).filter((v): v is string => typeof v === 'string');
    if (strings.length > 0) out.set(path, [...new Set([...(out.get(path) ?? []), ...strings])]);
    for (const branch of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]) walk(branch, path, depth + 1);
    for (const [k, child] of Object.entries(s.properties ?? {})) walk(child, `${path}.${k}`, depth + 1);
    if (s.items) walk(s.items, `${path}[]`, depth + 1);
  };
  walk(schema, root, 0);
  return out;
}
