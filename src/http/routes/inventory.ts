/**
 * The host module's inventory (ocp-docs/host/100-1200): regions, IDCs and host types, listed
 * (paged and sorted as OCP lists are) and read one by one (HOST_VIEWER), created and deleted
 * (HOST_MANAGER). Each seeded record is the one the seeded hosts point at by `regionId`, `idcId`
 * and `typeId`; a deletion that would leave something pointing at nothing is refused.
 */
import { Hono } from 'hono';
import type { z } from 'zod';
import {
  HostTypeCreateRequest,
  HostTypeIdParam,
  IdcCreateRequest,
  IdcIdParam,
  jsonObjectBody,
  PageQuery,
  parseRequest,
  pathIds,
  RegionCreateRequest,
  RegionIdParam,
} from '../../contract/requests.js';
import type { IdcRecord, Inventory } from '../../fakes/inventory.js';
import type { Simulator } from '../../simulator/simulator.js';
import type { AppEnv } from '../env.js';
import { ok } from '../envelope.js';
import { OCP_ROUTES, type OcpRouteSpec, type RouteKit } from '../ocpRoutes.js';
import { pageOf, sortParam } from '../query.js';
import { QueryCache } from '../queryCache.js';
import { renderHostType, renderIdc, renderRegion } from '../render.js';

const SORTABLE = ['id', 'name', 'createTime', 'updateTime'] as const;

type Kind = keyof Inventory;
const RENDER: { [K in Kind]: (sim: Simulator, record: Inventory[K][number]) => unknown } = {
  regions: (sim, r) => renderRegion(r, sim.offsetMinutes),
  idcs: (sim, r) => renderIdc(r, sim.inventoryRecord('regions', r.regionId).name, sim.offsetMinutes),
  hostTypes: (sim, r) => renderHostType(r, sim.offsetMinutes),
};

export function inventoryRoutes({ sim, register }: RouteKit): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const pages = new QueryCache(PageQuery, 'pageQuery');
  const routes: Array<[Kind, OcpRouteSpec, OcpRouteSpec, string]> = [
    ['regions', OCP_ROUTES.listRegions, OCP_ROUTES.getRegion, 'regionId'],
    ['idcs', OCP_ROUTES.listIdcs, OCP_ROUTES.getIdc, 'idcId'],
    ['hostTypes', OCP_ROUTES.listHostTypes, OCP_ROUTES.getHostType, 'hostTypeId'],
  ];
  const params = { regions: RegionIdParam, idcs: IdcIdParam, hostTypes: HostTypeIdParam } as const;
  const changes: Array<[Kind, OcpRouteSpec, OcpRouteSpec, z.ZodType]> = [
    ['regions', OCP_ROUTES.createRegion, OCP_ROUTES.deleteRegion, RegionCreateRequest],
    ['idcs', OCP_ROUTES.createIdc, OCP_ROUTES.deleteIdc, IdcCreateRequest],
    ['hostTypes', OCP_ROUTES.createHostType, OCP_ROUTES.deleteHostType, HostTypeCreateRequest],
  ];
  for (const [kind, create, remove, schema] of changes) {
    const param = routes.find(([k]) => k === kind)?.[3] as string;
    register(app, create, (c, r) => {
      const fields = parseRequest(schema, jsonObjectBody(r.body ?? '', 'requestBody'), 'requestBody') as {
        name: string;
        description?: string;
        regionId?: number;
      };
      const record = sim.createInventory(kind, fields);
      // Creating a region or a host type answers its times as null and no description (ocp-docs/host/300, 1100:
      // the samples, followed where the tables also list `description`; a later read has it); an IDC in full (700).
      if (kind === 'idcs') return ok(c, sim, r, RENDER.idcs(sim, record as IdcRecord));
      return ok(c, sim, r, { createTime: null, id: record.id, name: record.name, updateTime: null });
    });
    register(app, remove, (c, r) => {
      sim.deleteInventory(kind, pathIds({ [param]: c.req.param(param) }, params[kind])[param] as number);
      return ok(c, sim, r);
    });
  }
  for (const [kind, list, detail, param] of routes) {
    const render = RENDER[kind] as (sim: Simulator, record: Inventory[Kind][number]) => unknown;
    register(app, list, (c, r) => {
      const q = pages.of(r, () => c.req.query());
      const sort = sortParam(q.sort, SORTABLE, { field: 'id', descending: false });
      // Kept in id order: only another order needs a sorted copy.
      const all = sim.inventory[kind];
      const records =
        sort.field === 'id' && !sort.descending
          ? all
          : [...all].sort((a, b) => {
              const x = a[sort.field] ?? '';
              const y = b[sort.field] ?? '';
              const cmp = x < y ? -1 : x > y ? 1 : a.id - b.id;
              return sort.descending ? -cmp : cmp;
            });
      const page = pageOf(records, q);
      return ok(c, sim, r, { contents: page.contents.map((record) => render(sim, record)), page: page.page });
    });
    register(app, detail, (c, r) => {
      const id = pathIds({ [param]: c.req.param(param) }, params[kind])[param] as number;
      return ok(c, sim, r, render(sim, sim.inventoryRecord(kind, id)));
    });
  }
  return app;
}
