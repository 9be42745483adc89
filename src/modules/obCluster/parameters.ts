/**
 * The OceanBase parameters of each cluster (ocp-docs/cluster/2100, 2200, 2300): the catalogue
 * (fakes/parameters.ts) and what each cluster's servers read. A server reads the catalogue's
 * default, or its own fact for a read-only parameter that names one (`cluster`, `zone`, the
 * ports), or what a modification set on its cluster. A cluster has the parameters its OceanBase
 * version has (a parameter's `version` at most the cluster's).
 *
 * A modification (2300) names parameters and values for the whole cluster (the page has no scope)
 * and is all or none: every entry is checked first (unknown, hidden, newer than the cluster,
 * read-only, a bad value: the errors of errors.ts), then one command sets them all. The cluster
 * must be RUNNING (OBE11007, *inferred*: OCP sets them through the cluster's own SQL). A value
 * reads back at once, even one that needs a restart (*inferred*: the mock has no "pending"
 * value). The state file keeps each modification; a compaction writes each cluster's values
 * (rank 85, after the clusters' statuses); a reset forgets them.
 */
import { z } from 'zod';
import { OcpError } from '../../contract/errors.js';
import { type Command, commandDef, type RankedCommands, type StateSlice } from '../../core/commands.js';
import type { World } from '../../core/world.js';
import type { ObClusters } from './clusters.js';
import type { ObClusterRecord, ObServerRecord } from './fakes/clusters.js';
import { isHidden, PARAMETER_CATALOGUE, type ParameterDef } from './fakes/parameters.js';
import { defaultAsValue, normalizeValue, versionAtLeast } from './parameterValues.js';

const SetCommand = z.strictObject({
  c: z.literal('clusterParameters'),
  clusterId: z.number().int(),
  values: z.record(z.string(), z.string()),
});

const BY_NAME = new Map(PARAMETER_CATALOGUE.map((p) => [p.name, p]));

/** A server's own value of a read-only parameter that names one of its facts. */
function derivedValue(p: ParameterDef, cluster: ObClusterRecord, server: ObServerRecord): string | undefined {
  switch (p.derived) {
    case 'clusterName':
      return cluster.name;
    case 'obClusterId':
      return String(cluster.obClusterId);
    case 'zoneName':
      return server.zoneName;
    case 'rpcPort':
      return String(server.port);
    case 'sqlPort':
      return String(server.sqlPort);
    default:
      return undefined;
  }
}

export class ClusterParameters implements StateSlice {
  readonly commands = { clusterParameters: commandDef(SetCommand, (c) => this.applySet(c)) };
  /** Each cluster's modified values, by parameter name. */
  private values = new Map<number, Map<string, string>>();

  constructor(
    readonly world: World,
    readonly clusters: ObClusters,
  ) {
    world.use(this);
  }

  reset(): void {
    this.values.clear();
  }

  /** Every parameter of the catalogue (2100 prints them all, whatever the version). */
  catalogue(): readonly ParameterDef[] {
    return PARAMETER_CATALOGUE;
  }

  /** The parameters the cluster has, hidden ones left out (2200, as SHOW PARAMETERS lists them). */
  visibleOf(cluster: ObClusterRecord): ParameterDef[] {
    return PARAMETER_CATALOGUE.filter((p) => !isHidden(p) && versionAtLeast(cluster.obVersion, p.version));
  }

  /** What a server of the cluster reads for the parameter. */
  valueOn(cluster: ObClusterRecord, server: ObServerRecord, p: ParameterDef): string {
    return this.values.get(cluster.id)?.get(p.name) ?? derivedValue(p, cluster, server) ?? defaultAsValue(p);
  }

  /**
   * Sets the parameters on every server of the cluster, all or none (see the file's comment for
   * the order of the checks): refused, it changes nothing.
   */
  modify(clusterId: number, entries: readonly { name: string; value: string }[]): void {
    const cluster = this.clusters.cluster(clusterId);
    const status = this.clusters.statusesAt(this.world.now()).cluster(cluster);
    if (status !== 'RUNNING') throw new OcpError('clusterStateForbids', [cluster.name, status]);
    const values: Record<string, string> = {};
    for (const { name, value } of entries) {
      const p = BY_NAME.get(name);
      if (!p) throw new OcpError('parameterNotFound', [name]);
      if (isHidden(p)) throw new OcpError('parameterHidden', [name]);
      if (!versionAtLeast(cluster.obVersion, p.version)) throw new OcpError('parameterVersionUnsupported', [cluster.obVersion, name]);
      if (p.readonly) throw new OcpError('parameterReadonly', [name]);
      values[name] = normalizeValue(p, value);
    }
    this.world.commit({ c: 'clusterParameters', clusterId: cluster.id, values } as Command);
  }

  private applySet(command: z.infer<typeof SetCommand>): void {
    const mine = this.values.get(command.clusterId) ?? new Map<string, string>();
    for (const [name, value] of Object.entries(command.values)) mine.set(name, value);
    this.values.set(command.clusterId, mine);
  }

  /** Each modified cluster's values, one command each, after the clusters' statuses (35) and before nothing that reads them. */
  live(): RankedCommands[] {
    if (this.values.size === 0) return [];
    const ids = [...this.values.keys()].sort((a, b) => a - b);
    const commands = ids.map((id) => ({ c: 'clusterParameters', clusterId: id, values: Object.fromEntries(this.values.get(id) ?? []) }) as Command);
    return [{ rank: 85, commands }];
  }

  liveBound(): number {
    return this.values.size;
  }
}
