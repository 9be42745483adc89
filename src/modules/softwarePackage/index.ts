/**
 * OCP's software-package module (ocp-docs/software-package): the packages OCP stores, listed,
 * uploaded and deleted. What other modules may use of it, all on the `SoftwarePackages` instance
 * (Simulator.softwarePackages):
 * - `findByName(fileName)`: the package stored under an rpm's file name (cluster create's `rpmName`,
 *   upgrade's `rpmFileName`), or undefined;
 * - `usePackageUsers((pkg) => boolean)`: registers who runs a package; a package anyone runs is
 *   refused deletion (PKG10007) and listed `deletable: false`. The OB cluster module registers its
 *   clusters (obCluster/module.ts); this module imports no other module.
 * - `packages()`, `find(id)`: the records, read-only.
 */
export { SOFTWARE_PACKAGE_CALLS } from './calls.js';
export { PACKAGE_TYPES, type PackageRecord, type PackageType } from './fakes/packages.js';
export { type PackageUsers, SoftwarePackages } from './packages.js';
export { buildRpm, type Nvra } from './rpm.js';
