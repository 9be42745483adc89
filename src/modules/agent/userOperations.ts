/**
 * Operations of the user's own (`--operations-dir DIR`): OCP async calls ocp-mock does not ship,
 * declared in YAML or JSON files and run like the shipped ones (operations.ts): the
 * route submits a task of the declared nodes, the task API, scenarios (by node name), the journal,
 * the dashboard and the state file treat it like any other. A file is refused at start with the
 * file, the path inside it and what was expected; all files load or none.
 *
 * A route with `{hostId}` is a single-host operation (its nodes a chain, as "Restart OCP agent");
 * one without takes `{"hostIds": [...]}` and runs per-host stages with Wait barriers between them
 * (as "Batch restart OCP agent"). *Inferred* for these: the one-host layout is the DAG order
 * (ids, seriesIds and list positions in stage order), since OCP's own is not known.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { AGENT_STATUSES } from '../../contract/enums.js';
import { routeShape } from '../../core/call.js';
import { defineOperation, type NodeTemplate } from '../../engine/index.js';
import { describeIssue } from '../../scenarios/loader.js';
import { filesIn } from '../../util/configFiles.js';
import { PREPARE_HOST } from '../compute/index.js';
import { AGENT_NODE_TEMPLATES, AGENT_OPERATIONS, type RoutedOperation } from './operations.js';

/** The shipped operations' ids (a file may not take one). */
const SHIPPED_IDS: readonly string[] = [...Object.keys(AGENT_OPERATIONS), PREPARE_HOST.id];

const seconds = z.number().nonnegative({ message: 'a duration must be zero or more seconds' });

const UserNode = z.strictObject({
  name: z.string().min(1),
  className: z.string().regex(/^[A-Za-z_][\w$]*(\.[A-Za-z_][\w$]*)+$/, { message: 'a Java class name such as com.example.task.MyTask' }),
  /** Default: the name. */
  description: z.string().min(1).optional(),
  /** Seconds, as OCP prints `timeout`. */
  timeout: z.number().int().positive({ message: 'a timeout must be a positive number of seconds' }),
  /** How long a run takes where a scenario says nothing: exact or [min, max]. */
  seconds: z.union([seconds, z.tuple([seconds, seconds]).refine(([lo, hi]) => lo <= hi, { message: 'a range [min, max] needs min <= max' })]),
});

const ROUTE = /^\/[A-Za-z0-9/_{}-]+$/;

export const UserOperationFile = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z][A-Za-z0-9]*$/, { message: 'an operation id in camelCase, such as reinstallAgent' })
      .refine((id) => !SHIPPED_IDS.includes(id), { message: `an id of your own: ${SHIPPED_IDS.join(', ')} are shipped` }),
    taskName: z.string().min(1),
    route: z
      .string()
      .regex(ROUTE, { message: 'a path relative to /api/v2, such as /compute/hosts/{hostId}/agent/reinstall' })
      .refine((p) => (p.match(/\{[^}]*\}/g) ?? []).every((param) => param === '{hostId}'), { message: 'the only path parameter is {hostId}' }),
    permission: z.enum(['HOST_MANAGER', 'HOST_VIEWER', 'TASK_MANAGER', 'TASK_VIEWER']).default('HOST_MANAGER'),
    /** The node of each stage, in order. */
    nodes: z.array(UserNode).min(1),
    startsFrom: z.array(z.enum(AGENT_STATUSES)).min(1).default(['AVAILABLE']),
    during: z.enum(AGENT_STATUSES),
    effects: z.array(z.strictObject({ after: z.string().min(1), status: z.enum(AGENT_STATUSES) })).default([]),
  })
  .superRefine((f, ctx) => {
    const names = f.nodes.map((n) => n.name);
    names.forEach((name, i) => {
      if (names.indexOf(name) !== i) ctx.addIssue({ code: 'custom', path: ['nodes', i, 'name'], message: `a node name used once: "${name}" is used twice` });
    });
    f.effects.forEach((e, i) => {
      if (!names.includes(e.after))
        ctx.addIssue({
          code: 'custom',
          path: ['effects', i, 'after'],
          message: `a node name of this operation: one of ${names.map((n) => `"${n}"`).join(', ')}`,
        });
    });
  });
export type UserOperationFile = z.infer<typeof UserOperationFile>;

export class OperationLoadError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid operation files:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'OperationLoadError';
  }
}

/**
 * A node of a user's file as a template. A shipped node of the same name and class keeps its own
 * kind, and with it what the kind does: its log lines and its effect on the agent's processes.
 */
function kindOf(node: UserOperationFile['nodes'][number], index: number): { kind: string; template: NodeTemplate } {
  const shipped = Object.entries(AGENT_NODE_TEMPLATES).find(([, t]) => t.name === node.name && t.className === node.className);
  const range: readonly [number, number] = typeof node.seconds === 'number' ? [node.seconds, node.seconds] : node.seconds;
  const own = { name: node.name, className: node.className, description: node.description ?? node.name, timeout: node.timeout, defaultSeconds: range };
  return shipped ? { kind: shipped[0], template: { ...shipped[1], ...own } } : { kind: `node${index}`, template: own };
}

/** The declaration a file describes, and its route. */
export function toOperation(f: UserOperationFile): RoutedOperation {
  const singleHost = f.route.includes('{hostId}');
  const nodes = f.nodes.map(kindOf);
  const templates: Record<string, NodeTemplate> = {};
  for (const n of nodes) templates[n.kind] = n.template;
  if (!singleHost) templates.wait = AGENT_NODE_TEMPLATES.wait;
  const slots = singleHost ? nodes.length : nodes.length * 2 - 1;
  const kindByName = new Map(f.nodes.map((n, i) => [n.name, nodes[i]?.kind as string]));
  const operation = defineOperation({
    id: f.id,
    taskName: f.taskName,
    templates,
    answer: 'agent',
    singleHost,
    stages: nodes.map((n) => n.kind),
    ...(singleHost ? {} : { barrier: 'wait' }),
    oneHostLayout: Array.from({ length: slots }, (_, i) => ({ idOffset: i, seriesId: i, position: i })),
    startsFrom: f.startsFrom,
    during: f.during,
    effects: f.effects.map((e) => ({ after: kindByName.get(e.after) as string, status: e.status })),
  });
  return { operation, route: { path: f.route, summary: `${f.taskName} (an operation of your own, --operations-dir)`, permission: f.permission } };
}

/** Parses one file's text (YAML or JSON). Returns the operation or the list of problems. */
export function parseOperation(text: string, file: string): { operation?: RoutedOperation; problems: string[] } {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) return { problems: doc.errors.map((e) => `${file}: ${extname(file) === '.json' ? 'JSON' : 'YAML'}: ${e.message.split('\n')[0]}`) };
  const parsed = UserOperationFile.safeParse(doc.toJS());
  if (!parsed.success) return { problems: parsed.error.issues.map((i) => `${file}: ${describeIssue(i)}`) };
  return { operation: toOperation(parsed.data), problems: [] };
}

/** Loads every `*.yaml`, `*.yml` and `*.json` of each directory; ids and routes must be distinct (`takenRoutes`: the shipped calls' paths). */
export function loadOperationDirs(dirs: readonly string[], takenRoutes: readonly string[]): RoutedOperation[] {
  const problems: string[] = [];
  const loaded: RoutedOperation[] = [];
  const ids = new Map<string, string>();
  const routes = new Map<string, string>(takenRoutes.map((r) => [r, 'ocp-mock itself']));
  for (const dir of dirs) {
    const listed = filesIn(dir, /\.(ya?ml|json)$/, 'operations');
    if (listed.problem !== undefined) {
      problems.push(listed.problem);
      continue;
    }
    for (const file of listed.files) {
      const result = parseOperation(readFileSync(file, 'utf8'), file);
      problems.push(...result.problems);
      const op = result.operation;
      if (!op) continue;
      const id = op.operation.id;
      const route = routeShape(op.route.path);
      if (ids.has(id)) problems.push(`${file}: id: "${id}" is already defined in ${ids.get(id)}`);
      else if (routes.has(route)) problems.push(`${file}: route: "${op.route.path}" is already served by ${routes.get(route)}`);
      else {
        ids.set(id, file);
        routes.set(route, file);
        loaded.push(op);
      }
    }
  }
  if (problems.length > 0) throw new OperationLoadError(problems);
  return loaded;
}
