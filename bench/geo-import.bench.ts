/**
 * Geography import speed and memory (issue 14, item 4): both forces' ward boundaries, then the
 * 176,512-row NSPL extract of their 12 districts, with the product's own import
 * (`@wardpulse/functions/geo-import`) into DynamoDB Local (in memory), started here.
 *
 *   npx tsx bench/geo-import.bench.ts [--formats gz,csv,zip] [--heap-mb 64]
 *
 * Each import runs in a Node process of its own, so its peak RSS is the import's: the kernel's
 * high-water mark (`resourceUsage().maxRSS`) and its growth over the RSS once the modules have
 * loaded. The lookup is imported as it comes (.csv.gz, read in place from ../shared/data), as the
 * plain CSV, and as an NSPL-shaped ZIP (the same rows in NSPL's columns under `Data/`, beside
 * ONS's documents), the last two built in a temp dir. Each format gets a fresh table and its own
 * boundary import first, so every postcode is a new item. Writes bench/results/geo-import.json.
 * Figures are this machine's and DynamoDB Local's (a JVM whose memory is not counted): compare
 * within one run. `--heap-mb` caps the children's V8 heap (`--max-old-space-size`): an import that
 * completes under a small cap holds bounded memory whatever the collector would have chosen.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { crc32, deflateRawSync, gunzipSync } from 'node:zlib';
import { createRepositories } from '@wardpulse/data';
import { importBoundaryFile, importPostcodes, parseWardLookup } from '@wardpulse/functions/geo-import';
import { target, writeBenchResult, type Table, type Target } from './report.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { values } = parseArgs({ options: { formats: { type: 'string', default: 'gz,csv,zip' }, child: { type: 'string' }, 'heap-mb': { type: 'string' } } });

const SHARED = fileURLToPath(new URL('../../shared/data/', import.meta.url));
const BOUNDARIES = ['wards_wd25_wmp.geojson', 'wards_wd25_wyp.geojson'].map((name) => `${SHARED}geography/${name}`);
const WARD_LOOKUP = `${SHARED}geography/wd25_lad25_wmp_wyp.csv`;
const POSTCODES_GZ = `${SHARED}postcodes/nspl_aug2024_pc_ward_wmp_wyp_all12.csv.gz`;
const ROWS = 176_512;
const MB = 2 ** 20;
/** This bench's budget, not the (it set none): the import streams, so memory stays flat. */
const GROWTH_BUDGET_MB = 200;

/** What a child prints as its last line. */
interface Measured {
  seconds: number;
  rssStartMB: number;
  peakRssMB: number;
  growthMB: number;
  report: Record<string, unknown>;
  /** Postcodes: seconds of pass 1 (read and check) and pass 2 (write). */
  readSeconds?: number;
  writeSeconds?: number;
}

interface ChildTask {
  kind: 'boundaries' | 'postcodes';
  endpoint: string;
  table: string;
  /** The file to import, and the name it is uploaded under. */
  path: string;
  fileName: string;
  /** Boundaries: the ward → district lookup and the districts chosen. */
  lookup?: string;
  districts?: string[];
}

/** Runs in the child: one import, timed, its memory watched. */
async function runChild(task: ChildTask): Promise<Measured> {
  const repositories = createRepositories({ endpoint: task.endpoint, tables: { main: task.table } });
  const totalBytes = statSync(task.path).size;
  const rssStart = process.memoryUsage.rss();
  const started = performance.now();
  let writingAt: number | undefined;
  let report: Record<string, unknown>;
  if (task.kind === 'boundaries') {
    const lookup = parseWardLookup(readFileSync(task.lookup!, 'utf8'), basename(task.lookup!));
    report = { ...(await importBoundaryFile(repositories, createReadStream(task.path), { source: task.fileName, actor: 'bench', lookup, districts: task.districts!, totalBytes })) };
  } else {
    const { rowsByDistrict: _, ...rest } = await importPostcodes({
      repositories,
      open: () => createReadStream(task.path),
      fileName: task.fileName,
      totalBytes,
      options: {},
      actor: 'bench',
      onProgress: (progress) => {
        if (progress.phase === 'writing') writingAt ??= performance.now();
      },
    });
    report = rest;
  }
  const ended = performance.now();
  const peak = process.resourceUsage().maxRSS * 1024;
  return {
    seconds: (ended - started) / 1000,
    rssStartMB: rssStart / MB,
    peakRssMB: peak / MB,
    growthMB: (peak - rssStart) / MB,
    report,
    ...(writingAt !== undefined ? { readSeconds: (writingAt - started) / 1000, writeSeconds: (ended - writingAt) / 1000 } : {}),
  };
}

if (values.child) {
  console.log(JSON.stringify(await runChild(JSON.parse(values.child) as ChildTask)));
  process.exit(0);
}

// ------------------------------------------------------------------ the parent

const CRLF = '\r\n';

/** NSPL's columns (August 2024), as ONS publishes the whole-UK CSV. */
const NSPL_HEADER = 'pcd,pcd2,pcds,dointr,doterm,usertype,oseast1m,osnrth1m,osgrdind,oa21,cty,ced,laua,ward,hlthau,nhser,ctry,rgn,pcon,ttwa,itl,park,lsoa21,msoa21,wz11,sicbl,bua24,ru11ind,oac11,lat,long,lep1,lep2,pfa,imd,icb';

/** A row of the shared extract (`pcds,lad_code,ward_code,lsoa21_code`) in NSPL's layout. */
function nsplLine(line: string): string {
  const [pcds = '', lad = '', ward = '', lsoa = ''] = line.split(',');
  const [outward = '', inward = ''] = pcds.split(' ');
  return `${outward.padEnd(4)}${inward},${outward.padEnd(5)}${inward},${pcds},198001,,0,400000,290000,1,E00000000,E99999999,E99999999,${lad},${ward},E18000005,E40000008,E92000001,E12000005,E14000000,E30000000,E06000000,E99999999,${lsoa},E02000000,E33000000,E38000000,E63000000,A1,1A1,52.5,-2.0,E37000000,,E23000000,1,E54000000`;
}

/** A ZIP of deflated entries (no data descriptors, no ZIP64: every entry is far under 4 GB). */
function zip(entries: Record<string, Buffer>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of Object.entries(entries)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const deflated = deflateRawSync(data, { level: 6 });
    const fields = (header: Buffer, at: number) => {
      header.writeUInt16LE(20, at); // version needed: 2.0 (deflate)
      header.writeUInt16LE(0x0800, at + 2); // UTF-8 names
      header.writeUInt16LE(8, at + 4); // deflate
      header.writeUInt32LE(0, at + 6); // DOS time and date
      header.writeUInt32LE(crc32(data), at + 10);
      header.writeUInt32LE(deflated.length, at + 14);
      header.writeUInt32LE(data.length, at + 18);
      header.writeUInt16LE(nameBytes.length, at + 22);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    fields(local, 4);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4); // version made by
    fields(entry, 6);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, deflated);
    central.push(entry, nameBytes);
    offset += local.length + nameBytes.length + deflated.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const formats = values.formats.split(',').map((f) => f.trim()) as ('gz' | 'csv' | 'zip')[];
const unknown = formats.filter((f) => !['gz', 'csv', 'zip'].includes(f));
if (unknown.length > 0) throw new Error(`--formats: unknown ${unknown.join(', ')} (gz, csv, zip)`);

const { ensureTable, startDynamoDbLocal } = await import('@wardpulse/dev');
const dir = mkdtempSync(join(tmpdir(), 'wardpulse-geo-bench-'));
const dynamo = await startDynamoDbLocal();
try {
  // ONS's boundary download carries only WDyyCD/WDyyNM: districts come from the ward → district lookup.
  const features = BOUNDARIES.flatMap((path) => (JSON.parse(readFileSync(path, 'utf8')) as { features: { properties: Record<string, string>; geometry: unknown }[] }).features);
  const boundaryPath = join(dir, 'Wards_May_2025_Boundaries_UK_BGC.geojson');
  writeFileSync(boundaryPath, JSON.stringify({ type: 'FeatureCollection', features: features.map(({ properties, geometry }) => ({ type: 'Feature', properties: { WD25CD: properties.WD25CD, WD25NM: properties.WD25NM }, geometry })) }));
  const districts = [...new Set([...parseWardLookup(readFileSync(WARD_LOOKUP, 'utf8'), 'wd25_lad25_wmp_wyp.csv').byWard.values()].map((ward) => ward.districtCode))].sort();

  const csv = gunzipSync(readFileSync(POSTCODES_GZ));
  const files: Record<string, { path: string; fileName: string; bytes: number; csvBytes: number }> = {};
  for (const format of formats) {
    if (format === 'gz') files.gz = { path: POSTCODES_GZ, fileName: basename(POSTCODES_GZ), bytes: statSync(POSTCODES_GZ).size, csvBytes: csv.length };
    if (format === 'csv') {
      const path = join(dir, 'nspl_aug2024_pc_ward_wmp_wyp_all12.csv');
      writeFileSync(path, csv);
      files.csv = { path, fileName: basename(path), bytes: csv.length, csvBytes: csv.length };
    }
    if (format === 'zip') {
      const [, ...lines] = csv.toString('utf8').split(/\r?\n/).filter((line) => line.length > 0);
      const data = Buffer.from(`${NSPL_HEADER}${CRLF}${lines.map(nsplLine).join(CRLF)}${CRLF}`);
      const archive = zip({
        'Documents/LA_UA names and codes UK as at 04_24.csv': Buffer.from(`LAD24CD,LAD24NM${CRLF}E08000025,Birmingham${CRLF}`),
        'Data/NSPL_AUG_2024_UK.csv': data,
        'User Guide/NSPL User Guide Aug 2024.txt': Buffer.from('(the user guide)'),
      });
      const path = join(dir, 'NSPL_AUG_2024_UK.zip');
      writeFileSync(path, archive);
      files.zip = { path, fileName: basename(path), bytes: archive.length, csvBytes: data.length };
    }
  }

  const child = (task: ChildTask): Measured => {
    const heap = values['heap-mb'] ? [`--max-old-space-size=${Number(values['heap-mb'])}`] : [];
    const out = execFileSync(process.execPath, [...heap, '--import', 'tsx', fileURLToPath(import.meta.url), '--child', JSON.stringify(task)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 * MB });
    return JSON.parse(out.trim().split('\n').at(-1)!) as Measured;
  };

  const boundaryRuns: Table = {};
  const postcodeRuns: Table = {};
  const targets: Target[] = [];
  const boundaryRates: number[] = [];
  for (const format of formats) {
    const file = files[format]!;
    const table = `geo-bench-${format}`;
    await ensureTable(dynamo.endpoint, table);
    const boundaries = child({ kind: 'boundaries', endpoint: dynamo.endpoint, table, path: boundaryPath, fileName: basename(boundaryPath), lookup: WARD_LOOKUP, districts });
    const wards = boundaries.report.wards as number;
    if (wards !== features.length) throw new Error(`the boundary import kept ${wards} wards of ${features.length}`);
    boundaryRates.push(wards / boundaries.seconds);
    boundaryRuns[`before .${format}`] = { wards, districts: boundaries.report.districts as number, seconds: boundaries.seconds, 'wards/s': wards / boundaries.seconds, 'peak RSS MB': boundaries.peakRssMB, 'growth MB': boundaries.growthMB };

    const postcodes = child({ kind: 'postcodes', endpoint: dynamo.endpoint, table, path: file.path, fileName: file.fileName });
    const { rowsRead, rowsKept, candidates } = postcodes.report as { rowsRead: number; rowsKept: number; candidates: number };
    // Every row is in the 12 districts: otherwise rows/s would time a different import.
    if (rowsRead !== ROWS || rowsKept !== ROWS) throw new Error(`.${format}: ${rowsRead} rows read and ${rowsKept} kept, expected ${ROWS} of each`);
    const label = format === 'csv' ? `.csv (${(file.bytes / MB).toFixed(1)} MB)` : `.${format} (${(file.bytes / MB).toFixed(1)} MB, CSV ${(file.csvBytes / MB).toFixed(1)} MB)`;
    postcodeRuns[label] = {
      rows: rowsRead,
      seconds: postcodes.seconds,
      'rows/s': rowsRead / postcodes.seconds,
      'pass 1 rows/s (read)': rowsRead / postcodes.readSeconds!,
      'pass 2 rows/s (write)': rowsKept / postcodes.writeSeconds!,
      candidates,
      'peak RSS MB': postcodes.peakRssMB,
      'growth MB': postcodes.growthMB,
    };
    targets.push(
      target(`Postcodes ${label}: rows/s, both passes`, rowsRead / postcodes.seconds, 'rows/s', 'reported (the issue sets none)', null),
      target(`Postcodes ${label}: peak RSS growth`, postcodes.growthMB, 'MB', `< ${GROWTH_BUDGET_MB} MB (this bench's budget)`, postcodes.growthMB < GROWTH_BUDGET_MB),
    );
  }
  const medianRate = [...boundaryRates].sort((a, b) => a - b)[boundaryRates.length >> 1]!;
  targets.push(target(`Boundaries: ${features.length} wards, median of ${boundaryRates.length}`, medianRate, 'wards/s', 'reported (the issue sets none)', null));

  writeBenchResult({
    name: 'geo-import',
    title: `Geography import into DynamoDB Local, each in a process of its own: ${features.length} ward boundaries (12 districts), then ${ROWS.toLocaleString('en-GB')} postcodes as .csv.gz, .csv and NSPL ZIP`,
    targets,
    tables: { 'Postcode lookup import': postcodeRuns, 'Boundary import (before each postcode import, fresh table)': boundaryRuns },
    notes: [
      `Boundaries: ${BOUNDARIES.map((p) => basename(p)).join(' + ')} as one ONS-style download (WD25CD/WD25NM only), with wd25_lad25_wmp_wyp.csv and the 12 districts chosen, as the import form sends them.`,
      `Postcodes: ${basename(POSTCODES_GZ)} read in place; the .csv is it unzipped; the ZIP holds the same rows in NSPL's 36 columns under Data/ (deflated) beside a Documents/ CSV, built here. Every row is in the 12 districts, so all ${ROWS.toLocaleString('en-GB')} are written. NSPL's rows are longer than the extract's (CSV sizes in the table), so the ZIP's pass 1 parses that much more CSV.`,
      ...(values['heap-mb'] ? [`Every import ran with its V8 heap capped at ${values['heap-mb']} MB (--max-old-space-size).`] : []),
      'RSS growth is partly the garbage collector’s choice (V8 lets the heap grow before it collects): compare formats within one run.',
      'rows/s = rows ÷ the whole import (pass 1 reads and checks every row, pass 2 reads again and writes, then the partial-postcode candidates).',
      `Peak RSS = the child's high-water mark (resourceUsage().maxRSS); growth = peak − RSS after its modules loaded. The ${GROWTH_BUDGET_MB} MB growth budget is this bench's, set because the import streams: the issue set no memory target.`,
    ],
  });
} finally {
  await dynamo.stop();
  rmSync(dir, { recursive: true, force: true });
}
