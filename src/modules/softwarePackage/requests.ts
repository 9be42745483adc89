/** What the software-package calls accept (ocp-docs/software-package/100 and 300). */
import { z } from 'zod';
import { idField, listOf, PAGE_FIELDS } from '../../contract/requests.js';
import { PACKAGE_TYPES } from './fakes/packages.js';

export const PackageIdParam = z.object({ id: idField('software package') });

/** A StringArray of free values (`3.1.0,3.1.1`); a repeated key arrives joined the same way. */
const values = z.string().transform((text) =>
  text
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== ''),
);

/** 100: `type`, `version`, `operatingSystem`, `architecture` are StringArrays; `keyword` is part of the name. */
export const PackageListQuery = z.object({
  keyword: z.string().optional(),
  type: listOf(PACKAGE_TYPES).optional(),
  version: values.optional(),
  operatingSystem: values.optional(),
  architecture: values.optional(),
  ...PAGE_FIELDS,
});
export type PackageListQuery = z.output<typeof PackageListQuery>;

export const PACKAGE_LIST_ARRAYS = ['type', 'version', 'operatingSystem', 'architecture'] as const;
