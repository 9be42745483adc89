/**
 * The seeded tenant parameter catalogue (ocp-docs/tenant/1700's TenantParameter, 1800's
 * modification): OceanBase's tenant system variables and tenant-level parameters, as 1700's sample
 * prints them (`autocommit` and `ob_enable_aggregation_pushdown`, ENUM `OFF,ON`) and a few more a
 * client commonly reads or sets, 1800's example `ob_default_replica_num` among them. Static: the
 * same for every seed and every tenant of a mode.
 *
 * *Inferred* here, in one place:
 * - the rows beyond 1700's sample, with OceanBase 2.2's defaults and ranges;
 * - `compatibleType` names the one mode a parameter is for (the Oracle `nls_*` formats); a
 *   parameter of both modes has none, and 1700's answer leaves the key out (its sample prints none);
 * - a few read-only ones read the tenant's own facts rather than their default: the tenant's mode,
 *   charset and collation, the cluster's OceanBase version;
 * - a name that starts with `_` is a hidden variable: 1700 does not list it, 1800 refuses it (OBE31101).
 */
import type { TenantMode } from './tenants.js';

/** A tenant parameter's type: the cluster catalogue's types that tenant variables and parameters use. */
export const TENANT_PARAMETER_TYPES = ['ENUM', 'INT', 'STRING', 'TIME', 'CAPACITY', 'DOUBLE'] as const;
export type TenantParameterType = (typeof TENANT_PARAMETER_TYPES)[number];

/** Where a read-only parameter's value comes from when nothing set it: the tenant's or its cluster's facts. */
export type TenantDerivedValue = 'mode' | 'charset' | 'collation' | 'versionComment';

export interface TenantParameterDef {
  name: string;
  type: TenantParameterType;
  defaultValue: string;
  minValue: string | null;
  maxValue: string | null;
  /** Comma-separated, as 1700's `valueRange.allowedValues` prints them. */
  allowedValues: string | null;
  /** The one mode it is for; null for both. */
  compatibleType: TenantMode | null;
  readonly: boolean;
  description: string;
  derived?: TenantDerivedValue;
}

const DERIVED: Record<string, TenantDerivedValue> = {
  ob_compatibility_mode: 'mode',
  character_set_server: 'charset',
  collation_server: 'collation',
  version_comment: 'versionComment',
};

/**
 * One parameter a line: `name | type | default | min | max | allowed | mode | flags | description`,
 * `-` for null, `""` for the empty text; mode `MYSQL`, `ORACLE` or `-` (both); flags `r`
 * (read-only) or `-`. A table, as the pages print it, rather than 30 objects.
 */
const ROWS = `
autocommit | ENUM | ON | - | - | OFF,ON | - | - | Indicates whether automatic commit was enabled.
ob_enable_aggregation_pushdown | ENUM | ON | - | - | OFF,ON | - | - | Indicates whether aggregation operations were allowed to be pushed down.
ob_default_replica_num | INT | 1 | 1 | 7 | - | - | - | The number of default replicas of a table created in the tenant.
ob_query_timeout | INT | 10000000 | 0 | - | - | - | - | The timeout period of a query, in microseconds.
ob_trx_timeout | INT | 100000000 | 0 | - | - | - | - | The timeout period of a transaction, in microseconds.
ob_trx_idle_timeout | INT | 120000000 | 100000000 | - | - | - | - | The timeout period of an idle transaction, in microseconds.
ob_read_consistency | ENUM | STRONG | - | - | FROZEN,WEAK,STRONG | - | - | The read consistency level.
ob_sql_work_area_percentage | INT | 5 | 0 | 100 | - | - | - | The percentage of the tenant memory that SQL work areas may take.
ob_plan_cache_percentage | INT | 5 | 0 | 100 | - | - | - | The percentage of the tenant memory that the plan cache may take.
ob_enable_plan_cache | ENUM | ON | - | - | OFF,ON | - | - | Indicates whether the plan cache was enabled.
ob_enable_trace_log | ENUM | OFF | - | - | OFF,ON | - | - | Indicates whether trace logs were recorded.
ob_tcp_invited_nodes | STRING | 127.0.0.1,::1 | - | - | - | - | - | The whitelist of client IP addresses allowed to connect to the tenant.
max_allowed_packet | INT | 4194304 | 1024 | 1073741824 | - | - | - | The maximum size of a packet, in bytes.
net_read_timeout | INT | 30 | 1 | 31536000 | - | - | - | The time to wait for more data from a connection before aborting the read, in seconds.
net_write_timeout | INT | 60 | 1 | 31536000 | - | - | - | The time to wait for a block to be written to a connection before aborting the write, in seconds.
interactive_timeout | INT | 28800 | 1 | 31536000 | - | - | - | The time the server waits for activity on an interactive connection before closing it, in seconds.
wait_timeout | INT | 28800 | 1 | 31536000 | - | - | - | The time the server waits for activity on a non-interactive connection before closing it, in seconds.
recyclebin | ENUM | ON | - | - | OFF,ON | - | - | Indicates whether the recycle bin was enabled.
sql_mode | STRING | STRICT_ALL_TABLES | - | - | - | MYSQL | - | The SQL modes of the tenant.
time_zone | STRING | +8:00 | - | - | - | - | - | The time zone of the tenant.
tx_isolation | ENUM | READ-COMMITTED | - | - | READ-COMMITTED,REPEATABLE-READ,SERIALIZABLE | - | - | The default transaction isolation level.
lower_case_table_names | INT | 1 | 0 | 2 | - | MYSQL | r | How table names are stored and compared. 1 stores them in lowercase.
nls_date_format | STRING | DD-MON-RR | - | - | - | ORACLE | - | The default format of dates.
nls_timestamp_format | STRING | DD-MON-RR HH.MI.SSXFF AM | - | - | - | ORACLE | - | The default format of timestamps.
ob_compatibility_mode | ENUM | MYSQL | - | - | MYSQL,ORACLE | - | r | The compatibility mode of the tenant.
character_set_server | STRING | utf8mb4 | - | - | - | - | r | The default character set of the tenant.
collation_server | STRING | utf8mb4_general_ci | - | - | - | - | r | The default collation of the tenant.
version_comment | STRING | "" | - | - | - | - | r | The version of OceanBase Database.
max_stale_time_for_weak_consistency | TIME | 5s | 5s | - | - | - | - | The maximum staleness of data a weak-consistency read may return.
writing_throttling_trigger_percentage | INT | 100 | 1 | 100 | - | - | - | The percentage of the MemStore in use above which writes are throttled. 100 turns throttling off.
writing_throttling_maximum_duration | TIME | 1h | 1s | 3d | - | - | - | The time in which the rest of the MemStore is allocated once writes are throttled.
_ob_enable_prepared_statement | ENUM | OFF | - | - | OFF,ON | - | - | Indicates whether prepared statements were enabled.
`;

const cell = (v: string): string | null => (v === '-' ? null : v === '""' ? '' : v);

/** A row of the table above, checked (a typo in a type fails at load, so in every test). */
function parseRow(line: string): TenantParameterDef {
  const cells = line.split(' | ');
  const at = (i: number) => cells[i] as string;
  const mode = at(6);
  if (
    cells.length !== 9 ||
    !(TENANT_PARAMETER_TYPES as readonly string[]).includes(at(1)) ||
    !['-', 'MYSQL', 'ORACLE'].includes(mode) ||
    !['-', 'r'].includes(at(7))
  )
    throw new Error(`fakes/tenantParameters.ts: bad row ${line}`);
  const name = at(0);
  return Object.freeze({
    name,
    type: at(1) as TenantParameterType,
    defaultValue: cell(at(2)) ?? '',
    minValue: cell(at(3)),
    maxValue: cell(at(4)),
    allowedValues: cell(at(5)),
    compatibleType: mode === '-' ? null : (mode as TenantMode),
    readonly: at(7) === 'r',
    description: at(8),
    ...(DERIVED[name] ? { derived: DERIVED[name] } : {}),
  });
}

/** Every tenant parameter, by name (the list prints them in name order). */
export const TENANT_PARAMETER_CATALOGUE: readonly TenantParameterDef[] = ROWS.trim()
  .split('\n')
  .map(parseRow)
  .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

/** A hidden variable: not listed, not modifiable (OBE31101). */
export const isHiddenTenantParameter = (p: TenantParameterDef) => p.name.startsWith('_');
