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

/** What differs between the calls of regions, IDCs and host types (ocp-docs/host/100-1200). */
interface InventoryCallsSpec<P extends z.ZodObject> {
  path: string;
  /** The path parameter of one record, and its schema. */
  param: string;
  params: P;
  create: z.ZodObject;
  /** One record as read, and as created (regions and host types answer their times as null, ocp-docs/host/300, 1100). */
  read: z.ZodType;
  created: z.ZodType;
  summaries: { list: string; get: string; create: string; delete: string };
  /** What scenarios call the list and the read (creating and deleting are `changeInventory` for every kind). */
  routeIds: { list: string; get: string };
}

/** The list, read, create and delete calls of one kind of inventory record. */
function inventoryCalls<P extends z.ZodObject>(kind: InventoryKind, spec: InventoryCallsSpec<P>) {
  const idOf = (params: unknown) => (params as Record<string, number>)[spec.param] as number;
  const one = `${spec.path}/{${spec.param}}`;
  return {
    list: call({
      routeId: spec.routeIds.list,
      method: 'get',
      path: spec.path,
      summary: spec.summaries.list,
      tag: TAG,
      permission: 'HOST_VIEWER',
      query: PageQuery,
      queryObject: 'pageQuery',
      data: pageSchema(spec.read),
      handle(m, { query }) {
        const page = pageOf(sortInventory(m.inventory.lists[kind], query.sort), query);
        return { data: { contents: page.contents.map((r) => RENDER[kind](m, r.id)), page: page.page } };
      },
    }),
    get: call({
      routeId: spec.routeIds.get,
      method: 'get',
      path: one,
      summary: spec.summaries.get,
      tag: TAG,
      permission: 'HOST_VIEWER',
      params: spec.params,
      data: spec.read,
      handle: (m, { params }) => ({ data: RENDER[kind](m, idOf(params)) }),
    }),
    create: call({
      routeId: 'changeInventory',
      method: 'post',
      path: spec.path,
      summary: spec.summaries.create,
      tag: TAG,
      permission: 'HOST_MANAGER',
      body: spec.create,
      bodyObject: 'requestBody',
      data: spec.created,
      handle(m, { body }) {
        const record = m.inventory.create(kind, body as { name: string; description?: string; regionId?: number });
        // Creating a region or a host type answers its times as null and no description (ocp-docs/host/300,
        // 1100: the samples, followed where the tables also list `description`; a later read has it); an
        // IDC in full (700).
        if (kind === 'idcs') return { data: RENDER.idcs(m, record.id) };
        return { data: { createTime: null, id: record.id, name: record.name, updateTime: null } };
      },
    }),
    delete: call({
      routeId: 'changeInventory',
      method: 'delete',
      path: one,
      summary: spec.summaries.delete,
      tag: TAG,
      permission: 'HOST_MANAGER',
      params: spec.params,
      data: null,
      handle(m, { params }) {
        m.inventory.delete(kind, idOf(params));
        return {};
      },
    }),
  };
}

const regions = inventoryCalls('regions', {
  routeIds: { list: 'listRegions', get: 'getRegion' },
  path: '/compute/regions',
  param: 'regionId',
  params: RegionIdParam,
  create: RegionCreateRequest,
  read: Region,
  created: CreatedRecord,
  summaries: {
    list: 'Query the region list (查询区域列表)',
    get: 'Query a region (查询区域详情)',
    create: 'Create a region (新增区域)',
    delete: 'Delete a region (删除区域)',
  },
});
const idcs = inventoryCalls('idcs', {
  routeIds: { list: 'listIdcs', get: 'getIdc' },
  path: '/compute/idcs',
  param: 'idcId',
  params: IdcIdParam,
  create: IdcCreateRequest,
  read: Idc,
  created: Idc,
  summaries: {
    list: 'Query the IDC list (查询机房列表)',
    get: 'Query an IDC (查询机房详情)',
    create: 'Create an IDC (新增机房)',
    delete: 'Delete an IDC (删除机房)',
  },
});
const hostTypes = inventoryCalls('hostTypes', {
  routeIds: { list: 'listHostTypes', get: 'getHostType' },
  path: '/compute/hostTypes',
  param: 'hostTypeId',
  params: HostTypeIdParam,
  create: HostTypeCreateRequest,
  read: HostType,
  created: CreatedRecord,
  summaries: {
    list: 'Query the host types (查询机型列表)',
    get: 'Query a host type (查询机型详情)',
    create: 'Create a host type (新增机型)',
    delete: 'Delete a host type (删除机型)',
  },
});

const inventoryCallList = {
  listRegions: regions.list,
  getRegion: regions.get,
  listIdcs: idcs.list,
  getIdc: idcs.get,
  listHostTypes: hostTypes.list,
  getHostType: hostTypes.get,
  createRegion: regions.create,
  deleteRegion: regions.delete,
  createIdc: idcs.create,
  deleteIdc: idcs.delete,
  createHostType: hostTypes.create,
  deleteHostType: hostTypes.delete,
};

/** Every call of the host module, by name (the OpenAPI operation id). */
export const COMPUTE_CALLS = { ...hostCalls, ...inventoryCallList };
