/** Where the published consumer contracts live in the package. */
import { readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SHIPPED_PACTS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../pacts');

export function shippedPactFiles(): string[] {
  try {
    return readdirSync(SHIPPED_PACTS_DIR)
      .filter((f) => f.endsWith('.json'))
      .sort();
  } catch {
    return [];
  }
}
