/**
 * The host module's calls (ocp-docs/host): hosts listed and read (HOST_VIEWER), added (each
 * through a "Prepare host" task) and deleted (HOST_MANAGER); regions, IDCs and host types listed,
 * read, created and deleted. Each seeded record is the one the seeded hosts point at by `regionId`,
 * `idcId` and `typeId`; a deletion that would leave something pointing at nothing is refused.
 */
import { z } from 'zod';
import { pageOf } from '../../contract/paging.js';
import { PageQuery } from '../../contract/requests.js';
import { BareTaskInstance, CreatedRecord, Host, HostType, Idc, pageOf as pageSchema, Region } from '../../contract/schemas.js';
import { defineCall } from '../../core/call.js';
import type { Compute } from './hosts.js';
import type { InventoryKind } from './inventory.js';
import { queryHosts, sortInventory } from './queries.js';
import { renderHostType, renderIdc, renderRegion } from './render.js';
import {
  BatchCreateHostsRequest,
  BatchDeleteHostsRequest,
  HOST_LIST_ARRAYS,
  HostIdParam,
  HostListQuery,
  HostTypeCreateRequest,
  HostTypeIdParam,
  IdcCreateRequest,
  IdcIdParam,
  RegionCreateRequest,
  RegionIdParam,
} from './requests.js';

const call = defineCall<Compute>();
const TAG = 'Hosts';

const hostCalls = {
  listHosts: call({
    routeId: 'listHosts',
    method: 'get',
    path: '/compute/hosts',
    summary: 'Query hosts',
    tag: TAG,
    permission: 'HOST_VIEWER',
    query: HostListQuery,
    queryObject: 'hostQuery',
    queryArrays: HOST_LIST_ARRAYS,
    data: pageSchema(Host),
    handle(m, { query }) {
      const now = m.world.now();
      const page = pageOf(queryHosts(m, query, now), query);
      const contents = page.contents.map((h) => m.rows.json(h, m.hostState(h, now), m.agentStatus(h, now))).join(',');
      return { json: `{"contents":[${contents}],"page":${JSON.stringify(page.page)}}` };
    },
  }),
  getHost: call({
    routeId: 'getHost',
    method: 'get',
    path: '/compute/hosts/{hostId}',
    summary: 'Query a host',
    tag: TAG,
    permission: 'HOST_VIEWER',
    params: HostIdParam,
    data: Host,
    handle(m, { params }) {
      const host = m.host(params.hostId);
      const now = m.world.now();
      return { json: m.rows.json(host, m.hostState(host, now), m.agentStatus(host, now)) };
    },
  }),
  // Adding answers the page of "Prepare host" tasks, one per host, without paging (ocp-docs/host/1500).
  addHosts: call({
    routeId: 'addHosts',
    method: 'post',
    path: '/compute/hosts/batchCreate',
    summary: 'Add hosts, each through a "Prepare host" task (批量添加主机)',
    tag: TAG,
    permission: 'HOST_MANAGER',
    body: BatchCreateHostsRequest,
    bodyObject: 'hostBatchCreateRequest',
    data: z.strictObject({ contents: z.array(BareTaskInstance) }),
    handle(m, { body, caller, scenario }) {
      const views = m.addHosts(body, caller, scenario);
      return { json: `{"contents":[${views.map((v) => m.taskJson.taskInstance(v, m.world.offsetMinutes)).join(',')}]}`, taskId: views[0]?.record.id };
    },
  }),
  // Deleting answers an envelope without data (ocp-docs/host/1600, 1700).
  deleteHost: call({
    routeId: 'deleteHosts',
    method: 'delete',
    path: '/compute/hosts/{hostId}',
    summary: 'Delete a host (删除主机)',
    tag: TAG,
    permission: 'HOST_MANAGER',
    params: HostIdParam,
    data: null,
    handle(m, { params }) {
      m.deleteHosts([params.hostId]);
      return {};
    },
  }),
  batchDeleteHosts: call({
    routeId: 'deleteHosts',
    method: 'post',
    path: '/compute/hosts/batchDelete',
    summary: 'Delete hosts (批量删除主机)',
    tag: TAG,
    permission: 'HOST_MANAGER',
    body: BatchDeleteHostsRequest,
    bodyObject: 'batchDeleteHostsRequest',
    data: null,
    handle(m, { body }) {
      m.deleteHosts(body.hostIdList);
      return {};
    },
  }),
};

/** How each kind of inventory record answers, one by one. */
const RENDER: { [K in InventoryKind]: (m: Compute, id: number) => unknown } = {
  regions: (m, id) => renderRegion(m.inventory.record('regions', id), m.world.offsetMinutes),
  idcs: (m, id) => {
    const idc = m.inventory.record('idcs', id);
    return renderIdc(idc, m.inventory.record('regions', idc.regionId).name, m.world.offsetMinutes);
  },
  hostTypes: (m, id) => renderHostType(m.inventory.record('hostTypes', id), m.world.offsetMinutes),
};

/** A list of one kind of record, paged and sorted as OCP lists are. */
function listOf<K extends InventoryKind>(kind: K) {
  return (m: Compute, { query }: { query: z.output<typeof PageQuery> }) => {
    const page = pageOf(sortInventory(m.inventory.lists[kind], query.sort), query);
    return { data: { contents: page.contents.map((r) => RENDER[kind](m, r.id)), page: page.page } };
  };
}

/**
 * Creating a region or a host type answers its times as null and no description (ocp-docs/host/300,
 * 1100: the samples, followed where the tables also list `description`; a later read has it); an
 * IDC in full (700).
 */
function createOf(kind: InventoryKind) {
  return (m: Compute, { body }: { body: { name: string; description?: string; regionId?: number } }) => {
    const record = m.inventory.create(kind, body);
    if (kind === 'idcs') return { data: RENDER.idcs(m, record.id) };
    return { data: { createTime: null, id: record.id, name: record.name, updateTime: null } };
  };
}

const inventoryCalls = {
  listRegions: call({
    routeId: 'listRegions',
    method: 'get',
    path: '/compute/regions',
    summary: 'Query the region list (查询区域列表)',
    tag: TAG,
    permission: 'HOST_VIEWER',
    query: PageQuery,
    queryObject: 'pageQuery',
    data: pageSchema(Region),
    handle: listOf('regions'),
  }),
  getRegion: call({
    routeId: 'getRegion',
    method: 'get',
    path: '/compute/regions/{regionId}',
    summary: 'Query a region (查询区域详情)',
    tag: TAG,
    permission: 'HOST_VIEWER',
    params: RegionIdParam,
    data: Region,
    handle: (m, { params }) => ({ data: RENDER.regions(m, params.regionId) }),
  }),
  listIdcs: call({
    routeId: 'listIdcs',
    method: 'get',
    path: '/compute/idcs',
    summary: 'Query the IDC list (查询机房列表)',
    tag: TAG,
    permission: 'HOST_VIEWER',
    query: PageQuery,
    queryObject: 'pageQuery',
    data: pageSchema(Idc),
    handle: listOf('idcs'),
  }),
  getIdc: call({
    routeId: 'getIdc',
    method: 'get',
    path: '/compute/idcs/{idcId}',
    summary: 'Query an IDC (查询机房详情)',
    tag: TAG,
    permission: 'HOST_VIEWER',
    params: IdcIdParam,
    data: Idc,
    handle: (m, { params }) => ({ data: RENDER.idcs(m, params.idcId) }),
  }),
  listHostTypes: call({
    routeId: 'listHostTypes',
    method: 'get',
    path: '/compute/hostTypes',
    summary: 'Query the host types (查询机型列表)',
    tag: TAG,
    permission: 'HOST_VIEWER',
    query: PageQuery,
    queryObject: 'pageQuery',
    data: pageSchema(HostType),
    handle: listOf('hostTypes'),
  }),
  getHostType: call({
    routeId: 'getHostType',
    method: 'get',
    path: '/compute/hostTypes/{hostTypeId}',
    summary: 'Query a host type (查询机型详情)',
    tag: TAG,
    permission: 'HOST_VIEWER',
    params: HostTypeIdParam,
    data: HostType,
    handle: (m, { params }) => ({ data: RENDER.hostTypes(m, params.hostTypeId) }),
  }),
  createRegion: call({
    routeId: 'changeInventory',
    method: 'post',
    path: '/compute/regions',
    summary: 'Create a region (新增区域)',
    tag: TAG,
    permission: 'HOST_MANAGER',
    body: RegionCreateRequest,
    bodyObject: 'requestBody',
    data: CreatedRecord,
    handle: createOf('regions'),
  }),
  deleteRegion: call({
    routeId: 'changeInventory',
    method: 'delete',
    path: '/compute/regions/{regionId}',
    summary: 'Delete a region (删除区域)',
    tag: TAG,
    permission: 'HOST_MANAGER',
    params: RegionIdParam,
    data: null,
    handle(m, { params }) {
      m.inventory.delete('regions', params.regionId);
      return {};
    },
  }),
  createIdc: call({
    routeId: 'changeInventory',
    method: 'post',
    path: '/compute/idcs',
    summary: 'Create an IDC (新增机房)',
    tag: TAG,
    permission: 'HOST_MANAGER',
    body: IdcCreateRequest,
    bodyObject: 'requestBody',
    data: Idc,
    handle: createOf('idcs'),
  }),
  deleteIdc: call({
    routeId: 'changeInventory',
    method: 'delete',
    path: '/compute/idcs/{idcId}',
    summary: 'Delete an IDC (删除机房)',
    tag: TAG,
    permission: 'HOST_MANAGER',
    params: IdcIdParam,
    data: null,
    handle(m, { params }) {
      m.inventory.delete('idcs', params.idcId);
      return {};
    },
  }),
  createHostType: call({
    routeId: 'changeInventory',
    method: 'post',
    path: '/compute/hostTypes',
    summary: 'Create a host type (新增机型)',
    tag: TAG,
    permission: 'HOST_MANAGER',
    body: HostTypeCreateRequest,
    bodyObject: 'requestBody',
    data: CreatedRecord,
    handle: createOf('hostTypes'),
  }),
  deleteHostType: call({
    routeId: 'changeInventory',
    method: 'delete',
    path: '/compute/hostTypes/{hostTypeId}',
    summary: 'Delete a host type (删除机型)',
    tag: TAG,
    permission: 'HOST_MANAGER',
    params: HostTypeIdParam,
    data: null,
    handle(m, { params }) {
      m.inventory.delete('hostTypes', params.hostTypeId);
      return {};
    },
  }),
};

/** Every call of the host module, by name (the OpenAPI operation id). */
export const COMPUTE_CALLS = { ...hostCalls, ...inventoryCalls };
