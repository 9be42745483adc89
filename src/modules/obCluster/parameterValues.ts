/**
 * What a parameter's value may be (ocp-docs/cluster/2300 checks it against 2100's metadata): a
 * value is read as its type says and held to the parameter's range, then kept as OceanBase prints
 * it (a BOOL as `True`/`False`, an allowed value in its catalogue spelling). 2300's own sample
 * sends `75`, a JSON number, where its table says String: a number or boolean is read as its text.
 *
 * *Inferred* here, in one place (OceanBase 2.2's parsing, as far as its docs tell it):
 * - CAPACITY takes B, K, KB, M, MB, G, GB, T, TB, P, PB (any case), TIME us, ms, s, m, h, d; a value
 *   without its unit is OBE31002, except 0 (the samples' defaults print `0` for both);
 * - BOOL takes true/false, 1/0, on/off, yes/no (any case); INT whole numbers; DOUBLE decimals;
 *   MOMENT `disable` or `HH:MM`; STRING_LIST items separated by `;` or `,`;
 * - a value of the wrong form, or out of `minValue`..`maxValue` (inclusive, compared in the
 *   type's unit), or not one of `allowedValues`, is OBE31202.
 */
import { OcpError } from '../../contract/errors.js';
import type { ParameterDef } from './fakes/parameters.js';

const CAPACITY_UNITS: Record<string, number> = { B: 1, K: 2 ** 10, M: 2 ** 20, G: 2 ** 30, T: 2 ** 40, P: 2 ** 50 };
const TIME_UNITS: Record<string, number> = { US: 1, MS: 1e3, S: 1e6, M: 6e7, H: 3.6e9, D: 8.64e10 };
const CAPACITY = /^(\d+(?:\.\d+)?)\s*(?:([BKMGTP])B?)?$/i;
const TIME = /^(\d+(?:\.\d+)?)\s*(us|ms|s|m|h|d)?$/i;
const INT = /^[+-]?\d+$/;
const DOUBLE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const MOMENT = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const TRUE = new Set(['true', '1', 'on', 'yes', 't', 'y']);
const FALSE = new Set(['false', '0', 'off', 'no', 'f', 'n']);

/** A magnitude in the type's unit (bytes, microseconds, the number itself), or undefined where the type has none. */
function magnitude(p: ParameterDef, text: string): number | undefined {
  switch (p.type) {
    case 'CAPACITY': {
      const m = CAPACITY.exec(text);
      if (!m) return undefined;
      return Number(m[1]) * (CAPACITY_UNITS[(m[2] ?? 'B').toUpperCase()] as number);
    }
    case 'TIME': {
      const m = TIME.exec(text);
      if (!m) return undefined;
      return Number(m[1]) * (TIME_UNITS[(m[2] ?? 'US').toUpperCase()] as number);
    }
    case 'INT':
      return INT.test(text) ? Number(text) : undefined;
    case 'DOUBLE':
      return DOUBLE.test(text) ? Number(text) : undefined;
    default:
      return undefined;
  }
}

const invalid = (p: ParameterDef, value: string) => new OcpError('parameterValueInvalid', [p.name, value]);

/** The one spelling of an allowed value (TRUE,FALSE ones print `True`/`False`, as 2200's sample does). */
function allowedSpelling(p: ParameterDef, value: string): string | undefined {
  const allowed = (p.allowedValues ?? '').split(',');
  const hit = allowed.find((a) => a.toUpperCase() === value.toUpperCase());
  if (hit === undefined) return undefined;
  return allowed.join() === 'TRUE,FALSE' ? (hit === 'TRUE' ? 'True' : 'False') : hit;
}

/** The value as OceanBase keeps it, or OCP's error naming what is wrong with it. */
export function normalizeValue(p: ParameterDef, raw: string): string {
  const value = raw.trim();
  if (p.allowedValues !== null) {
    const spelled = allowedSpelling(p, value);
    if (spelled === undefined) throw invalid(p, raw);
    return spelled;
  }
  switch (p.type) {
    case 'BOOL': {
      const v = value.toLowerCase();
      if (TRUE.has(v)) return 'True';
      if (FALSE.has(v)) return 'False';
      throw invalid(p, raw);
    }
    case 'MOMENT':
      if (value.toLowerCase() === 'disable') return 'disable';
      if (!MOMENT.test(value)) throw invalid(p, raw);
      return value;
    case 'STRING_LIST':
      return value
        .split(/[;,]/)
        .map((s) => s.trim())
        .join(';');
    case 'STRING':
      return raw;
    default:
      break;
  }
  // A number type: CAPACITY and TIME need their unit (but 0 needs none).
  const unitless = /^\d+(?:\.\d+)?$/.test(value);
  if ((p.type === 'CAPACITY' || p.type === 'TIME') && unitless && Number(value) !== 0) throw new OcpError('parameterUnitMissing', [p.name]);
  const n = magnitude(p, value);
  if (n === undefined || !Number.isFinite(n)) throw invalid(p, raw);
  const min = p.minValue === null ? undefined : magnitude(p, p.minValue);
  const max = p.maxValue === null ? undefined : magnitude(p, p.maxValue);
  if ((min !== undefined && n < min) || (max !== undefined && n > max)) throw invalid(p, raw);
  return value;
}

/** How the catalogue's default reads as a current value (a BOOL's `1` as `True`); a default that does not parse is printed as is. */
export function defaultAsValue(p: ParameterDef): string {
  if (p.defaultValue === null) return '';
  try {
    return normalizeValue(p, p.defaultValue);
  } catch {
    return p.defaultValue;
  }
}

/** Whether OceanBase version `a` is at least `b` (dotted numbers). */
export function versionAtLeast(a: string, b: string): boolean {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return true;
}
