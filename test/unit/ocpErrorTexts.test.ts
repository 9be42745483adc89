/** The bundled error texts (src/contract/ocpErrorTexts.ts) are OCP's tables, code for code and word for word. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OCP_ERROR_TEXTS } from '../../src/contract/ocpErrorTexts.js';

function table(language: 'en' | 'zh'): Map<string, string> {
  const text = readFileSync(new URL(`../fixtures/ocp-error-codes.${language}.md`, import.meta.url), 'utf8');
  return new Map([...text.matchAll(/^\| ([A-Z]{3}\d{5}) \| (.*) \|\s*$/gm)].map((m) => [m[1] as string, (m[2] as string).trim()]));
}

describe('OCP_ERROR_TEXTS', () => {
  it.each(['en', 'zh'] as const)('holds every code of the %s table with its text', (language) => {
    const rows = table(language);
    expect(rows.size).toBeGreaterThan(600);
    expect(Object.keys(OCP_ERROR_TEXTS).sort()).toEqual([...rows.keys()].sort());
    for (const [code, message] of rows) expect(OCP_ERROR_TEXTS[code]?.[language], code).toBe(message);
  });
});
