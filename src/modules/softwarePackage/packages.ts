/**
 * OCP's software packages (ocp-docs/software-package): the list, uploads and deletes. What the
 * state file keeps: every package's metadata (its bytes are read once, for the size and SHA1, and
 * not kept: *inferred*, the mock serves no download). A package a cluster runs cannot be deleted
 * (PKG10007); which cluster runs what is the OB cluster module's to say, through `usePackageUsers`
 * (this module imports none of it).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { OcpError } from '../../contract/errors.js';
import { type Command, commandDef, type RankedCommands, type StateSlice } from '../../core/commands.js';
import type { World } from '../../core/world.js';
import { generatePackages, PACKAGE_TYPES, type PackageRecord, recordFields } from './fakes/packages.js';
import { describeRpm } from './rpm.js';

/** Says whether something (a cluster) runs this package. */
export type PackageUsers = (pkg: PackageRecord) => boolean;

const Record_ = z.strictObject({
  id: z.number().int().positive(),
  name: z.string(),
  fileName: z.string(),
  size: z.number().int().nonnegative(),
  sha1: z.string(),
  type: z.enum(PACKAGE_TYPES),
  version: z.string(),
  buildNumber: z.string(),
  operatingSystem: z.string(),
  architecture: z.string(),
  createdAt: z.number().int(),
});
export const UploadPackageCommand = z.strictObject({ c: z.literal('uploadPackage'), package: Record_ });
export const DeletePackageCommand = z.strictObject({ c: z.literal('deletePackage'), id: z.number().int().positive() });
/** What a compaction writes: the packages as they are. */
export const PackagesCommand = z.strictObject({ c: z.literal('softwarePackages'), packages: z.array(Record_), nextId: z.number().int().positive() });

/** Rank of this slice's commands in a compacted file: before the clusters' 35 (*inferred*: a cluster names its rpm). */
const RANK = 25;

export class SoftwarePackages implements StateSlice {
  private list: PackageRecord[] = [];
  private byId = new Map<number, PackageRecord>();
  private byFileName = new Map<string, PackageRecord>();
  private nextId = 1;
  private changed = false;
  private readonly users: PackageUsers[] = [];

  readonly commands = {
    uploadPackage: commandDef(UploadPackageCommand, (c) => this.add(c.package)),
    deletePackage: commandDef(DeletePackageCommand, (c) => this.remove(c.id)),
    softwarePackages: commandDef(PackagesCommand, (c) => {
      this.setPackages(c.packages.map((p) => ({ ...p })));
      this.nextId = Math.max(this.nextId, c.nextId);
      this.changed = true;
    }),
  };

  constructor(readonly world: World) {
    world.use(this);
  }

  reset(): void {
    this.setPackages(generatePackages(this.world.seed, this.world.clock.anchor().simStart));
    this.changed = false;
  }

  private setPackages(packages: PackageRecord[]): void {
    this.list = [...packages].sort((a, b) => a.id - b.id);
    this.byId = new Map(this.list.map((p) => [p.id, p]));
    this.byFileName = new Map(this.list.map((p) => [p.fileName, p]));
    this.nextId = Math.max(1, ...this.list.map((p) => p.id + 1));
  }

  private add(p: PackageRecord): PackageRecord {
    const record = { ...p };
    this.list.push(record);
    this.byId.set(record.id, record);
    this.byFileName.set(record.fileName, record);
    this.nextId = Math.max(this.nextId, record.id + 1);
    this.changed = true;
    return record;
  }

  private remove(id: number): void {
    const p = this.byId.get(id);
    if (!p) return;
    this.list = this.list.filter((x) => x.id !== id);
    this.byId.delete(id);
    this.byFileName.delete(p.fileName);
    this.changed = true;
  }

  /** Registers who may run a package (the OB cluster module: its clusters). */
  usePackageUsers(users: PackageUsers): void {
    this.users.push(users);
  }

  inUse(pkg: PackageRecord): boolean {
    return this.users.some((u) => u(pkg));
  }

  /** Every package, in id order. */
  packages(): readonly PackageRecord[] {
    return this.list;
  }

  find(id: number): PackageRecord | undefined {
    return this.byId.get(id);
  }

  /** The package stored under this file name (an rpm name as cluster create and upgrade give it), if any. */
  findByName(fileName: string): PackageRecord | undefined {
    return this.byFileName.get(fileName);
  }

  /** 200: an uploaded file becomes a package (checks first: a refusal changes nothing). */
  upload(fileName: string, bytes: Uint8Array): PackageRecord {
    const dot = fileName.lastIndexOf('.');
    const suffix = dot < 0 ? '' : fileName.slice(dot + 1);
    if (suffix.toLowerCase() !== 'rpm') throw new OcpError('packageSuffix', [suffix, 'rpm']);
    const fields = recordFields(describeRpm(fileName, bytes));
    if (this.byFileName.has(fields.fileName)) throw new OcpError('packageExists', [fields.fileName]);
    const record: PackageRecord = {
      id: this.nextId,
      ...fields,
      size: bytes.byteLength,
      sha1: createHash('sha1').update(bytes).digest('hex'),
      createdAt: this.world.now(),
    };
    return this.world.commit({ c: 'uploadPackage', package: record } as Command) as PackageRecord;
  }

  /** 300: refused for a package that is not there (PKG10014) or that a cluster runs (PKG10007). */
  delete(id: number): void {
    const pkg = this.byId.get(id);
    if (!pkg) throw new OcpError('packageNotFound', [id]);
    if (this.inUse(pkg)) throw new OcpError('packageInUse', []);
    this.world.commit({ c: 'deletePackage', id } as Command);
  }

  live(): RankedCommands[] {
    if (!this.changed) return [];
    return [{ rank: RANK, commands: [{ c: 'softwarePackages', packages: this.list.map((p) => ({ ...p })), nextId: this.nextId } as Command] }];
  }

  liveBound(): number {
    return this.changed ? 1 : 0;
  }
}
