/**
 * `pnpm geo:import`: imports ward boundaries, an ONS postcode lookup or areas from a file into
 * a WardPulse table (DynamoDB Local or AWS), with live progress and a report.
 */
import { createReadStream, statSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createRepositories, DEFAULT_TABLE_NAME } from '@wardpulse/data';
import { ensureTable, JavaMissingError, startDynamoDbLocal, type DynamoDbLocal } from '@wardpulse/dev';
import { AreaKindSchema, DistrictCodeSchema, ImportFileError, VintageSchema, type ImportProgress } from '@wardpulse/domain';
import { importAreas, importBoundaryFile, importPostcodes, parseWardLookup } from '@wardpulse/functions/geo-import';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const USAGE = `Usage:
  pnpm geo:import boundaries <wards.geojson> [--lookup <ward-to-lad.csv>] [--districts E08000025,E08000028] [--vintage 2025-05]
  pnpm geo:import postcodes <NSPL.zip | lookup.csv[.gz]> [--lookup-vintage 2024-08]
  pnpm geo:import areas <areas.csv> --kind impact-area|npt

Where to import (first that applies):
  --endpoint <url> [--table <name>]   a DynamoDB Local, e.g. the one \`pnpm dev\` prints (table: wardpulse)
  DYNAMODB_ENDPOINT / TABLE_NAME      the same, from the environment
  --local [--table <name>]            starts DynamoDB Local on .data/dynamodb, the folder \`pnpm dev\`
                                      uses: stop \`pnpm dev\` first, or pass its --endpoint instead
  --table <name>                      a table in AWS, with your default AWS credentials and region

Boundaries as ONS publishes them ("Wards (May yyyy) Boundaries UK", WGS84 or British National
Grid) carry no district: give the ONS "Ward to Local Authority District (May yyyy) Lookup" CSV
with --lookup, and the force's districts with --districts (the live boundaries' districts when
omitted). A UK-wide file is streamed and only those districts' wards are kept.

Other options:
  --actor <name>   recorded as who imported (default: cli:<your user name>)
  --help`;

const root = fileURLToPath(new URL('..', import.meta.url));

function fail(message: string): never {
  console.error(`\n${message}\n`);
  process.exit(1);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    vintage: { type: 'string' },
    lookup: { type: 'string' },
    districts: { type: 'string' },
    'lookup-vintage': { type: 'string' },
    kind: { type: 'string' },
    endpoint: { type: 'string' },
    table: { type: 'string' },
    local: { type: 'boolean', default: false },
    actor: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
const [command, file] = positionals;
if (values.help || !command) {
  console.log(USAGE);
  process.exit(values.help ? 0 : 1);
}
if (!['boundaries', 'postcodes', 'areas'].includes(command)) fail(`Unknown import "${command}".\n\n${USAGE}`);
if (!file) fail(`Give the file to import.\n\n${USAGE}`);
const path = resolve(file);
let bytes: number;
try {
  bytes = statSync(path).size;
} catch {
  fail(`Cannot read ${path}.`);
}
for (const name of ['vintage', 'lookup-vintage'] as const) {
  const value = values[name];
  if (value !== undefined && !VintageSchema.safeParse(value).success) fail(`--${name} ${value}: use the form YYYY-MM, e.g. 2025-05.`);
}
const kind = values.kind === undefined ? undefined : AreaKindSchema.safeParse(values.kind);
if (command === 'areas' && !kind?.success) fail('Areas need --kind impact-area or --kind npt.');
const districts = values.districts?.split(',').map((code) => code.trim()).filter(Boolean);
const badDistrict = districts?.find((code) => !DistrictCodeSchema.safeParse(code).success);
if (badDistrict !== undefined) fail(`--districts ${badDistrict}: give ONS local authority district codes, comma-separated, e.g. E08000025,E08000028.`);
if (command !== 'boundaries' && (values.lookup !== undefined || districts)) fail('--lookup and --districts go with a boundaries import only.');
const actor = values.actor ?? `cli:${process.env.USER ?? process.env.USERNAME ?? 'unknown'}`;

// Where to write.
let local: DynamoDbLocal | undefined;
let endpoint = values.endpoint ?? process.env.DYNAMODB_ENDPOINT;
let tableName = values.table ?? process.env.TABLE_NAME;
if (values.local && !values.endpoint) {
  try {
    local = await startDynamoDbLocal({ dataDir: `${root}.data/dynamodb` });
  } catch (error) {
    fail(error instanceof JavaMissingError ? error.message : `DynamoDB Local did not start on .data/dynamodb (is \`pnpm dev\` running? Stop it, or pass --endpoint with the URL it prints): ${(error as Error).message}`);
  }
  endpoint = local.endpoint;
}
if (endpoint) {
  tableName ??= DEFAULT_TABLE_NAME;
  await ensureTable(endpoint, tableName).catch(async (error: unknown) => {
    await local?.stop();
    fail(`Cannot use table ${tableName} at ${endpoint}: ${(error as Error).message}`);
  });
} else if (!tableName) {
  fail(`Say where to import: --endpoint <DynamoDB Local URL>, --local, or --table <name> for a table in AWS.\n\n${USAGE}`);
}
const repositories = createRepositories({ endpoint, region: process.env.AWS_REGION, tables: { main: tableName } });
console.log(`Importing ${command} from ${basename(path)} (${formatBytes(bytes)}) into ${tableName}${endpoint ? ` at ${endpoint}` : ' (AWS)'}`);

// Peak memory of this process (DynamoDB Local's JVM, when started here, is separate).
let peakRss = process.memoryUsage.rss();
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
}, 100);
const started = Date.now();
const live = process.stdout.isTTY;
let lastLine = '';
let lastPhase = '';
let lastPrinted = 0;

function showProgress(progress: ImportProgress) {
  if (progress.phase === 'done') return;
  const percent = progress.totalBytes ? ` · ${Math.min(100, Math.round((progress.bytesRead / progress.totalBytes) * 100))}% of file` : '';
  const line =
    `${progress.phase.padEnd(7)} ${progress.rowsRead.toLocaleString('en-GB').padStart(9)} rows · ${progress.phase === 'writing' ? 'written' : 'kept'} ${progress.rowsKept.toLocaleString('en-GB')}` +
    ` · ${(progress.rowsPerSecond ?? 0).toLocaleString('en-GB')} rows/s${percent} · RSS ${Math.round(process.memoryUsage.rss() / 2 ** 20)} MB`;
  if (live) process.stdout.write(`\r${line.padEnd(lastLine.length)}`);
  else if (progress.phase !== lastPhase || Date.now() - lastPrinted >= 5_000) {
    // Not a terminal (CI, a log file): a line every few seconds instead of one rewritten line.
    console.log(line);
    lastPrinted = Date.now();
  }
  lastLine = line;
  lastPhase = progress.phase;
}

try {
  if (command === 'boundaries') {
    const lookupPath = values.lookup === undefined ? undefined : resolve(values.lookup);
    const lookup = lookupPath ? parseWardLookup(readFileSync(lookupPath, 'utf8'), basename(lookupPath)) : undefined;
    const report = await importBoundaryFile(repositories, createReadStream(path), {
      source: lookupPath ? `${basename(path)} + ${basename(lookupPath)}` : basename(path),
      actor,
      ...(values.vintage ? { vintage: values.vintage } : {}),
      ...(lookup ? { lookup } : {}),
      ...(districts ? { districts } : {}),
      totalBytes: bytes,
      onProgress: showProgress,
    });
    if (report.reprojectedFrom) console.log(`\n  Reprojected from British National Grid (${report.reprojectedFrom}) to WGS84.`);
    if (report.wardsOutsideDistricts) console.log(`  ${report.featuresRead?.toLocaleString('en-GB')} wards in the file; ${report.wardsOutsideDistricts.toLocaleString('en-GB')} outside the force's districts left out.`);
    console.log(`\nBoundaries ${report.vintage}: ${report.wards} wards in ${report.districts} district${report.districts === 1 ? '' : 's'}, now the live vintage`);
    for (const [district, wards] of Object.entries(report.wardsPerDistrict)) console.log(`  ${district.padEnd(32)} ${String(wards).padStart(4)} wards`);
    console.log(`  Map layer (TopoJSON): ${formatBytes(report.mapBytes)}, ${formatBytes(report.mapGzipBytes)} gzipped`);
  } else if (command === 'postcodes') {
    const report = await importPostcodes({
      repositories,
      open: () => createReadStream(path),
      fileName: basename(path),
      totalBytes: bytes,
      options: values['lookup-vintage'] ? { lookupVintage: values['lookup-vintage'] } : {},
      actor,
      onProgress: showProgress,
    });
    if (live) process.stdout.write('\n');
    const n = (value: number) => value.toLocaleString('en-GB');
    console.log(`\nPostcode lookup ${report.lookupVintage} against boundaries ${report.boundaryVintage} (columns ${Object.values(report.columns).join(', ')})`);
    console.log(`  Rows read           ${n(report.rowsRead).padStart(10)}`);
    console.log(`  Kept (the force's)  ${n(report.rowsKept).padStart(10)}`);
    for (const district of report.rowsByDistrict) console.log(`    ${district.name.padEnd(26)} ${n(district.rows).padStart(10)}`);
    console.log(`  Outside the force   ${n(report.rowsOutsideForce).padStart(10)}`);
    console.log(`  Invalid rows        ${n(report.rowsInvalid).padStart(10)}`);
    console.log(`  Terminated (kept)   ${n(report.terminatedKept).padStart(10)}`);
    console.log(`  Partial-postcode candidates ${n(report.candidates)}`);
    if (report.wardCodesNotInBoundaries.length === 0) console.log(`  Every kept ward code is in the ${report.boundaryVintage} boundaries.`);
    else {
      const rows = report.wardCodesNotInBoundaries.reduce((sum, ward) => sum + ward.rows, 0);
      console.log(`  Vintage mismatch: ${n(rows)} kept rows use ${report.wardCodesNotInBoundaries.length} ward codes not in the ${report.boundaryVintage} boundaries (stored, marked not in the boundary vintage):`);
      for (const ward of report.wardCodesNotInBoundaries.slice(0, 30)) console.log(`    ${ward.wardCode} ${n(ward.rows).padStart(8)} rows`);
      if (report.wardCodesNotInBoundaries.length > 30) console.log(`    … and ${report.wardCodesNotInBoundaries.length - 30} more`);
    }
  } else {
    const report = await importAreas(repositories, readFileSync(path, 'utf8'), { kind: kind!.data!, actor });
    console.log(`\n${report.areas.length} ${report.kind === 'npt' ? 'Neighbourhood Policing Teams' : 'Impact Areas'} in the ${report.vintage} boundaries:`);
    for (const area of report.areas) console.log(`  ${area.name.padEnd(40)} ${String(area.wards).padStart(3)} wards`);
  }
  clearInterval(sampler);
  const seconds = (Date.now() - started) / 1000;
  peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
  console.log(`\nDone in ${seconds.toFixed(1)} s · peak RSS ${Math.round(peakRss / 2 ** 20)} MB`);
} catch (error) {
  clearInterval(sampler);
  if (live && lastLine) process.stdout.write('\n');
  if (error instanceof ImportFileError) {
    console.error(`\n${error.code}: ${error.message}\n`);
    process.exitCode = 1;
  } else {
    console.error(error);
    process.exitCode = 1;
  }
} finally {
  repositories.close();
  await local?.stop();
}

function formatBytes(value: number): string {
  return value >= 2 ** 20 ? `${(value / 2 ** 20).toFixed(1)} MB` : `${(value / 1024).toFixed(1)} KB`;
}
