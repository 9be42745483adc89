/**
 * The unit specifications OCP offers (ocp-docs/tenant/2000): `S1` (id 5) and the custom `C1` (id
 * 1000001) as the page's sample prints them; the other SYSTEM ones (`S0`, `S2`, `S3`, ids 4, 6, 7)
 * are *inferred*, sized between and beyond. A spec's log disk is not printed by the page; the mock
 * keeps one (three times the memory, as OceanBase sizes a unit's log disk by default: *inferred*).
 * The specs are fixed: no documented call creates or changes one.
 */

export interface UnitConfig {
  maxCpuCoreCount: number;
  minCpuCoreCount: number;
  /** GB. */
  maxMemorySize: number;
  minMemorySize: number;
  /** GB (not printed: the pages' unit configurations have no log disk). */
  logDiskSize: number;
}

export interface UnitSpecRecord extends UnitConfig {
  id: number;
  name: string;
  type: 'SYSTEM' | 'CUSTOM';
}

const spec = (id: number, name: string, type: 'SYSTEM' | 'CUSTOM', cpu: number, memory: number): UnitSpecRecord => ({
  id,
  name,
  type,
  maxCpuCoreCount: cpu,
  minCpuCoreCount: cpu,
  maxMemorySize: memory,
  minMemorySize: memory,
  logDiskSize: memory * 3,
});

export const UNIT_SPECS: readonly UnitSpecRecord[] = Object.freeze([
  spec(4, 'S0', 'SYSTEM', 1, 4),
  spec(5, 'S1', 'SYSTEM', 1.5, 6),
  spec(6, 'S2', 'SYSTEM', 4, 16),
  spec(7, 'S3', 'SYSTEM', 8, 32),
  spec(1_000_001, 'C1', 'CUSTOM', 2, 7),
]);

/** The sys tenant's unit (ocp-docs/tenant/300's `sys_pool`: 2.5 to 5 cores, 8 to 9 GB). */
export const SYS_UNIT: UnitConfig = Object.freeze({ maxCpuCoreCount: 5, minCpuCoreCount: 2.5, maxMemorySize: 9, minMemorySize: 8, logDiskSize: 27 });

export function unitSpecNamed(name: string): UnitSpecRecord | undefined {
  return UNIT_SPECS.find((s) => s.name === name);
}

/** The configuration a pool of this spec keeps (a copy: a pool keeps what it was made with). */
export function configOf(s: UnitConfig): UnitConfig {
  return {
    maxCpuCoreCount: s.maxCpuCoreCount,
    minCpuCoreCount: s.minCpuCoreCount,
    maxMemorySize: s.maxMemorySize,
    minMemorySize: s.minMemorySize,
    logDiskSize: s.logDiskSize,
  };
}
