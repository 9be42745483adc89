/**
 * The calls of the lifecycle and role operations (lifecycleOperations.ts, roleOperations.ts):
 * each answers its task as its page prints it (renderTaskInstance picks the operation's style).
 * What each checks and submits is lifecycle.ts's.
 */
import { ClusterRoleInstance, ClusterSubtasksInstance, ClusterTasksInstance } from '../../contract/schemas.js';
import { defineCall } from '../../core/call.js';
import type { TaskView } from '../../engine/index.js';
import { renderTaskInstance } from '../task/index.js';
import { LIFECYCLE_OPERATIONS } from './lifecycleOperations.js';
import type { ObClusterModule } from './module.js';
import type { ClusterOperation } from './nodeTemplates.js';
import {
  AddServersBody,
  AddZoneBody,
  ClusterIdParam,
  ClusterServerParams,
  ClusterZoneParams,
  CreateClusterBody,
  DeleteServersBody,
  ReplaceServerBody,
  UpgradeClusterBody,
} from './requests.js';
import { ROLE_OPERATIONS } from './roleOperations.js';

const call = defineCall<ObClusterModule>();
const TAG = 'OB clusters';

const SCHEMA = { clusterTasks: ClusterTasksInstance, clusterSubtasks: ClusterSubtasksInstance, clusterRole: ClusterRoleInstance } as const;

/** What every one of these calls shares: its route, its answer's schema; `method` as the page's. */
function shape(routeId: string, o: ClusterOperation, method: 'post' | 'delete') {
  const answer = o.operation.answer as keyof typeof SCHEMA;
  return { routeId, method, path: o.route.path, summary: o.route.summary, tag: TAG, permission: o.route.permission, data: SCHEMA[answer] } as const;
}

const answer = (m: ObClusterModule, view: TaskView) => ({ data: renderTaskInstance(view, m.world.offsetMinutes), taskId: view.record.id });

const L = LIFECYCLE_OPERATIONS;
const R = ROLE_OPERATIONS;

export const LIFECYCLE_CALLS = {
  createCluster: call({
    ...shape('createCluster', L.createCluster, 'post'),
    body: CreateClusterBody,
    bodyObject: 'createClusterParam',
    handle: (m, { body, caller, scenario }) => answer(m, m.lifecycle.create(body, caller, scenario)),
  }),
  deleteCluster: call({
    ...shape('deleteCluster', L.deleteCluster, 'delete'),
    params: ClusterIdParam,
    handle: (m, { params, caller, scenario }) => answer(m, m.lifecycle.delete(params.id, caller, scenario)),
  }),
  upgradeCluster: call({
    ...shape('upgradeCluster', L.upgradeCluster, 'post'),
    params: ClusterIdParam,
    body: UpgradeClusterBody,
    bodyObject: 'upgradeClusterParam',
    handle: (m, { params, body, caller, scenario }) => answer(m, m.lifecycle.upgrade(params.id, body.rpmFileName, caller, scenario)),
  }),
  addZone: call({
    ...shape('addZone', L.addZone, 'post'),
    params: ClusterIdParam,
    body: AddZoneBody,
    bodyObject: 'addZoneParam',
    handle: (m, { params, body, caller, scenario }) => answer(m, m.lifecycle.addZone(params.id, body, caller, scenario)),
  }),
  deleteZone: call({
    ...shape('deleteZone', L.deleteZone, 'delete'),
    params: ClusterZoneParams,
    handle: (m, { params, caller, scenario }) => answer(m, m.lifecycle.deleteZone(params.id, params.zoneName, caller, scenario)),
  }),
  addServers: call({
    ...shape('addServers', L.addServers, 'post'),
    params: ClusterIdParam,
    body: AddServersBody,
    bodyObject: 'addServerParam',
    handle: (m, { params, body, caller, scenario }) => answer(m, m.lifecycle.addServers(params.id, body, caller, scenario)),
  }),
  deleteServers: call({
    ...shape('deleteServers', L.deleteServers, 'post'),
    params: ClusterIdParam,
    body: DeleteServersBody,
    bodyObject: 'batchDeleteServerParam',
    handle: (m, { params, body, caller, scenario }) => answer(m, m.lifecycle.deleteServers(params.id, body.servers, caller, scenario)),
  }),
  replaceServer: call({
    ...shape('replaceServer', L.replaceServer, 'post'),
    params: ClusterServerParams,
    body: ReplaceServerBody,
    bodyObject: 'replaceServerParam',
    handle: (m, { params, body, caller, scenario }) => answer(m, m.lifecycle.replaceServer(params.id, params.serverId, body.hostId, caller, scenario)),
  }),
  switchover: call({
    ...shape('switchover', R.switchover, 'post'),
    params: ClusterIdParam,
    handle: (m, { params, caller, scenario }) => answer(m, m.lifecycle.switchover(params.id, caller, scenario)),
  }),
  failover: call({
    ...shape('failover', R.failover, 'post'),
    params: ClusterIdParam,
    handle: (m, { params, caller, scenario }) => answer(m, m.lifecycle.failover(params.id, caller, scenario)),
  }),
};
