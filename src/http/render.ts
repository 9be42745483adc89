/**
 * Engine views and stored hosts rendered in OCP's wire shapes (src/contract/schemas.ts). Keys are
 * written in alphabetical order, as OCP prints them; optional fields are left out, not null.
 * Which shape where (shared/contract README): the submitting call answers the raw TaskInstance;
 * the task query a WrappedTaskInstance; the task list BasicTaskInstance rows.
 */
import type { AgentStatus, HostStatus } from '../contract/enums.js';
import { formatOcpTime, truncateToSecond } from '../contract/time.js';
import type { NodeTemplate } from '../engine/operations.js';
import { type SubtaskView, type TaskView, templateOf, timeoutOf } from '../engine/view.js';
import { AGENT_INSTALL_HOME, AGENT_LOG_HOME } from '../fakes/agentProcesses.js';
import type { HostRecord } from '../fakes/hosts.js';
import type { HostTypeRecord, IdcRecord, RegionRecord } from '../fakes/inventory.js';
import type { AgentProcessView } from '../simulator/agentProcesses.js';

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

/*
 * The batch stop's answer is the one shape rendered afresh on every call of a load test (a task
 * read is cached per instant, see TaskDetailCache), so it is also written straight to JSON text:
 * about three times cheaper than building the objects above and serializing them. Every submitting route answers
 * with this text; renderTaskInstance stays the readable definition, and a property test
 * (test/unit/taskInstanceJson.property.test.ts) holds the two equal, key order included, over tasks
 * in every state.
 */
const q = JSON.stringify;

/** Per node template, the constant stretches of a SubtaskInstance's JSON (made once). */
const subtaskText = new WeakMap<NodeTemplate, { head: string; name: string }>();
function textOf(t: NodeTemplate): { head: string; name: string } {
  let text = subtaskText.get(t);
  if (!text) {
    text = {
      head: `{"className":${q(t.className)},"description":${q(t.description)},"downstreams":[`,
      name: `,"name":${q(t.name)},"nodeType":"JAVA_TASK","operation":"`,
    };
    subtaskText.set(t, text);
  }
  return text;
}

function subtaskInstanceJson(view: TaskView, sub: SubtaskView, offset: number): string {
  const text = textOf(templateOf(view.record, sub.node));
  let s = `${text.head}${sub.node.downstreams.join(',')}]`;
  if (sub.executor !== undefined) s += `,"executor":${q(sub.executor)}`;
  if (sub.finishTime !== undefined) s += `,"finishTime":"${formatOcpTime(sub.finishTime, offset)}"`;
  s += `,"id":${sub.node.id}${text.name}${sub.operation}","parallelIdx":${sub.node.parallelIdx},"prohibitRollback":${view.record.prohibitRollback}`;
  s += `,"runTime":${sub.runTime},"seriesId":${sub.node.seriesId}`;
  if (sub.startTime !== undefined) s += `,"startTime":"${formatOcpTime(sub.startTime, offset)}"`;
  return `${s},"status":"${sub.status}","timeout":${timeoutOf(view.record, sub)},"upstreams":[${sub.node.upstreams.join(',')}]}`;
}

/** `JSON.stringify(renderTaskInstance(view, offset))`, written directly. */
export function taskInstanceJson(view: TaskView, offset: number): string {
  const r = view.record;
  // Adding hosts is not a load test's hot path: the bare shape is written the readable way.
  if (r.operation.answer === 'bare') return JSON.stringify(renderBareTaskInstance(view, offset));
  const single = r.operation.singleHost;
  const context = single
    ? `{"listMap":{},"parallel":false,"parallelIdx":-1,"stringMap":{"prohibit_rollback":"${r.prohibitRollback}","host_id":"${r.hostIds[0]}"}}`
    : `{"listMap":{"host_ids":[${r.hostIds.map((id) => `"${id}"`).join(',')}]},"parallel":false,"parallelIdx":-1,"stringMap":{"prohibit_rollback":"${r.prohibitRollback}"}}`;
  let s =
    `{"context":${context},"creator":${q(r.creator.name)},"executor":${q(r.executor)},${single ? `"hostId":${r.hostIds[0]},` : ''}` +
    `"id":${r.id},"name":${q(r.name)},"operation":"${view.operation}","startTime":"${formatOcpTime(view.startTime, offset)}",` +
    `"status":"${view.status}","subtasks":[`;
  const subtasks = view.subtasks;
  for (let i = 0; i < subtasks.length; i++) s += (i === 0 ? '' : ',') + subtaskInstanceJson(view, subtasks[i] as SubtaskView, offset);
  return `${s}],"taskDefinitionId":-1,"type":"MANUAL"}`;
}

/** The WrappedTaskInstance of `GET /api/v2/tasks/instances/{id}`. */
export function renderWrappedTask(view: TaskView, offset: number): Json {
  const r = view.record;
  const createTime = formatOcpTime(truncateToSecond(r.createdAt), offset);
  return {
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
    type: 'MANUAL',
  };
}

/** A BasicTaskInstance row of the task list. */
export function renderBasicTask(view: TaskView, offset: number): Json {
  const r = view.record;
  return {
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
  };
}

/** The descriptions of a host's IDC, region and host type (Simulator.hostDescriptions). */
export interface HostDescriptions {
  idc: string | null;
  region: string | null;
  type: string | null;
}

const NO_DESCRIPTIONS: HostDescriptions = { idc: null, region: null, type: null };

/**
 * A host as `GET /api/v2/compute/hosts/{id}` shows it (samples/host_detail_response.json); its
 * `idcDescription`, `regionDescription` and `typeDescription` are its IDC's, region's and type's
 * (ocp-docs/host/1400's table; the sample's host prints null for each, as its records have none).
 */
export function renderHost(
  h: HostRecord,
  status: HostStatus,
  agentStatus: AgentStatus,
  offset: number,
  updateTime = h.updateTime,
  descriptions = NO_DESCRIPTIONS,
): Json {
  return {
    alias: h.alias ?? null,
    architecture: h.architecture,
    createTime: formatOcpTime(h.createTime, offset),
    description: h.description ?? null,
    hostAgentId: h.hostAgentId,
    hostAgentStatus: agentStatus,
    hostAgentVersion: h.hostAgentVersion,
    id: h.id,
    idcDescription: descriptions.idc,
    idcId: h.idcId,
    idcName: h.idcName,
    innerIpAddress: h.innerIpAddress,
    kind: h.kind,
    name: h.name,
    operatingSystem: h.operatingSystem,
    operatingSystemRelease: h.operatingSystemRelease,
    publishPorts: h.publishPorts ?? null,
    regionDescription: descriptions.region,
    regionId: h.regionId,
    regionName: h.regionName,
    serialNumber: h.serialNumber ?? null,
    services: h.services.map((s) => ({ name: s.name, softwarePackageId: s.softwarePackageId, type: s.type, version: s.version })),
    sshPort: h.sshPort,
    status,
    typeDescription: descriptions.type,
    typeId: h.typeId,
    typeName: h.typeName,
    updateTime: formatOcpTime(updateTime, offset),
  };
}

/** A process of a host's agent (ocp-docs/agent/600); a stopped one prints nulls where the sample does. */
export function renderAgentProcess(p: AgentProcessView, now: number, offset: number): Json {
  const t = p.base.template;
  return {
    alias: t.alias,
    createTime: formatOcpTime(p.base.createTime, offset),
    elapsedTime: p.startedAt === undefined ? 0 : Math.max(0, Math.floor((now - p.startedAt) / 1000)),
    hostId: p.hostId,
    id: p.base.id,
    lastActiveTime: formatOcpTime(p.lastActiveTime, offset),
    logFilePattern: `${AGENT_LOG_HOME}/${t.alias}.log*`,
    operable: t.operable,
    pid: p.pid,
    ports: p.running ? t.ports : null,
    startCommand: p.running ? t.startCommand(p.host) : null,
    status: p.running ? 'STARTED' : 'STOPPED',
    updateTime: formatOcpTime(p.updateTime, offset),
    user: p.running ? 'root' : null,
  };
}

/** `GET /api/v2/compute/hosts/{id}/agent` (ocp-docs/agent/100); `updateTime`, the agent's (Simulator.agentUpdateTime). */
export function renderHostAgent(
  h: HostRecord,
  agentStatus: AgentStatus,
  processes: readonly AgentProcessView[],
  now: number,
  offset: number,
  updateTime = h.updateTime,
): Json {
  // The agent was last seen when a process of it last was, or when it was last updated (*inferred*).
  const lastAvailable = processes.reduce((t, p) => Math.max(t, p.lastActiveTime), updateTime);
  return {
    createTime: formatOcpTime(h.createTime, offset),
    hostId: h.id,
    hostInnerIpAddress: h.innerIpAddress,
    id: h.hostAgentId,
    installHome: AGENT_INSTALL_HOME,
    lastAvailableTime: formatOcpTime(lastAvailable, offset),
    logHome: AGENT_LOG_HOME,
    processes: processes.map((p) => renderAgentProcess(p, now, offset)),
    status: agentStatus,
    updateTime: formatOcpTime(updateTime, offset),
    version: h.hostAgentVersion,
  };
}

/**
 * A region (ocp-docs/host/200). Its table lists `description`, its samples (100, 200) print none:
 * a region with a description prints it, one without leaves the key out (*inferred*: the samples'
 * regions are taken to have none; IDCs and host types print theirs as null, as their samples do).
 */
export function renderRegion(r: RegionRecord, offset: number): Json {
  return {
    createTime: formatOcpTime(r.createTime, offset),
    description: r.description ?? undefined,
    id: r.id,
    name: r.name,
    updateTime: formatOcpTime(r.updateTime, offset),
  };
}

/** An IDC (ocp-docs/host/600), with its region's name. */
export function renderIdc(r: IdcRecord, regionName: string, offset: number): Json {
  return {
    createTime: formatOcpTime(r.createTime, offset),
    description: r.description,
    id: r.id,
    name: r.name,
    regionId: r.regionId,
    regionName,
    updateTime: formatOcpTime(r.updateTime, offset),
  };
}

/** A host type (ocp-docs/host/1000). */
export function renderHostType(r: HostTypeRecord, offset: number): Json {
  return {
    createTime: formatOcpTime(r.createTime, offset),
    description: r.description,
    id: r.id,
    name: r.name,
    updateTime: formatOcpTime(r.updateTime, offset),
  };
}
