/**
 * Templates in a stub's answer: any string of its `data`, `body` or error `args` may hold
 * `{{ expression }}`. A string that is one expression and nothing else takes the expression's
 * value and type (a number, an object); inside longer text the value is written as text.
 *
 *   path.NAME, query.NAME      the request's path parameter (a number when all digits), query value
 *   now [SECONDS]              the simulated now (plus SECONDS), as OCP prints times
 *   int MIN MAX | id | ip | uuid | hex N | name PREFIX | pick A B ...    seeded values
 *   host ID [FIELD]            a host of the inventory as `GET /compute/hosts/{id}` shows it (null if none)
 *   region|idc|hostType ID [FIELD]   likewise for the inventory's records
 *   seed                       the --seed
 *
 * Seeded values are a pure function of the seed, the stub, where the expression stands and the
 * request's path parameters: the same stub answers the same bytes on every call and in every run
 * with that seed (a record stays the same record), and another seed answers other values.
 */
import { hashUnit, Stream } from '../util/random.js';

/** What templates read of the simulator (built by the HTTP layer). */
export interface TemplateWorld {
  seed: number;
  /** The simulated now, as OCP prints times, `seconds` from now. */
  now(seconds: number): string;
  record(kind: RecordKind, id: number): Record<string, unknown> | undefined;
}

export type RecordKind = 'host' | 'region' | 'idc' | 'hostType';
const RECORD_KINDS: readonly RecordKind[] = ['host', 'region', 'idc', 'hostType'];

export interface TemplateRequest {
  params: Readonly<Record<string, string>>;
  query: Readonly<Record<string, string>>;
}

const EXPRESSION = /\{\{\s*([^}]*?)\s*\}\}/g;
const WHOLE = /^\{\{\s*([^}]*?)\s*\}\}$/;

/** Each function: how many arguments it takes [min, max]. */
const ARITY: Record<string, [number, number]> = {
  now: [0, 1],
  int: [2, 2],
  id: [0, 0],
  ip: [0, 0],
  uuid: [0, 0],
  hex: [1, 1],
  name: [0, 1],
  pick: [1, 64],
  seed: [0, 0],
  host: [1, 2],
  region: [1, 2],
  idc: [1, 2],
  hostType: [1, 2],
};

export interface TemplateProblem {
  path: (string | number)[];
  message: string;
}

/** The problem with one expression, if any (`params`: the stub path's parameter names). */
function checkExpression(expression: string, params: ReadonlySet<string>): string | undefined {
  const [fn, ...args] = expression.split(/\s+/);
  if (!fn) return 'an empty {{ }}';
  const ref = /^(path|query)\.(\w+)$/.exec(fn);
  if (ref) {
    if (args.length > 0) return `{{ ${expression} }}: ${fn} takes no arguments`;
    if (ref[1] === 'path' && !params.has(ref[2] as string))
      return `{{ ${expression} }}: the path has no {${ref[2]}} (it has ${[...params].map((p) => `{${p}}`).join(', ') || 'none'})`;
    return undefined;
  }
  const arity = ARITY[fn];
  if (!arity) return `{{ ${expression} }}: unknown "${fn}"; known: path.NAME, query.NAME, ${Object.keys(ARITY).join(', ')}`;
  if (args.length < arity[0] || args.length > arity[1])
    return `{{ ${expression} }}: ${fn} takes ${arity[0] === arity[1] ? arity[0] : `${arity[0]} to ${arity[1]}`} argument(s)`;
  const numeric = (a: string | undefined) => a !== undefined && /^-?\d+$/.test(a);
  if (
    (fn === 'int' && !(numeric(args[0]) && numeric(args[1]))) ||
    (fn === 'hex' && !numeric(args[0])) ||
    (fn === 'now' && args[0] !== undefined && !numeric(args[0]))
  ) {
    return `{{ ${expression} }}: ${fn} takes whole numbers`;
  }
  if ((RECORD_KINDS as readonly string[]).includes(fn)) {
    const id = args[0] as string;
    const ref = /^path\.(\w+)$/.exec(id);
    if (ref && !params.has(ref[1] as string)) return `{{ ${expression} }}: the path has no {${ref[1]}}`;
    if (!ref && !/^query\.\w+$/.test(id) && !/^\d+$/.test(id)) return `{{ ${expression} }}: ${fn} takes an id (a number, path.NAME or query.NAME)`;
  }
  return undefined;
}

/** Every problem with the templates in `value`, with where they stand. */
export function checkTemplates(value: unknown, params: ReadonlySet<string>, path: (string | number)[] = []): TemplateProblem[] {
  if (typeof value === 'string') {
    const problems: TemplateProblem[] = [];
    for (const m of value.matchAll(EXPRESSION)) {
      const message = checkExpression(m[1] as string, params);
      if (message) problems.push({ path, message });
    }
    return problems;
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => checkTemplates(v, params, [...path, i]));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => checkTemplates(v, params, [...path, k]));
  return [];
}

/** Whether `value` holds any template (a stub without any is answered from one rendering). */
export function hasTemplates(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('{{');
  if (Array.isArray(value)) return value.some(hasTemplates);
  if (value !== null && typeof value === 'object') return Object.values(value).some(hasTemplates);
  return false;
}

/** FNV-1a, for turning names and places into seeds. */
function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const NAME_WORDS = ['alpha', 'bravo', 'cedar', 'delta', 'ember', 'fjord', 'granite', 'harbor', 'iris', 'jade', 'kestrel', 'lotus', 'maple', 'nova'];

interface Place {
  stubKey: number;
  requestKey: number;
  where: string;
}

function evaluate(expression: string, place: Place, occurrence: number, world: TemplateWorld, request: TemplateRequest): unknown {
  const [fn, ...args] = expression.split(/\s+/) as [string, ...string[]];
  const ref = /^(path|query)\.(\w+)$/.exec(fn);
  const requestValue = (kind: string, name: string): string | undefined => (kind === 'path' ? request.params[name] : request.query[name]);
  if (ref) {
    const v = requestValue(ref[1] as string, ref[2] as string);
    if (v === undefined) return null;
    return /^[1-9]\d{0,14}$/.test(v) ? Number(v) : v;
  }
  const draws = () => new Stream(world.seed, Math.floor(hashUnit(place.stubKey, place.requestKey, hashText(place.where), occurrence) * 0x7fffffff));
  switch (fn) {
    case 'seed':
      return world.seed;
    case 'now':
      return world.now(Number(args[0] ?? 0));
    case 'int':
      return draws().int(Number(args[0]), Number(args[1]));
    case 'id':
      return draws().int(1_000_001, 9_999_999);
    case 'ip': {
      const d = draws();
      return `172.${d.int(16, 31)}.${d.int(0, 255)}.${d.int(2, 254)}`;
    }
    case 'uuid': {
      const h = draws().hex(32);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
    }
    case 'hex':
      return draws().hex(Math.min(256, Number(args[0])));
    case 'name': {
      const d = draws();
      return `${args[0] ?? 'ocp'}-${NAME_WORDS[d.int(0, NAME_WORDS.length - 1)]}-${d.hex(4)}`;
    }
    case 'pick':
      return args[draws().int(0, args.length - 1)];
    default: {
      // A record of the inventory (the kinds of RECORD_KINDS; checkTemplates refused anything else).
      const idText = args[0] as string;
      const idRef = /^(path|query)\.(\w+)$/.exec(idText);
      const id = Number(idRef ? requestValue(idRef[1] as string, idRef[2] as string) : idText);
      const record = Number.isSafeInteger(id) ? world.record(fn as RecordKind, id) : undefined;
      if (!record) return null;
      return args[1] === undefined ? record : (record[args[1]] ?? null);
    }
  }
}

function renderString(text: string, place: Place, world: TemplateWorld, request: TemplateRequest): unknown {
  const whole = WHOLE.exec(text);
  if (whole) return evaluate(whole[1] as string, place, 0, world, request);
  let occurrence = 0;
  return text.replace(EXPRESSION, (_, expression: string) => {
    const v = evaluate(expression, place, occurrence++, world, request);
    return v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  });
}

/** `value` with its templates filled for this request. */
export function renderTemplates(value: unknown, stubId: string, world: TemplateWorld, request: TemplateRequest): unknown {
  const stubKey = hashText(stubId);
  const requestKey = hashText(JSON.stringify(request.params));
  const walk = (v: unknown, where: string): unknown => {
    if (typeof v === 'string') return v.includes('{{') ? renderString(v, { stubKey, requestKey, where }, world, request) : v;
    if (Array.isArray(v)) return v.map((item, i) => walk(item, `${where}[${i}]`));
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, child] of Object.entries(v)) {
        // Own data properties only, whatever the key (a "__proto__" key stays a key).
        Object.defineProperty(out, k, { value: walk(child, `${where}.${k}`), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return v;
  };
  return walk(value, '');
}
