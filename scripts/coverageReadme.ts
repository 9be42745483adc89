/**
 * `npm run coverage:readme`: rewrites README.md's API coverage table (between `<!-- coverage:start -->`
 * and `<!-- coverage:end -->`) from the documented calls and the routes the simulator declares.
 * test/unit/coverage.test.ts fails while the committed table differs from what this writes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { coverageReport } from '../src/commands/coverage.js';
import { coverageTable, totalLine, withCoverageBlock } from '../src/contract/coverage.js';

const readmePath = fileURLToPath(new URL('../README.md', import.meta.url));
const before = readFileSync(readmePath, 'utf8');
const report = coverageReport();
const after = withCoverageBlock(before, coverageTable(report));
if (after !== before) writeFileSync(readmePath, after);
process.stdout.write(`README.md: ${totalLine(report)}${after === before ? ' (unchanged)' : ' (table rewritten)'}\n`);
