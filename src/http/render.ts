/**
 * Engine views and stored hosts rendered in OCP's wire shapes (src/contract/schemas.ts). Keys are
 * written in alphabetical order, as OCP prints them; optional fields are left out, not null.
 * Which shape where (shared/contract README): the submitting call answers the raw TaskInstance;
 * the task query a WrappedTaskInstance; the task list BasicTaskInstance rows.
 */
import type { AgentStatus } from '../contract/enums.js';
import { formatOcpTime, truncateToSecond } from '../contract/time.js';
import { NODE_TEMPLATES } from '../engine/plan.js';
import { type SubtaskView, type TaskView, timeoutOf } from '../engine/simulate.js';
import type { HostRecord } from '../fakes/hosts.js';

type Json = Record<string, unknown>;

function time(ms: number | undefined, offset: number): string | undefined {
  return ms === undefined ? undefined : formatOcpTime(ms, offset);
}

/** Adds `key` only when the value is defined: OCP leaves null fields out. */
function put(obj: Json, key: string, value: unknown): void {
  if (value !== undefined) obj[key] = value;
}

function subtaskCommon(view: TaskView, sub: SubtaskView, offset: number, head: Json): Json {
  const t = NODE_TEMPLATES[sub.node.kind];
  const out: Json = head;
  out.description = t.description;
  out.downstreams = sub.node.downstreams;
  put(out, 'executor', sub.executor);
  put(out, 'finishTime', time(sub.finishTime, offset));
  out.id = sub.node.id;
  out.name = t.name;
  out.nodeType = 'JAVA_TASK';
  out.operation = sub.operation;
  out.parallelIdx = sub.node.parallelIdx;
  out.prohibitRollback = view.record.prohibitRollback;
  out.runTime = sub.runTime;
  out.seriesId = sub.node.seriesId;
  put(out, 'startTime', time(sub.startTime, offset));
  out.status = sub.status;
  out.timeout = timeoutOf(view.record, sub.index);
  out.upstreams = sub.node.upstreams;
  return out;
}

/** A subtask as the agent calls and subtask retry show it (with `className`). */
export function renderSubtaskInstance(view: TaskView, sub: SubtaskView, offset: number): Json {
  return subtaskCommon(view, sub, offset, { className: NODE_TEMPLATES[sub.node.kind].className });
}

/** The raw TaskInstance that batchStopAgents answers with (the seed example). */
export function renderTaskInstance(view: TaskView, offset: number): Json {
  const r = view.record;
  return {
    context: {
      listMap: { host_ids: r.hostIds.map(String) },
      parallel: false,
      parallelIdx: -1,
      stringMap: { prohibit_rollback: String(r.prohibitRollback) },
    },
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

/** The WrappedTaskInstance of `GET /api/v2/tasks/instances/{id}`. */
export function renderWrappedTask(view: TaskView, offset: number): Json {
  const r = view.record;
  const createTime = formatOcpTime(truncateToSecond(r.createdAt), offset);
  const out: Json = {
    createTime,
    creator: { id: r.creator.id, name: r.creator.name },
    executor: r.executor,
  };
  put(out, 'finishTime', time(view.finishTime, offset));
  out.id = r.id;
  out.name = r.name;
  out.operation = view.operation;
  out.prohibitRollback = r.prohibitRollback;
  out.startTime = formatOcpTime(view.startTime, offset);
  out.status = view.status;
  out.subtasks = view.subtasks.map((s) => subtaskCommon(view, s, offset, { createTime }));
  out.taskDefinitionId = -1;
  out.type = 'MANUAL';
  return out;
}

/** A BasicTaskInstance row of the task list. */
export function renderBasicTask(view: TaskView, offset: number): Json {
  const r = view.record;
  const out: Json = { creator: { id: r.creator.id, name: r.creator.name } };
  put(out, 'finishTime', time(view.finishTime, offset));
  out.id = r.id;
  out.name = r.name;
  out.startTime = formatOcpTime(view.startTime, offset);
  out.status = view.status;
  out.subtasks = view.subtasks.map((s) => ({
    description: NODE_TEMPLATES[s.node.kind].description,
    id: s.node.id,
    name: NODE_TEMPLATES[s.node.kind].name,
    operation: s.operation,
    status: s.status,
  }));
  return out;
}

/** A host as `GET /api/v2/compute/hosts/{id}` shows it (samples/host_detail_response.json). */
export function renderHost(h: HostRecord, agentStatus: AgentStatus, offset: number): Json {
  return {
    alias: null,
    architecture: h.architecture,
    createTime: formatOcpTime(h.createTime, offset),
    description: null,
    hostAgentId: h.hostAgentId,
    hostAgentStatus: agentStatus,
    hostAgentVersion: h.hostAgentVersion,
    id: h.id,
    idcDescription: null,
    idcId: h.idcId,
    idcName: h.idcName,
    innerIpAddress: h.innerIpAddress,
    kind: h.kind,
    name: h.name,
    operatingSystem: h.operatingSystem,
    operatingSystemRelease: h.operatingSystemRelease,
    publishPorts: null,
    regionDescription: null,
    regionId: h.regionId,
    regionName: h.regionName,
    serialNumber: null,
    services: h.services.map((s) => ({ name: s.name, softwarePackageId: s.softwarePackageId, type: s.type, version: s.version })),
    sshPort: h.sshPort,
    status: h.status,
    typeDescription: null,
    typeId: h.typeId,
    typeName: h.typeName,
    updateTime: formatOcpTime(h.updateTime, offset),
  };
}

/** *inferred* shape of `GET /api/v2/compute/hosts/{id}/agent` (OCP publishes no sample). */
export function renderHostAgent(h: HostRecord, agentStatus: AgentStatus): Json {
  return { hostId: h.id, id: h.hostAgentId, ip: h.innerIpAddress, port: 62888, status: agentStatus, version: h.hostAgentVersion };
}
