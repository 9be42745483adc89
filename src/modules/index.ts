/**
 * Every OCP module the simulator simulates, one folder each: its calls, its state, its operations,
 * its queries and its fakes. This list is what the rest derives from: the routes the HTTP layer
 * registers (one loop), the names scenarios may use, the OpenAPI document, the coverage table.
 */
import { nodeNamesOf, type OperationDecl } from '../engine/index.js';
import type { ScenarioVocabulary } from '../scenarios/schema.js';
import { AGENT_CALLS, AGENT_OPERATIONS, type AgentOperationId, type RoutedOperation } from './agent/index.js';
import { COMPUTE_CALLS, PREPARE_HOST } from './compute/index.js';
import { CLUSTER_OPERATIONS, type ClusterOperationId, OB_CLUSTER_CALLS } from './obCluster/index.js';
import { OB_TENANT_CALLS, TENANT_DATABASE_CALLS, TENANT_OPERATIONS, TENANT_PARAMETER_CALLS, type TenantOperationId } from './obTenant/index.js';
import { SOFTWARE_PACKAGE_CALLS } from './softwarePackage/index.js';
import { SYSTEM_CALLS } from './system/index.js';
import { TASK_CALLS } from './task/index.js';

/** Every shipped call, by name (its OpenAPI operation id), module by module. */
export const CALLS = {
  ...AGENT_CALLS,
  ...COMPUTE_CALLS,
  ...OB_CLUSTER_CALLS,
  ...OB_TENANT_CALLS,
  ...TENANT_PARAMETER_CALLS,
  ...TENANT_DATABASE_CALLS,
  ...SOFTWARE_PACKAGE_CALLS,
  ...TASK_CALLS,
  ...SYSTEM_CALLS,
};
export type CallName = keyof typeof CALLS;

/** The shipped async operations' ids: the compiler checks every use. */
export type ShippedOperationId = AgentOperationId | 'prepareHost' | ClusterOperationId | TenantOperationId;

/** Every shipped async operation, by id. */
export const SHIPPED_OPERATIONS: Readonly<Record<ShippedOperationId, OperationDecl>> = {
  ...(Object.fromEntries(Object.entries(AGENT_OPERATIONS).map(([id, o]) => [id, o.operation])) as Record<AgentOperationId, OperationDecl>),
  prepareHost: PREPARE_HOST,
  ...(Object.fromEntries(Object.entries(CLUSTER_OPERATIONS).map(([id, o]) => [id, o.operation])) as Record<ClusterOperationId, OperationDecl>),
  ...(Object.fromEntries(Object.entries(TENANT_OPERATIONS).map(([id, o]) => [id, o.operation])) as Record<TenantOperationId, OperationDecl>),
};

/** The names a scenario may use: node names, operation ids and route ids, the shipped ones and those of `userOperations`. */
export function scenarioVocabulary(userOperations: readonly RoutedOperation[] = []): ScenarioVocabulary {
  const operations = [...Object.values(SHIPPED_OPERATIONS), ...userOperations.map((u) => u.operation)];
  return {
    nodeNames: [...new Set(operations.flatMap(nodeNamesOf))],
    operationIds: operations.map((op) => op.id),
    routeIds: [...new Set([...Object.values(CALLS).map((c) => c.routeId), ...userOperations.map((u) => u.operation.id)])],
  };
}

/** What the shipped files are checked against (`ocp-mock scenarios validate`, tests). */
export const SHIPPED_VOCABULARY: ScenarioVocabulary = scenarioVocabulary();
