/**
 * The OB tenant module's async operations, one declaration each, read off the pages' samples
 * (names, DAG order, ids, seriesIds, positions, timeouts, context keys in the page's order):
 *
 * - create (ocp-docs/tenant/400, answered 'tenantCreate'; 500's `POST .../tenants` runs the same task);
 * - add a replica (1100, 'tenantSubtasks'), delete one (1200, 'tenantSubtasks'), modify one (1300, 'tenantTasks');
 * - delete a tenant (600 prints no task: its task, "Delete tenant", is *inferred*, named and laid
 *   out after its siblings').
 *
 * `unitsShowAfter`: the node whose success makes the units the task adds appear (in the unit list,
 * the tenant's zones): until then they are reserved on their servers, not listed. Class names of
 * the nodes only 400 and the delete have are *inferred* (i), after 1100's and 1200's; how long each
 * node takes is *inferred*.
 */
import type { Permission } from '../../contract/permissions.js';
import { defineOperation, type NodeTemplate, type OperationDecl, type SubjectFacts } from '../../engine/index.js';

const TENANT = 'com.alipay.ocp.service.task.business.tenant';

const node = (name: string, cls: string, timeout: number, seconds: readonly [number, number]): NodeTemplate => ({
  name,
  className: `${TENANT}.${cls}`,
  description: name,
  timeout,
  defaultSeconds: seconds,
});

const QUICK = [0.3, 2] as const;

export const TENANT_NODE_TEMPLATES = {
  prepareCreate: node('Prepare create tenant', 'PrepareCreateTenantTask', 30, QUICK), // (i)
  createObTenant: node('Create ob tenant', 'CreateObTenantTask', 1200, [4, 20]), // (i)
  syncTenantInfo: node('Sync tenant information', 'SyncTenantInfoTask', 300, QUICK),
  setSuperUserPassword: node('Set super user password', 'SetSuperUserPasswordTask', 300, QUICK), // (i)
  setWhitelist: node('Set whitelist', 'SetWhitelistTask', 300, QUICK), // (i)
  setSystemVariables: node('Set system variables', 'SetSystemVariablesTask', 300, QUICK), // (i)
  setParameters: node('Set ob tenant parameters', 'SetObTenantParametersTask', 300, QUICK), // (i)
  updateTenantStatus: node('Update tenant status', 'UpdateTenantStatusTask', 300, QUICK),
  importSrs: node('Import tenant srs info', 'ImportTenantSrsInfoTask', 600, [1, 5]), // (i)
  importTimeZone: node('Import tenant time zone info', 'ImportTenantTimeZoneInfoTask', 600, [1, 5]), // (i)
  prepareAlter: node('Prepare alter tenant', 'PrepareAlterTenantTask', 300, QUICK),
  waitAlterLocality: node('Wait alter locality', 'WaitAlterLocalityTask', 3600, [3, 15]),
  prepareResourcePool: node('Prepare resource pool', 'PrepareResourcePoolTask', 300, QUICK),
  deleteResourcePool: node('Delete resource pool', 'DeleteResourcePoolTask', 300, [1, 4]),
  prepareDelete: node('Prepare delete tenant', 'PrepareDeleteTenantTask', 300, QUICK), // (i)
  deleteObTenant: node('Delete ob tenant', 'DeleteObTenantTask', 1200, [2, 10]), // (i)
  deleteTenantInfo: node('Delete tenant info', 'DeleteTenantInfoTask', 300, QUICK), // (i)
} as const satisfies Record<string, NodeTemplate>;

type TenantNodeKind = keyof typeof TENANT_NODE_TEMPLATES;

/** What the tenant reads while the task runs (`during`) and once it has succeeded (`after`); a failed task leaves what it read before (*inferred*, as the cluster module's). */
export interface TenantStatuses {
  during: string;
  after: string;
}

export interface TenantOperation {
  operation: OperationDecl;
  statuses: TenantStatuses;
  unitsShowAfter?: TenantNodeKind;
  permission: Permission;
}

/** Layout entries [idOffset, seriesId, position, parallelIdx?] in DAG order, read off the sample. */
const layout = (slots: readonly (readonly [number, number, number, number?])[]) =>
  slots.map(([idOffset, seriesId, position, parallelIdx]) => ({ idOffset, seriesId, position, ...(parallelIdx === undefined ? {} : { parallelIdx }) }));

/** A tenant task is a chain of single nodes (`each` empty: no node per zone or server). */
const op = (d: {
  id: string;
  taskName: string;
  answer: OperationDecl['answer'];
  stages: readonly TenantNodeKind[];
  layout: ReturnType<typeof layout>;
  context?: OperationDecl['context'];
}) =>
  defineOperation<TenantNodeKind>({
    id: d.id,
    taskName: d.taskName,
    answer: d.answer,
    templates: TENANT_NODE_TEMPLATES,
    singleHost: false,
    stages: d.stages,
    each: {},
    oneHostLayout: d.layout,
    ...(d.context ? { context: d.context } : {}),
  });

const ids = (f: SubjectFacts) => ({ tenant_id: f.extra.tenant_id ?? '', cluster_id: String(f.cluster.id) });

const MANAGER: Permission = 'CLUSTER_MANAGER';

export const TENANT_OPERATIONS = {
  createTenant: {
    operation: op({
      id: 'createTenant',
      taskName: 'Create tenant',
      answer: 'tenantCreate',
      stages: [
        'prepareCreate',
        'createObTenant',
        'syncTenantInfo',
        'setSuperUserPassword',
        'setWhitelist',
        'setSystemVariables',
        'setParameters',
        'updateTenantStatus',
        'importSrs',
        'importTimeZone',
      ],
      // 400: ids 4000195.., printed out of DAG order.
      layout: layout([
        [9, 6, 6],
        [6, 4, 0],
        [3, 5, 5],
        [0, 0, 4],
        [5, 3, 2],
        [8, 7, 9],
        [7, 2, 1],
        [4, 8, 3],
        [2, 9, 8],
        [1, 1, 7],
      ]),
    }),
    statuses: { during: 'CREATING', after: 'NORMAL' },
    unitsShowAfter: 'createObTenant',
    permission: MANAGER,
  },
  addTenantReplica: {
    operation: op({
      id: 'addTenantReplica',
      taskName: 'Add tenant replica',
      answer: 'tenantSubtasks',
      stages: ['prepareAlter', 'waitAlterLocality', 'syncTenantInfo', 'updateTenantStatus'],
      // 1100: ids 304129..304132; printed Wait, Prepare, Sync, Update.
      layout: layout([
        [0, 3, 1],
        [1, 0, 0],
        [2, 1, 2],
        [3, 2, 3],
      ]),
      context: (f) => ({ stringMap: { ...ids(f), zone_name: f.extra.zone_name ?? '' }, listMap: {} }),
    }),
    statuses: { during: 'MODIFYING', after: 'NORMAL' },
    unitsShowAfter: 'waitAlterLocality',
    permission: MANAGER,
  },
  deleteTenantReplica: {
    operation: op({
      id: 'deleteTenantReplica',
      taskName: 'Delete tenant replica',
      answer: 'tenantSubtasks',
      stages: ['prepareAlter', 'waitAlterLocality', 'prepareResourcePool', 'deleteResourcePool', 'syncTenantInfo', 'updateTenantStatus'],
      // 1200: ids 305069..305074; "Delete resource pool" prints parallelIdx 0.
      layout: layout([
        [0, 3, 5],
        [2, 2, 3],
        [5, 5, 1],
        [1, 0, 2, 0],
        [3, 4, 4],
        [4, 1, 0],
      ]),
      context: (f) => ({ stringMap: ids(f), listMap: { zone_names: [...(f.lists.zone_names ?? [])] } }),
    }),
    statuses: { during: 'MODIFYING', after: 'NORMAL' },
    permission: MANAGER,
  },
  modifyTenantReplica: {
    operation: op({
      id: 'modifyTenantReplica',
      taskName: 'Modify tenant replica',
      answer: 'tenantTasks',
      stages: ['prepareAlter', 'waitAlterLocality', 'syncTenantInfo', 'updateTenantStatus'],
      // 1300: ids 112163..112166, listed by id ('tenantTasks' prints no seriesId: the id offset, *inferred*).
      layout: layout([
        [1, 1, 1],
        [0, 0, 0],
        [2, 2, 2],
        [3, 3, 3],
      ]),
      context: (f) => ({ stringMap: { ...ids(f), zone_name: f.extra.zone_name ?? '' }, listMap: {} }),
    }),
    statuses: { during: 'MODIFYING', after: 'NORMAL' },
    unitsShowAfter: 'waitAlterLocality',
    permission: MANAGER,
  },
  deleteTenant: {
    operation: op({
      id: 'deleteTenant',
      taskName: 'Delete tenant',
      answer: 'tenantSubtasks',
      stages: ['prepareDelete', 'deleteObTenant', 'deleteResourcePool', 'deleteTenantInfo'],
      layout: layout([
        [0, 0, 0],
        [1, 1, 1],
        [2, 2, 2],
        [3, 3, 3],
      ]),
      context: (f) => ({ stringMap: ids(f), listMap: {} }),
    }),
    statuses: { during: 'DELETING', after: 'DELETED' },
    permission: MANAGER,
  },
} as const satisfies Record<string, TenantOperation>;

export type TenantOperationId = keyof typeof TENANT_OPERATIONS;
