/**
 * The software packages a fresh OCP holds: the OceanBase rpms the seeded clusters run and the
 * samples' upgrade target (ocp-docs/cluster 200/700: 2.2.73, 2.2.75, 2.2.76), the two agent rpms of
 * ocp-docs/software-package/100's sample (ids 10 and 12 as printed), and an obproxy (*inferred*: a
 * realistic OCP 4.2.2 holds one). Sizes, checksums and upload times are drawn from the seed.
 */
import { createHash } from 'node:crypto';
import { OcpError } from '../../../contract/errors.js';
import { SALT, Stream } from '../../../util/random.js';
import type { Nvra } from '../rpm.js';

export const PACKAGE_TYPES = ['OB_SERVER_INSTALL_PACKAGE', 'OCP_AGENT_INSTALL_PACKAGE', 'OBPROXY_INSTALL_PACKAGE', 'OB_BACKUP_AGENT_INSTALL_PACKAGE'] as const;
export type PackageType = (typeof PACKAGE_TYPES)[number];
/** *inferred*: the architectures OCP 4.2.2 deploys to. */
export const ARCHITECTURES = ['x86_64', 'aarch64'] as const;

export interface PackageRecord {
  id: number;
  name: string;
  fileName: string;
  size: number;
  sha1: string;
  type: PackageType;
  version: string;
  buildNumber: string;
  operatingSystem: string;
  architecture: string;
  /** When it was uploaded (epoch ms). */
  createdAt: number;
}

/** A package's type by its name (*inferred*: OCP reads it off the rpm's name the same way); PKG10013 for none. */
export function packageTypeOf(name: string): PackageType {
  if (name.includes('ocp-agent')) return 'OCP_AGENT_INSTALL_PACKAGE';
  if (name.includes('obproxy')) return 'OBPROXY_INSTALL_PACKAGE';
  if (name.includes('backup')) return 'OB_BACKUP_AGENT_INSTALL_PACKAGE';
  if (/^oceanbase(-ce)?$/.test(name)) return 'OB_SERVER_INSTALL_PACKAGE';
  throw new OcpError('packageTypeUnsupported', [PACKAGE_TYPES.join(','), name]);
}

const PACKAGE_NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;

/** The record fields an rpm's name, version, release and arch give (its release is `build.os`, as the sample's `1898294.alios7`). */
export function recordFields(nvra: Nvra): Omit<PackageRecord, 'id' | 'size' | 'sha1' | 'createdAt'> {
  if (!PACKAGE_NAME.test(nvra.name)) throw new OcpError('packageNameInvalid', [nvra.name]);
  if (!(ARCHITECTURES as readonly string[]).includes(nvra.arch)) throw new OcpError('packageArchitectureUnsupported', [nvra.arch]);
  const dot = nvra.release.indexOf('.');
  return {
    name: nvra.name,
    fileName: `${nvra.name}-${nvra.version}-${nvra.release}.${nvra.arch}.rpm`,
    type: packageTypeOf(nvra.name),
    version: nvra.version,
    buildNumber: dot < 0 ? nvra.release : nvra.release.slice(0, dot),
    operatingSystem: dot < 0 ? '' : nvra.release.slice(dot + 1),
    architecture: nvra.arch,
  };
}

const SEEDED: readonly (Nvra & { id: number })[] = [
  { id: 1, name: 'oceanbase', version: '2.2.73', release: '20201211175814.el7', arch: 'x86_64' },
  { id: 2, name: 'oceanbase', version: '2.2.75', release: '20210108170301.el7', arch: 'x86_64' },
  { id: 3, name: 'oceanbase', version: '2.2.76', release: '20210219154519.el7', arch: 'x86_64' },
  { id: 5, name: 'obproxy', version: '3.2.0', release: '20210805143217.el7', arch: 'x86_64' },
  { id: 10, name: 't-oceanbase-ocp-agent', version: '2.4.0', release: '1884049.alios7', arch: 'x86_64' },
  { id: 12, name: 't-oceanbase-ocp-agent', version: '2.4.2', release: '1898294.alios7', arch: 'x86_64' },
];

/** The seed's packages, in id order; each uploaded up to 400 days before `simStart`. */
export function generatePackages(seed: number, simStart: number): PackageRecord[] {
  const draws = new Stream(seed, SALT.softwarePackages);
  return SEEDED.map(({ id, ...nvra }) => {
    const fields = recordFields(nvra);
    const size = fields.type === 'OB_SERVER_INSTALL_PACKAGE' ? draws.int(60_000_000, 90_000_000) : draws.int(20_000_000, 40_000_000);
    const sha1 = createHash('sha1').update(`${seed}:${fields.fileName}`).digest('hex');
    return { id, ...fields, size, sha1, createdAt: simStart - draws.int(1, 400) * 86_400_000 - draws.int(0, 86_399) * 1000 };
  });
}
