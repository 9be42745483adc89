/**
 * Switchover (ocp-docs/cluster/2800) and failover (2900): the operations that change which cluster
 * of a primary/standby pair is the primary. Called on the standby (as the pre-checks, 2600 and
 * 2700, are; *inferred*: the pages name no cluster role). A switchover swaps the pair's roles once
 * its task has succeeded; a failover makes the standby a primary of its own and detaches it from
 * its primary (its "Remove standby cluster" node). Both print the 'clusterRole' answer: no context,
 * subtasks without class names, as their samples do; both are single-node chains.
 */
import { type ClusterOperation, layout, MANAGER, op } from './nodeTemplates.js';

export type RoleChangeKind = 'switchover' | 'failover';

export interface RoleOperation extends ClusterOperation {
  change: RoleChangeKind;
}

export const ROLE_OPERATIONS = {
  switchover: {
    route: {
      path: '/ob/clusters/{id}/switchover',
      summary: 'Switchover: the standby becomes the primary, the primary its standby (主备切换)',
      permission: MANAGER,
    },
    scope: 'cluster',
    change: 'switchover',
    statuses: { from: ['RUNNING'], during: 'SWITCHOVER', after: 'RUNNING' },
    operation: op({
      id: 'switchover',
      taskName: 'Switchover OB cluster',
      answer: 'clusterRole',
      stages: [
        'lockClusters',
        'prepareSwitchover',
        'switchoverToStandby',
        'switchoverPrimaryCheck',
        'switchoverToPrimary',
        'switchoverUpdateRole',
        'unlockClusters',
      ],
      each: {},
      oneHostLayout: layout([
        [5, 0, 3],
        [3, 5, 1],
        [4, 6, 5],
        [1, 1, 4],
        [2, 2, 2],
        [6, 3, 0],
        [0, 4, 6],
      ]),
    }),
  },
  failover: {
    route: { path: '/ob/clusters/{id}/failover', summary: 'Failover: the standby becomes a primary of its own (故障切换)', permission: MANAGER },
    scope: 'cluster',
    change: 'failover',
    statuses: { from: ['RUNNING'], during: 'FAILOVER', after: 'RUNNING' },
    operation: op({
      id: 'failover',
      taskName: 'Failover OB cluster',
      answer: 'clusterRole',
      stages: [
        'lockClusters',
        'failoverCheck',
        'failoverToPrimary',
        'updateClusterStatus',
        'waitNode',
        'failoverUpdateCluster',
        'syncAllClusterInfo',
        'removeStandby',
        'unlockClusters',
      ],
      each: {},
      // [idOffset, seriesId, position, parallelIdx]: the sample prints parallelIdx 0 on two of its single nodes.
      oneHostLayout: layout([
        [3, 8, 4],
        [6, 5, 6],
        [8, 4, 3],
        [1, 1, 5, 0],
        [5, 6, 0],
        [7, 0, 7],
        [0, 7, 2],
        [2, 3, 1, 0],
        [4, 2, 8],
      ]),
    }),
  },
} as const satisfies Record<string, RoleOperation>;

export type RoleOperationId = keyof typeof ROLE_OPERATIONS;
