/**
 * The root password of each cluster's sys tenant (ocp-docs/cluster/2000). The mock never needs
 * the password back, so it keeps only a digest of it (and whether the caller asked for it to be
 * saved in the password box): the state file holds no password. Nothing reads them yet but the
 * state file and `matches` (a test); they are what a later login check would compare to.
 *
 * The rule is OCP's, as OBE11029's text states it: 8 to 32 characters, at least three of digits,
 * uppercase letters, lowercase letters and the special characters it lists; a character outside
 * those four kinds breaks it too (*inferred*: the text lists no other). A missing or empty
 * `newPassword` is OBE11012. The cluster must be RUNNING (OBE11007, *inferred*: OCP changes it
 * through the cluster's own SQL). The page's example value `foo` breaks the rule: it is refused.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { OcpError } from '../../contract/errors.js';
import { type Command, commandDef, type RankedCommands, type StateSlice } from '../../core/commands.js';
import type { World } from '../../core/world.js';
import type { ObClusters } from './clusters.js';

const PasswordCommand = z.strictObject({
  c: z.literal('clusterPassword'),
  clusterId: z.number().int(),
  digest: z.string().regex(/^[0-9a-f]{64}$/),
  saveToCredential: z.boolean(),
});

const SPECIAL = '~!@#%^&*_-+=|(){}[]:;,.?/';
const KINDS: readonly ((ch: string) => boolean)[] = [
  (ch) => ch >= '0' && ch <= '9',
  (ch) => ch >= 'A' && ch <= 'Z',
  (ch) => ch >= 'a' && ch <= 'z',
  (ch) => SPECIAL.includes(ch),
];

/** Whether the password meets OCP's rule (OBE11029). */
export function meetsPasswordRule(password: string): boolean {
  const chars = [...password];
  if (chars.length < 8 || chars.length > 32) return false;
  if (!chars.every((ch) => KINDS.some((k) => k(ch)))) return false;
  return KINDS.filter((k) => chars.some(k)).length >= 3;
}

/** The digest kept for a cluster's password (salted with the cluster, so equal passwords differ). */
const digest = (clusterId: number, password: string) => createHash('sha256').update(`ocp-mock:cluster:${clusterId}:${password}`).digest('hex');

interface Kept {
  digest: string;
  saveToCredential: boolean;
}

export class ClusterPasswords implements StateSlice {
  readonly commands = { clusterPassword: commandDef(PasswordCommand, (c) => this.apply(c)) };
  private kept = new Map<number, Kept>();

  constructor(
    readonly world: World,
    readonly clusters: ObClusters,
  ) {
    world.use(this);
  }

  reset(): void {
    this.kept.clear();
  }

  /** Changes the cluster's root password (checks in the file's comment); refused, it changes nothing. */
  change(clusterId: number, newPassword: string | undefined, saveToCredential: boolean): void {
    const cluster = this.clusters.cluster(clusterId);
    if (newPassword === undefined || newPassword === '') throw new OcpError('passwordRequired', []);
    if (!meetsPasswordRule(newPassword)) throw new OcpError('passwordFormat', []);
    const status = this.clusters.statusesAt(this.world.now()).cluster(cluster);
    if (status !== 'RUNNING') throw new OcpError('clusterStateForbids', [cluster.name, status]);
    this.world.commit({ c: 'clusterPassword', clusterId: cluster.id, digest: digest(cluster.id, newPassword), saveToCredential } as Command);
  }

  /** Whether `password` is the cluster's last one set through 2000 (undefined: none was set since the seed). */
  matches(clusterId: number, password: string): boolean | undefined {
    const kept = this.kept.get(clusterId);
    return kept ? kept.digest === digest(clusterId, password) : undefined;
  }

  private apply(command: z.infer<typeof PasswordCommand>): void {
    this.kept.set(command.clusterId, { digest: command.digest, saveToCredential: command.saveToCredential });
  }

  /** The last password of each cluster that changed one (rank 85, beside the parameters). */
  live(): RankedCommands[] {
    if (this.kept.size === 0) return [];
    const ids = [...this.kept.keys()].sort((a, b) => a - b);
    const commands = ids.map((id) => ({ c: 'clusterPassword', clusterId: id, ...(this.kept.get(id) as Kept) }) as Command);
    return [{ rank: 85, commands }];
  }

  liveBound(): number {
    return this.kept.size;
  }
}
