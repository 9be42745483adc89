/**
 * The seeded OceanBase parameter catalogue (ocp-docs/cluster/2100's ParameterInfo, 2200's
 * ClusterParameter): every parameter of 2100's and 2200's samples with the sample's id, version,
 * type, default, range and description, and a few more a client commonly reads (memory and CPU,
 * ports, the cluster's and zone's own names) so that the catalogue has read-only, restart-needing,
 * MOMENT and STRING_LIST parameters too. Static: the same for every seed.
 *
 * *Inferred* here, in one place:
 * - the ids and versions of 2200's parameters that 2100's sample does not print (ids from 500),
 *   and every parameter's `section` (2200's sample prints OBSERVER for all of its own);
 * - ENUM is a type of its own (2200's sample prints it; 2100's list of types omits it), with the
 *   allowed values as 2200 prints them (`TRUE,FALSE`);
 * - the rows added beyond the samples (ids from 600), with OceanBase 2.2's defaults;
 * - a parameter whose name starts with `_` is hidden: 2100 lists it (as its sample does), 2200
 *   does not (OceanBase's SHOW PARAMETERS hides it), 2300 refuses it (OBE31001).
 */

/** A parameter's type, as 2100's table lists them, and 2200's ENUM. */
export const PARAMETER_TYPES = ['BOOL', 'CAPACITY', 'DOUBLE', 'INT', 'MOMENT', 'STRING', 'STRING_LIST', 'TIME', 'ENUM'] as const;
export type ParameterType = (typeof PARAMETER_TYPES)[number];

/** Where a parameter's value comes from when it is not the default: the cluster's or the server's own facts (read-only ones). */
export type DerivedValue = 'clusterName' | 'obClusterId' | 'zoneName' | 'rpcPort' | 'sqlPort';

export interface ParameterDef {
  id: number;
  name: string;
  /** The OceanBase version that introduced it: a cluster of an older version has no such parameter. */
  version: string;
  type: ParameterType;
  defaultValue: string | null;
  minValue: string | null;
  maxValue: string | null;
  /** Comma-separated, as 2100's `allowedStringValues` and 2200's `allowedValues` print them. */
  allowedValues: string | null;
  section: string;
  needRestart: boolean;
  readonly: boolean;
  description: string;
  derived?: DerivedValue;
}

const DERIVED: Record<string, DerivedValue> = {
  cluster: 'clusterName',
  cluster_id: 'obClusterId',
  zone: 'zoneName',
  rpc_port: 'rpcPort',
  mysql_port: 'sqlPort',
};

/**
 * One parameter a line: `id | name | version | type | default | min | max | allowed | section |
 * flags | description`, `-` for null, `""` for the empty text; flags `R` (needs a restart), `r`
 * (read-only), `-` (neither). A table, as the pages print it, rather than 70 objects.
 */
const SAMPLE_ROWS = `
506 | auto_delete_expired_backup | 2.2.60 | ENUM | FALSE | - | - | TRUE,FALSE | OBSERVER | - | Indicates whether expired backup data was automatically deleted.
515 | backup_concurrency | 2.2.52 | INT | 0 | 0 | 100 | - | OBSERVER | - | The number of concurrent OBServer baseline data backup tasks.
384 | backup_dest | 2.2.52 | STRING | - | - | - | - | OBSERVER | - | The destination IP address for backup.
516 | backup_log_archive_option | 2.2.52 | STRING | OPTIONAL | - | - | - | OBSERVER | - | The parameters of log backup.
514 | backup_net_limit | 2.2.52 | CAPACITY | 0M | 0M | - | - | OBSERVER | - | The total bandwidth for cluster backup.
508 | backup_recovery_window | 2.2.60 | TIME | 0 | 0 | - | - | OBSERVER | - | The size of the recovery window.
507 | backup_region | 2.2.52 | STRING | "" | - | - | - | OBSERVER | - | The target region for backup.
8 | bf_cache_priority | 1.4.1 | INT | 1 | 1 | - | - | CACHE | - | The caching priority of the Bloom filter.
17 | data_copy_concurrency | 1.4.1 | INT | 20 | 1 | - | - | LOAD_BALANCE | - | The maximum number of concurrent data migration and replication tasks allowed in the system.
20 | datafile_size | 1.4.1 | CAPACITY | 0 | 0M | - | - | SSTABLE | - | The size of the data file. Generally, this parameter does not need to be specified.
330 | dead_socket_detection_timeout | 2.2.30 | TIME | 10s | 0s | 2h | - | RPC | - | The timeout period for detecting invalid sockets.
202 | __easy_memory_limit | 2.1.0 | CAPACITY | 4G | 1G | - | - | RPC | - | The memory limit for libeasy.
191 | enable_async_syslog | 2.0.0 | BOOL | 1 | - | - | - | OBSERVER | - | Specifies whether to enable asynchronous writing of system logs.
513 | enable_log_archive | 2.2.52 | ENUM | FALSE | - | - | TRUE,FALSE | OBSERVER | - | Indicates whether log archiving was enabled.
350 | enable_one_phase_commit | 2.2.40 | BOOL | 1 | - | - | - | TRANS | - | Specifies whether to enable one-phase commit.
391 | _enable_oracle_priv_check | 2.2.60 | BOOL | 0 | - | - | - | OBSERVER | - | Specifies whether to enable authentication for Oracle tenants.
31 | enable_record_trace_log | 1.4.1 | BOOL | 0 | - | - | - | OBSERVER | - | Indicates whether trace logs were recorded.
36 | enable_sys_table_ddl | 1.4.1 | BOOL | 0 | - | - | - | ROOT_SERVICE | - | Specifies whether to allow a user to create and modify system tables. This parameter is usually used in system upgrades.
503 | enable_tcp_keepalive | 2.2.76 | ENUM | FALSE | - | - | TRUE,FALSE | OBSERVER | - | Indicates whether TCP keepalive was enabled.
41 | freeze_trigger_percentage | 1.4.1 | INT | 70 | 1 | 99 | - | TENANT | - | The threshold of memory used by tenants for triggering a global freeze. This parameter is used with the enable_global_freeze_trigger parameter.
42 | get_leader_candidate_rpc_timeout | 1.4.1 | TIME | 9s | 2s | 180s | - | RPC | - | The timeout period of an internal request for obtaining the primary candidate in the automatic follower-to-leader switchover policy.
43 | global_major_freeze_residual_memory | 1.4.1 | INT | 40 | 1 | 99 | - | DAILY_MERGE | - | When the available memory is less than this threshold, a global freeze is triggered.
500 | ilog_index_expire_time | 2.2.20 | TIME | 7d | 1s | - | - | OBSERVER | - | The expiration time of ilog index files.
50 | internal_sql_execute_timeout | 1.4.1 | TIME | 30s | 1000us | 10m | - | OBSERVER | - | The timeout period of internal SQL requests of the system.
55 | location_cache_cpu_quota | 1.4.1 | DOUBLE | 5 | 0 | 10 | - | LOCATION_CACHE | - | The CPU quota for the location cache module.
509 | log_archive_batch_buffer_limit | 2.2.52 | CAPACITY | 1G | 4M | - | - | OBSERVER | - | The size of the log archiving cache.
510 | log_archive_checkpoint_interval | 2.2.52 | TIME | 120s | 5s | 1h | - | OBSERVER | - | The interval for generating log archive checkpoints for cold partitions during physical backup of a single OBServer.
511 | log_archive_concurrency | 2.2.52 | INT | 0 | 0 | - | - | OBSERVER | - | The number of concurrent log archiving tasks.
512 | log_restore_concurrency | 2.2.52 | INT | 10 | 1 | - | - | OBSERVER | - | The number of concurrent log recovery tasks.
74 | merger_completion_percentage | 1.4.1 | INT | 100 | 5 | 100 | - | DAILY_MERGE | - | The percentage of compacted replicas at which the major compaction task is considered completed.
319 | minor_deferred_gc_time | 2.2.20 | TIME | 0s | 0s | 24h | - | TENANT | - | The interval of deferred garbage collection for the SSTable after a major compaction.
380 | _partition_balance_strategy | 2.2.52 | STRING | auto | - | - | - | LOAD_BALANCE | - | The partition balance policy of the cluster.
387 | rebuild_replica_data_lag_threshold | 2.2.52 | CAPACITY | 0 | - | - | - | CLOG | - | The threshold of the last-update time difference of clogs between the leader replica and a follower replica. When this threshold is exceeded, replica recreation is triggered.
288 | redundancy_level | 2.2.0 | STRING | NORMAL | - | - | EXTERNAL,NORMAL,HIGH | SSTABLE | - | The RAID configuration of built-in local disks of the OceanBase database. Do not use this parameter at present.
218 | rootservice_memory_limit | 2.1.0 | CAPACITY | 2G | 2G | - | - | ROOT_SERVICE | - | The maximum memory available to Root Service.
99 | rpc_timeout | 1.4.1 | TIME | 2s | - | - | - | RPC | - | The timeout period for internal requests of the cluster.
105 | server_temporary_offline_time | 1.4.1 | TIME | 60s | 15s | - | - | ROOT_SERVICE | - | The time threshold for heartbeat missing at which a server is considered temporarily offline.
504 | ssl_external_kms_info | 2.2.60 | STRING | "" | - | - | - | OBSERVER | - | The Key Management Service (KMS) information for SSL.
147 | sys_bkgd_io_high_percentage | 1.4.51 | INT | 90 | 1 | 100 | - | OBSERVER | - | The maximum percentage of system background I/Os.
322 | syslog_io_bandwidth_limit | 2.2.20 | CAPACITY | 30MB | - | - | - | OBSERVER | - | The maximum I/O bandwidth for system log read/write requests. System logs whose read/write requests require larger I/O bandwidth will be discarded.
501 | tcp_keepcnt | 2.2.76 | INT | 10 | 1 | - | - | OBSERVER | - | The maximum number of retries before terminating an inactive connection.
421 | tcp_keepidle | 2.2.76 | TIME | 7200s | 1s | - | - | OBSERVER | - | The interval for sending keepalive probe packets when no data is sent on a connection.
502 | tcp_keepintvl | 2.2.76 | TIME | 6s | 1s | - | - | OBSERVER | - | The interval between two probes.
505 | use_large_pages | 2.2.30 | STRING | false | - | - | - | OBSERVER | - | Indicates whether large memory pages were used. Valid values: true, false, and only. true indicates that the database always requests large memory pages when large memory pages are enabled for the operating system and idle large memory pages are available. Otherwise, the database requests common memory pages. false indicates that the database does not use large memory pages. only indicates that the database always allocates large memory pages.
123 | user_row_cache_priority | 1.4.1 | INT | 1 | 1 | - | - | CACHE | - | The priority of the baseline data row cache in the cache system.
124 | user_tab_col_stat_cache_priority | 1.4.1 | INT | 1 | 1 | - | - | CACHE | - | The priority of the statistics cache in the cache system.
232 | write_throttling_maximum_duration | 2.1.11 | TIME | 1h | 1s | 3d | - | TENANT | - | The time required for allocating the remaining memory of the MemStore after the write speed is limited. This parameter controls the write speed by controlling the memory allocation progress.
407 | _xa_gc_interval | 2.2.76 | TIME | 1h | 1s | - | - | TRANS | - | The interval of periodic garbage collection for XA transactions.
130 | zone_merge_timeout | 1.4.1 | TIME | 3h | 1s | - | - | DAILY_MERGE | - | The timeout period for major compaction of a zone.
`;

/** Beyond the samples (*inferred*: OceanBase 2.2's defaults and ranges). */
const MORE_ROWS = `
600 | balancer_emergency_percentage | 1.4.1 | INT | 80 | 1 | 100 | - | LOAD_BALANCE | - | The disk usage threshold above which load balancing runs in emergency mode.
601 | memory_limit | 1.4.1 | CAPACITY | 0M | 0M | - | - | OBSERVER | - | The maximum memory available to the OBServer. 0 means memory_limit_percentage applies.
602 | memory_limit_percentage | 1.4.1 | INT | 80 | 10 | 90 | - | OBSERVER | - | The percentage of the total memory of the host available to the OBServer.
603 | system_memory | 2.1.0 | CAPACITY | 30G | 0M | - | - | OBSERVER | - | The memory reserved for the sys tenant.
604 | cpu_count | 1.4.1 | INT | 0 | 0 | - | - | OBSERVER | R | The number of CPU cores of the host. 0 means they are detected.
605 | datafile_disk_percentage | 1.4.1 | INT | 90 | 5 | 99 | - | SSTABLE | - | The percentage of the data disk the data file takes.
606 | memstore_limit_percentage | 1.4.1 | INT | 50 | 1 | 99 | - | TENANT | - | The percentage of a tenant memory the MemStore may take.
607 | major_freeze_duty_time | 1.4.1 | MOMENT | 02:00 | - | - | - | DAILY_MERGE | - | The time of day a major freeze starts (disable turns it off).
608 | enable_major_freeze | 1.4.1 | BOOL | 1 | - | - | - | DAILY_MERGE | - | Specifies whether to enable the daily major freeze.
609 | enable_rebalance | 1.4.1 | BOOL | 1 | - | - | - | LOAD_BALANCE | - | Specifies whether to enable automatic load balancing.
610 | enable_auto_leader_switch | 1.4.1 | BOOL | 1 | - | - | - | LOAD_BALANCE | - | Specifies whether to enable automatic leader switchover.
611 | syslog_level | 1.4.1 | STRING | INFO | - | - | DEBUG,TRACE,INFO,WARN,USER_ERR,ERROR | OBSERVER | - | The level of system logs.
612 | max_syslog_file_count | 1.4.1 | INT | 0 | 0 | - | - | OBSERVER | - | The maximum number of log files of each kind kept before recycling. 0 keeps all.
613 | enable_syslog_recycle | 1.4.1 | BOOL | 0 | - | - | - | OBSERVER | - | Specifies whether to recycle old log files.
614 | large_query_threshold | 1.4.1 | TIME | 100ms | 1ms | - | - | TENANT | - | The execution time above which a query is a large query.
615 | trace_log_slow_query_watermark | 1.4.1 | TIME | 1s | 1ms | - | - | OBSERVER | - | The execution time above which a query is logged as slow.
616 | config_additional_dir | 1.4.1 | STRING_LIST | etc2;etc3 | - | - | - | OBSERVER | - | The additional directories where the configuration file is kept.
617 | obconfig_url | 1.4.1 | STRING | "" | - | - | - | OBSERVER | - | The URL of the config server.
618 | cluster | 1.4.1 | STRING | "" | - | - | - | OBSERVER | r | The name of the cluster.
619 | cluster_id | 1.4.1 | INT | 0 | 1 | 4294901759 | - | OBSERVER | r | The ID of the cluster.
620 | zone | 1.4.1 | STRING | "" | - | - | - | OBSERVER | r | The zone the OBServer is in.
621 | rpc_port | 1.4.1 | INT | 2882 | 1025 | 65535 | - | OBSERVER | Rr | The RPC port of the OBServer.
622 | mysql_port | 1.4.1 | INT | 2881 | 1025 | 65535 | - | OBSERVER | Rr | The SQL port of the OBServer.
623 | devname | 1.4.1 | STRING | bond0 | - | - | - | OBSERVER | Rr | The network interface the OBServer listens on.
`;

const cell = (v: string): string | null => (v === '-' ? null : v === '""' ? '' : v);

/** A row of the tables above, checked (a typo in a type fails at load, so in every test). */
function parseRow(line: string): ParameterDef {
  const cells = line.split(' | ');
  const at = (i: number) => cells[i] as string;
  if (cells.length !== 11 || !(PARAMETER_TYPES as readonly string[]).includes(at(3))) throw new Error(`fakes/parameters.ts: bad row ${line}`);
  const name = at(1);
  return Object.freeze({
    id: Number(at(0)),
    name,
    version: at(2),
    type: at(3) as ParameterType,
    defaultValue: cell(at(4)),
    minValue: cell(at(5)),
    maxValue: cell(at(6)),
    allowedValues: cell(at(7)),
    section: at(8),
    needRestart: at(9).includes('R'),
    readonly: at(9).includes('r'),
    description: at(10),
    ...(DERIVED[name] ? { derived: DERIVED[name] } : {}),
  });
}

/** The catalogue: the samples' parameters first, in name order, then the rest. */
export const PARAMETER_CATALOGUE: readonly ParameterDef[] = Object.freeze(
  [SAMPLE_ROWS, MORE_ROWS].flatMap((table) =>
    table
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map(parseRow),
  ),
);

/** Whether OceanBase hides it (its name starts with `_`). */
export const isHidden = (p: ParameterDef): boolean => p.name.startsWith('_');
