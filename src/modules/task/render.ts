/**
 * Tasks rendered in OCP's wire shapes (src/contract/schemas.ts). Keys are written in alphabetical
 * order, as OCP prints them; optional fields are left out, not null. Which shape where
 * (shared/contract README): the submitting call answers the raw TaskInstance (every module's async
 * call: this module exports it); the task query a WrappedTaskInstance; the task list BasicTaskInstance rows.
 */
import { formatOcpTime, truncateToSecond } from '../../contract/time.js';
import { type NodeTemplate, type SubtaskView, type TaskView, templateOf, timeoutOf } from '../../engine/index.js';

type Json = Record<string, unknown>;

/*
 * Every shape is one object literal with its keys in order. A field OCP leaves out (a null
 * finishTime, say) is `undefined` here, which JSON.stringify leaves out too: these objects only
 * ever go to JSON.stringify. One literal per shape keeps V8's hidden classes stable, which makes
 * both building and serializing them several times cheaper than adding keys one by one.
 */

function time(ms: number | undefined, offset: number): string | undefined {
  return ms === undefined ? undefined : formatOcpTime(ms, offset);
}

/** What every subtask shape shows after its first key, in OCP's order. */
function subtaskFields(view: TaskView, sub: SubtaskView, offset: number): Json {
  const t = templateOf(view.record, sub.node);
  return {
    description: t.description,
    downstreams: sub.node.downstreams,
    executor: sub.executor,
    finishTime: time(sub.finishTime, offset),
    id: sub.node.id,
    name: t.name,
    nodeType: 'JAVA_TASK',
    operation: sub.operation,
    parallelIdx: sub.node.parallelIdx,
    prohibitRollback: view.record.prohibitRollback,
    runTime: sub.runTime,
    seriesId: sub.node.seriesId,
    startTime: time(sub.startTime, offset),
    status: sub.status,
    timeout: timeoutOf(view.record, sub),
    upstreams: sub.node.upstreams,
  };
}

/** A subtask as the agent calls show it (with `className`). */
export function renderSubtaskInstance(view: TaskView, sub: SubtaskView, offset: number): Json {
  return { className: templateOf(view.record, sub.node).className, ...subtaskFields(view, sub, offset) };
}

/**
 * A subtask as subtask retry answers it: the agent calls' shape with the `createTime` the task
 * detail shows for it (ocp-docs/task/600: its table lists both the class name and `createTime`,
 * its sample prints `createTime`; the class name is kept as the code had it).
 */
export function renderRetriedSubtask(view: TaskView, sub: SubtaskView, offset: number): Json {
  return {
    className: templateOf(view.record, sub.node).className,
    createTime: formatOcpTime(truncateToSecond(view.record.createdAt), offset),
    ...subtaskFields(view, sub, offset),
  };
}

/** A subtask inside a WrappedTaskInstance: `createTime` (the task's) where the other has `className`. */
function renderWrappedSubtask(view: TaskView, sub: SubtaskView, offset: number, createTime: string): Json {
  return { createTime, ...subtaskFields(view, sub, offset) };
}

/**
 * The raw TaskInstance a submitting call answers with (the seed example; the single-host samples
 * carry their host in `stringMap.host_id` and a top-level `hostId` instead of `listMap.host_ids`).
 */
export function renderTaskInstance(view: TaskView, offset: number): Json {
  const r = view.record;
  const single = r.operation.singleHost;
  if (r.operation.answer === 'bare') return renderBareTaskInstance(view, offset);
  if (r.operation.answer === 'clusterTasks') return renderClusterTasksInstance(view, offset);
  if (r.operation.answer === 'clusterSubtasks') return renderClusterSubtasksInstance(view, offset);
  if (r.operation.answer === 'clusterRole') return renderClusterRoleInstance(view, offset);
  if (r.operation.answer === 'tenantCreate') return renderTenantCreateInstance(view, offset);
  if (r.operation.answer === 'tenantSubtasks') return renderTenantSubtasksInstance(view, offset);
  if (r.operation.answer === 'tenantTasks') return { ...renderClusterTasksInstance(view, offset), tenant: tenantRef(view) };
  return {
    context: {
      listMap: single ? {} : { host_ids: r.hostIds.map(String) },
      parallel: false,
      parallelIdx: -1,
      stringMap: single ? { prohibit_rollback: String(r.prohibitRollback), host_id: String(r.hostIds[0]) } : { prohibit_rollback: String(r.prohibitRollback) },
    },
    creator: r.creator.name,
    executor: r.executor,
    hostId: single ? r.hostIds[0] : undefined,
    id: r.id,
    name: r.name,
    operation: view.operation,
    startTime: formatOcpTime(view.startTime, offset),
    status: view.status,
    subtasks: view.subtasks.map((s) => renderSubtaskInstance(view, s, offset)),
    taskDefinitionId: -1,
    type: 'MANUAL',
  };
}

/** The host module's TaskInstance ("Prepare host", ocp-docs/host/1500): no context, taskDefinitionId or className. */
function renderBareTaskInstance(view: TaskView, offset: number): Json {
  const r = view.record;
  return {
    creator: r.creator.name,
    executor: r.executor,
    hostId: r.operation.singleHost ? r.hostIds[0] : undefined,
    id: r.id,
    name: r.name,
    operation: view.operation,
    startTime: formatOcpTime(view.startTime, offset),
    status: view.status,
    subtasks: view.subtasks.map((s) => subtaskFields(view, s, offset)),
    type: 'MANUAL',
  };
}

/** The cluster a task is about, as the task list and detail print it (ocp-docs/task/100, 200). */
function clusterOf(view: TaskView): Json | undefined {
  const c = view.record.subject?.cluster;
  return c ? { id: c.id, name: c.name, obClusterId: c.obClusterId, type: c.type } : undefined;
}

/** The tenant a task is about, as the task list and detail print it (ocp-docs/task/100: `{id, mode, name, obTenantId}`). */
function tenantOf(view: TaskView): Json | undefined {
  const t = view.record.subject?.tenant;
  return t ? { id: t.id, mode: t.mode, name: t.name, obTenantId: t.obTenantId } : undefined;
}

/** The tenant as 1300's 'tenantTasks' answer prints it: `{id, name}`. */
function tenantRef(view: TaskView): Json | undefined {
  const t = view.record.subject?.tenant;
  return t ? { id: t.id, name: t.name } : undefined;
}

/** Java's `Context.toString()`, as the 'clusterTasks' pages print `context` (ocp-docs/cluster/200, 400). */
function contextString(view: TaskView): string {
  const ctx = view.record.subject?.context ?? { stringMap: {}, listMap: {} };
  const strings = Object.entries(ctx.stringMap).map(([k, v]) => `${k}=${v}`);
  const lists = Object.entries(ctx.listMap).map(([k, v]) => `${k}=[${v.join(', ')}]`);
  return `Context(parallelIdx=-1, stringMap={${strings.join(', ')}}, listMap={${lists.join(', ')}})`;
}

/**
 * An OB cluster task as most cluster pages print their answer (ocp-docs/cluster/200, 400): the
 * cluster's id, name and obClusterId, the context as a string, the creator as an object, `tasks`
 * of seven keys; no `executor` or `operation` (the pages print none).
 */
function renderClusterTasksInstance(view: TaskView, offset: number): Json {
  const r = view.record;
  const c = r.subject?.cluster;
  return {
    cluster: c ? { id: c.id, name: c.name, obClusterId: c.obClusterId } : undefined,
    context: contextString(view),
    creator: { id: r.creator.id, name: r.creator.name },
    id: r.id,
    name: r.name,
    startTime: formatOcpTime(view.startTime, offset),
    status: view.status,
    tasks: view.subtasks.map((s) => {
      const t = templateOf(r, s.node);
      return {
        description: t.description,
        downstreams: s.node.downstreams,
        id: s.node.id,
        name: t.name,
        operation: s.operation,
        status: s.status,
        upstreams: s.node.upstreams,
      };
    }),
  };
}

/** An OB cluster task as the zone and server pages 1100-1300, 1500, 1800, 2800, 2900 print it: the agent pages' shape with `clusterId` and the cluster's context. */
function renderClusterSubtasksInstance(view: TaskView, offset: number): Json {
  const r = view.record;
  const ctx = r.subject?.context ?? { stringMap: {}, listMap: {} };
  return {
    clusterId: r.subject?.cluster.id,
    context: { listMap: ctx.listMap, parallel: false, parallelIdx: -1, stringMap: ctx.stringMap },
    creator: r.creator.name,
    executor: r.executor,
    id: r.id,
    name: r.name,
    operation: view.operation,
    startTime: formatOcpTime(view.startTime, offset),
    status: view.status,
    subtasks: view.subtasks.map((s) => renderSubtaskInstance(view, s, offset)),
    taskDefinitionId: -1,
    type: 'MANUAL',
  };
}

/**
 * An OB tenant task as 1100 and 1200 print it: the 'clusterSubtasks' shape with `tenantId` after
 * `taskDefinitionId`, its subtasks with `className` and without `prohibitRollback` (as those samples print them).
 */
function renderTenantSubtasksInstance(view: TaskView, offset: number): Json {
  const { subtasks: _cluster, taskDefinitionId, type, ...head } = renderClusterSubtasksInstance(view, offset) as Record<string, Json>;
  return {
    ...head,
    subtasks: view.subtasks.map((s) => ({ ...renderSubtaskInstance(view, s, offset), prohibitRollback: undefined })),
    taskDefinitionId,
    tenantId: view.record.subject?.tenant?.id,
    type,
  };
}

/** A tenant create as 400 prints it: the 'clusterRole' shape with `tenantId` after `taskDefinitionId`. */
function renderTenantCreateInstance(view: TaskView, offset: number): Json {
  const { type: _type, ...role } = renderClusterRoleInstance(view, offset);
  return { ...role, tenantId: view.record.subject?.tenant?.id, type: 'MANUAL' };
}

/** A switchover or failover as 2800 and 2900 print it: no `context`, subtasks without `className`, the task's `prohibitRollback`. */
function renderClusterRoleInstance(view: TaskView, offset: number): Json {
  const r = view.record;
  return {
    clusterId: r.subject?.cluster.id,
    creator: r.creator.name,
    executor: r.executor,
    id: r.id,
    name: r.name,
    operation: view.operation,
    prohibitRollback: r.prohibitRollback,
    startTime: formatOcpTime(view.startTime, offset),
    status: view.status,
    subtasks: view.subtasks.map((s) => subtaskFields(view, s, offset)),
    taskDefinitionId: -1,
    type: 'MANUAL',
  };
}

/*
 * The batch stop's answer is the one shape rendered afresh on every call of a load test (a task
 * read is cached per view, see answers.ts), so it is also written straight to JSON text:
 * about three times cheaper than building the objects above and serializing them. Every submitting route answers
 * with this text; renderTaskInstance stays the readable definition, and a property test
 * (test/unit/taskInstanceJson.property.test.ts) holds the two equal, key order included, over tasks
 * in every state.
 */
const q = JSON.stringify;

/**
 * Per node template, the constant stretches of a SubtaskInstance's JSON, made once per writer (each
 * module that answers tasks keeps one; nothing is shared between simulators).
 */
export class TaskJsonWriter {
  private readonly subtaskText = new WeakMap<NodeTemplate, { head: string; name: string }>();

  textOf(t: NodeTemplate): { head: string; name: string } {
    let text = this.subtaskText.get(t);
    if (!text) {
      text = {
        head: `{"className":${q(t.className)},"description":${q(t.description)},"downstreams":[`,
        name: `,"name":${q(t.name)},"nodeType":"JAVA_TASK","operation":"`,
      };
      this.subtaskText.set(t, text);
    }
    return text;
  }

  /** `JSON.stringify(renderTaskInstance(view, offset))`, written directly. */
  taskInstance(view: TaskView, offset: number): string {
    return taskInstanceJson(view, offset, this);
  }
}

function subtaskInstanceJson(view: TaskView, sub: SubtaskView, offset: number, writer: TaskJsonWriter): string {
  const text = writer.textOf(templateOf(view.record, sub.node));
  let s = `${text.head}${sub.node.downstreams.join(',')}]`;
  if (sub.executor !== undefined) s += `,"executor":${q(sub.executor)}`;
  if (sub.finishTime !== undefined) s += `,"finishTime":"${formatOcpTime(sub.finishTime, offset)}"`;
  s += `,"id":${sub.node.id}${text.name}${sub.operation}","parallelIdx":${sub.node.parallelIdx},"prohibitRollback":${view.record.prohibitRollback}`;
  s += `,"runTime":${sub.runTime},"seriesId":${sub.node.seriesId}`;
  if (sub.startTime !== undefined) s += `,"startTime":"${formatOcpTime(sub.startTime, offset)}"`;
  return `${s},"status":"${sub.status}","timeout":${timeoutOf(view.record, sub)},"upstreams":[${sub.node.upstreams.join(',')}]}`;
}

/** `JSON.stringify(renderTaskInstance(view, offset))`, written directly (`writer`: whose texts of templates to use). */
export function taskInstanceJson(view: TaskView, offset: number, writer = new TaskJsonWriter()): string {
  const r = view.record;
  // Adding hosts and OB cluster operations are not a load test's hot path: their shapes are written the readable way.
  if (r.operation.answer !== 'agent') return JSON.stringify(renderTaskInstance(view, offset));
  const single = r.operation.singleHost;
  const context = single
    ? `{"listMap":{},"parallel":false,"parallelIdx":-1,"stringMap":{"prohibit_rollback":"${r.prohibitRollback}","host_id":"${r.hostIds[0]}"}}`
    : `{"listMap":{"host_ids":[${r.hostIds.map((id) => `"${id}"`).join(',')}]},"parallel":false,"parallelIdx":-1,"stringMap":{"prohibit_rollback":"${r.prohibitRollback}"}}`;
  let s =
    `{"context":${context},"creator":${q(r.creator.name)},"executor":${q(r.executor)},${single ? `"hostId":${r.hostIds[0]},` : ''}` +
    `"id":${r.id},"name":${q(r.name)},"operation":"${view.operation}","startTime":"${formatOcpTime(view.startTime, offset)}",` +
    `"status":"${view.status}","subtasks":[`;
  const subtasks = view.subtasks;
  for (let i = 0; i < subtasks.length; i++) s += (i === 0 ? '' : ',') + subtaskInstanceJson(view, subtasks[i] as SubtaskView, offset, writer);
  return `${s}],"taskDefinitionId":-1,"type":"MANUAL"}`;
}

/** The WrappedTaskInstance of `GET /api/v2/tasks/instances/{id}`. */
export function renderWrappedTask(view: TaskView, offset: number): Json {
  const r = view.record;
  const createTime = formatOcpTime(truncateToSecond(r.createdAt), offset);
  return {
    cluster: clusterOf(view),
    createTime,
    creator: { id: r.creator.id, name: r.creator.name },
    executor: r.executor,
    finishTime: time(view.finishTime, offset),
    id: r.id,
    name: r.name,
    operation: view.operation,
    prohibitRollback: r.prohibitRollback,
    startTime: formatOcpTime(view.startTime, offset),
    status: view.status,
    subtasks: view.subtasks.map((s) => renderWrappedSubtask(view, s, offset, createTime)),
    taskDefinitionId: -1,
    tenant: tenantOf(view),
    type: 'MANUAL',
  };
}

/** A BasicTaskInstance row of the task list. */
export function renderBasicTask(view: TaskView, offset: number): Json {
  const r = view.record;
  return {
    cluster: clusterOf(view),
    creator: { id: r.creator.id, name: r.creator.name },
    finishTime: time(view.finishTime, offset),
    id: r.id,
    name: r.name,
    startTime: formatOcpTime(view.startTime, offset),
    status: view.status,
    subtasks: view.subtasks.map((s) => ({
      description: templateOf(r, s.node).description,
      id: s.node.id,
      name: templateOf(r, s.node).name,
      operation: s.operation,
      status: s.status,
    })),
    tenant: tenantOf(view),
  };
}
