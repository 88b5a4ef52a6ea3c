/**
 * Imports one boundary file in a fresh Node process and prints what it measured, as JSON on its
 * last line: a process of its own so that its peak RSS is the import's (a vitest worker's heap
 * holds other tests' garbage). Usage, from the repository root:
 *   node --import tsx test/support/boundary-import-child.ts <endpoint> <table> <boundaries> <lookup.csv> <district,…>
 */
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createRepositories } from '@wardpulse/data';
import { importBoundaryFile, parseWardLookup } from '@wardpulse/functions/geo-import';

const [endpoint = '', tableName = '', path = '', lookupPath = '', districts = ''] = process.argv.slice(2);
const repositories = createRepositories({ endpoint, tables: { main: tableName } });
const lookup = parseWardLookup(readFileSync(lookupPath, 'utf8'), 'WD25_LAD25_UK_LU.csv');
const bytes = statSync(path).size;

const before = process.memoryUsage.rss();
let peak = before;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
const started = performance.now();
const report = await importBoundaryFile(repositories, createReadStream(path), { source: 'uk.geojson', actor: 'ons-test', lookup, districts: districts.split(','), totalBytes: bytes });
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage.rss());
console.log(JSON.stringify({ report, bytes, seconds, rssBefore: before, rssPeak: peak }));
