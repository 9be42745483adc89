/**
 * OCP's roles and the permissions its calls need (shared/contract README, "Authentication and
 * roles"): ADMIN (everything), HOST_MANAGER (HOST:*:*), HOST_VIEWER (HOST:*:READ), TASK_MANAGER
 * (TASK:*:*), TASK_VIEWER, CLUSTER_MANAGER (includes the HOST and TASK managers); PACKAGE_MANAGER and
 * PACKAGE_VIEWER as the software-package pages name them (*inferred*: the manager includes the viewer,
 * and CLUSTER_MANAGER both, since creating a cluster names a package).
 */
export const ROLES = [
  'ADMIN',
  'HOST_MANAGER',
  'HOST_VIEWER',
  'TASK_MANAGER',
  'TASK_VIEWER',
  'CLUSTER_MANAGER',
  'CLUSTER_VIEWER',
  'PACKAGE_MANAGER',
  'PACKAGE_VIEWER',
] as const;
export type Role = (typeof ROLES)[number];

/**
 * What a call needs: HOST_MANAGER, TASK_VIEWER, ... as OCP's docs name them. The CLUSTER ones are
 * for stubs of OCP's cluster calls (*inferred*: OCP's CLUSTER_MANAGER role, and a viewer beside it
 * by analogy with the HOST and TASK ones).
 */
export const PERMISSIONS = [
  'HOST_MANAGER',
  'HOST_VIEWER',
  'TASK_MANAGER',
  'TASK_VIEWER',
  'CLUSTER_MANAGER',
  'CLUSTER_VIEWER',
  'PACKAGE_MANAGER',
  'PACKAGE_VIEWER',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** What each role grants. */
export const GRANTS: Record<Role, readonly Permission[]> = {
  ADMIN: PERMISSIONS,
  HOST_MANAGER: ['HOST_MANAGER', 'HOST_VIEWER'],
  HOST_VIEWER: ['HOST_VIEWER'],
  TASK_MANAGER: ['TASK_MANAGER', 'TASK_VIEWER'],
  TASK_VIEWER: ['TASK_VIEWER'],
  CLUSTER_MANAGER: PERMISSIONS,
  CLUSTER_VIEWER: ['CLUSTER_VIEWER'],
  PACKAGE_MANAGER: ['PACKAGE_MANAGER', 'PACKAGE_VIEWER'],
  PACKAGE_VIEWER: ['PACKAGE_VIEWER'],
};
