/** A package as OCP's calls print it: 200's SoftwarePackageMeta, and 100's row with its upload time and whether it may be deleted. */
import { formatOcpTime } from '../../contract/time.js';
import type { PackageRecord } from './fakes/packages.js';

/**
 * Where OCP serves a package's file (the samples' `http://{server}:8080/api/v2/files/sys-package/{fileName}`;
 * *inferred*: the mock's server address and OCP's default port, though the mock serves no download).
 */
export function downloadUrl(server: string, fileName: string): string {
  return `http://${server}:8080/api/v2/files/sys-package/${fileName}`;
}

export function renderPackage(p: PackageRecord, server: string) {
  return {
    architecture: p.architecture,
    buildNumber: p.buildNumber,
    downloadUrl: downloadUrl(server, p.fileName),
    extension: 'rpm',
    fileName: p.fileName,
    id: p.id,
    name: p.name,
    operatingSystem: p.operatingSystem,
    sha1: p.sha1,
    size: p.size,
    type: p.type,
    version: p.version,
  };
}

export function renderPackageRow(p: PackageRecord, server: string, offsetMinutes: number, deletable: boolean) {
  return { ...renderPackage(p, server), createTime: formatOcpTime(p.createdAt, offsetMinutes), deletable, installationDataList: [] };
}
