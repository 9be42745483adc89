/** What the host module's calls accept (ocp-docs/host): path ids, the host list's query, the bodies that create and delete. */
import { isIP } from 'node:net';
import { z } from 'zod';
import { HOST_STATUSES, SERVICE_TYPES } from '../../contract/enums.js';
import { descriptionField, idField, LIMITS, listOf, nameField, oneOf, PAGE_FIELDS } from '../../contract/requests.js';

export const HostIdParam = z.object({ hostId: idField('host') });
export const RegionIdParam = z.object({ regionId: idField('region') });
export const IdcIdParam = z.object({ idcId: idField('IDC') });
export const HostTypeIdParam = z.object({ hostTypeId: idField('host type') });
export const RegionCreateRequest = z.object({ name: nameField('region'), description: descriptionField });
export const IdcCreateRequest = z.object({ name: nameField('IDC'), description: descriptionField, regionId: idField('region') });
export const HostTypeCreateRequest = z.object({ name: nameField('host type'), description: descriptionField });

/** ocp-docs/host/1300: `status`, `includedServiceType`, `excludedServiceType` are StringArrays. */
export const HostListQuery = z.object({
  status: listOf(HOST_STATUSES).optional(),
  /** Part of a host name, inner IP or a deployed service's name. */
  keyword: z.string().optional(),
  includedServiceType: listOf(SERVICE_TYPES).optional(),
  excludedServiceType: listOf(SERVICE_TYPES).optional(),
  ...PAGE_FIELDS,
});

/** The keys of HostListQuery whose repeated values are one list. */
export const HOST_LIST_ARRAYS = ['status', 'includedServiceType', 'excludedServiceType'] as const;

/** A host id in a JSON body (a number, not text). */
export const hostIdNumber = z
  .number({ error: 'must be an integer host id' })
  .int({ error: 'must be an integer host id' })
  .positive({ error: 'must be a positive host id' })
  .max(LIMITS.maxId, { error: `must be at most ${LIMITS.maxId}` });

export const BatchDeleteHostsRequest = z.object({
  hostIdList: z
    .array(hostIdNumber, { error: (issue) => (issue.input === undefined || issue.input === null ? 'must not be null' : 'must be an array of host ids') })
    .min(1, { error: 'must not be empty' })
    .max(LIMITS.hostIds, { error: `must hold at most ${LIMITS.hostIds} host ids` })
    .refine((ids) => new Set(ids).size === ids.length, { error: 'must not repeat a host id' }),
});

/** OCP's host kinds (ocp-docs/host/1500). */
export const HOST_KINDS = ['DEDICATED_PHYSICAL_MACHINE', 'DEDICATED_CONTAINER'] as const;

/** `POST /api/v2/compute/hosts/batchCreate` (ocp-docs/host/1500); the page's rules on alias and ports as refinements. */
export const BatchCreateHostsRequest = z
  .object({
    hostBasicDataList: z
      .array(
        z.object({
          innerIpAddress: z.string({ error: 'must be an IP address' }).refine((ip) => isIP(ip) !== 0, { error: 'must be an IP address' }),
          serialNumber: z.string({ error: 'must be a text' }).max(128, { error: 'must be at most 128 characters' }).optional(),
        }),
        { error: (issue) => (issue.input === undefined || issue.input === null ? 'must not be null' : 'must be an array of hosts') },
      )
      .min(1, { error: 'must not be empty' })
      .max(LIMITS.hostIds, { error: `must hold at most ${LIMITS.hostIds} hosts` })
      .superRefine((hosts, ctx) => {
        const seen = new Set<string>();
        hosts.forEach((h, i) => {
          if (seen.has(h.innerIpAddress))
            ctx.addIssue({ code: 'custom', path: [i, 'innerIpAddress'], message: `duplicate IP address ${h.innerIpAddress}`, input: h.innerIpAddress });
          seen.add(h.innerIpAddress);
        });
      }),
    sshPort: z
      .number({ error: 'must be a port number' })
      .int({ error: 'must be a port number' })
      .min(1, { error: 'must be a port number from 1 to 65535' })
      .max(65535, { error: 'must be a port number from 1 to 65535' }),
    kind: oneOf(HOST_KINDS),
    publishPorts: z
      .array(z.string({ error: 'must be a port mapping' }).min(1, { error: 'must not be empty' }), { error: 'must be an array of port mappings' })
      .optional(),
    idcId: idField('IDC'),
    typeId: idField('host type'),
    credentialId: idField('credential'),
    alias: z.string({ error: 'must be a text' }).trim().min(1, { error: 'must not be empty' }).max(128, { error: 'must be at most 128 characters' }).optional(),
    description: descriptionField,
  })
  .superRefine((req, ctx) => {
    if (req.alias !== undefined && req.hostBasicDataList.length > 1) {
      ctx.addIssue({ code: 'custom', path: ['alias'], message: 'can be set only when a single host is added', input: req.alias });
    }
    if (req.kind === 'DEDICATED_CONTAINER' && !req.publishPorts?.length) {
      ctx.addIssue({ code: 'custom', path: ['publishPorts'], message: 'must map the container’s ports when kind is DEDICATED_CONTAINER' });
    }
  });
export type BatchCreateHostsRequest = z.output<typeof BatchCreateHostsRequest>;
