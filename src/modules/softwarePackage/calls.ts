/**
 * The software-package calls (ocp-docs/software-package): the list (PACKAGE_VIEWER), an upload as
 * multipart/form-data with a `file` part, and a delete (PACKAGE_MANAGER).
 */
import { pageOf } from '../../contract/paging.js';
import { pageOf as pageSchema, SoftwarePackageMeta, SoftwarePackageRow } from '../../contract/schemas.js';
import { defineCall } from '../../core/call.js';
import type { SoftwarePackages } from './packages.js';
import { queryPackages } from './queries.js';
import { renderPackage, renderPackageRow } from './render.js';
import { PACKAGE_LIST_ARRAYS, PackageIdParam, PackageListQuery } from './requests.js';

const call = defineCall<SoftwarePackages>();
const TAG = 'Software packages';

export const SOFTWARE_PACKAGE_CALLS = {
  listSoftwarePackages: call({
    routeId: 'listSoftwarePackages',
    method: 'get',
    path: '/software-packages',
    summary: 'Query software packages',
    tag: TAG,
    permission: 'PACKAGE_VIEWER',
    query: PackageListQuery,
    queryObject: 'softwarePackageQuery',
    queryArrays: PACKAGE_LIST_ARRAYS,
    data: pageSchema(SoftwarePackageRow),
    handle(m, { query }) {
      const page = pageOf(queryPackages(m.packages(), query), query);
      const { serverAddress, offsetMinutes } = m.world;
      return { data: { contents: page.contents.map((p) => renderPackageRow(p, serverAddress, offsetMinutes, !m.inUse(p))), page: page.page } };
    },
  }),
  uploadSoftwarePackage: call({
    routeId: 'uploadSoftwarePackage',
    method: 'post',
    path: '/software-packages',
    summary: 'Upload a software package (multipart/form-data, its file part `file`)',
    tag: TAG,
    permission: 'PACKAGE_MANAGER',
    multipart: { filePart: 'file' },
    data: SoftwarePackageMeta,
    handle(m, { file }) {
      // The adapter hands every multipart call its file (or answers 400 itself).
      const { fileName, bytes } = file as NonNullable<typeof file>;
      return { data: renderPackage(m.upload(fileName, bytes), m.world.serverAddress) };
    },
  }),
  deleteSoftwarePackage: call({
    routeId: 'deleteSoftwarePackage',
    method: 'delete',
    path: '/software-packages/{id}',
    summary: 'Delete a software package',
    tag: TAG,
    permission: 'PACKAGE_MANAGER',
    params: PackageIdParam,
    data: null,
    handle(m, { params }) {
      m.delete(params.id);
      return {};
    },
  }),
};
