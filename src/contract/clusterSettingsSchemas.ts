/**
 * zod schemas of the OB cluster module's parameter and pre-check answers (ocp-docs/cluster/2100,
 * 2200, 2600, 2700), beside schemas.ts (which holds the clusters', zones' and servers'). Each
 * object holds the keys its page's sample prints, strict as in schemas.ts.
 */
import { z } from 'zod';

const text = z.string().nullable();

/** A parameter's metadata (ocp-docs/cluster/2100's ParameterInfo, with the sample's `explanation` and `id`). */
export const ObParameterInfo = z.strictObject({
  allowedStringValues: text,
  defaultValue: text,
  description: z.string(),
  explanation: z.null(),
  id: z.number().int(),
  maxValue: text,
  minValue: text,
  name: z.string(),
  needRestart: z.boolean(),
  readonly: z.boolean(),
  type: z.string(),
  version: z.string(),
});

/** One server's value of a parameter (2200's ObParameter, with the sample's `svrType`). */
export const ObParameterValue = z.strictObject({
  name: z.string(),
  svrIp: z.string(),
  svrPort: z.number().int(),
  svrType: z.literal('observer'),
  value: z.string(),
  zone: z.string(),
});

/** A parameter of a cluster (2200's ClusterParameter: its servers' values, with the sample's `singleValueInCluster`). */
export const ObClusterParameter = z.strictObject({
  currentValue: z.strictObject({
    obParameters: z.array(ObParameterValue),
    singleValueInCluster: z.boolean(),
    valueToServers: z.record(z.string(), z.array(z.string())),
    values: z.array(z.string()),
  }),
  defaultValue: z.string(),
  description: z.string(),
  name: z.string(),
  needRestart: z.boolean(),
  readonly: z.boolean(),
  section: z.string(),
  valueRange: z.strictObject({ allowedValues: text, maxValue: text, minValue: text, type: z.string() }),
});

/** A pre-check's answer (2600, 2700): the samples print `result` alone, though the tables also list `clusterId` and `clusterName`. */
export const ObPreCheck = z.strictObject({ result: z.strictObject({ messages: z.array(z.string()), valid: z.boolean() }) });
