/**
 * The shared ONS reference files (read in place, never copied into the repository) and helpers
 * for geography import tests: a repository set on a fresh table, and a whole-table snapshot.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createRepositories } from '@wardpulse/data';
import { rawClient } from './raw-client.ts';
import { createTestTable, dynamoEndpoint } from './api.ts';

export const SHARED_DATA = fileURLToPath(new URL('../../../shared/data/', import.meta.url));
export const GEOGRAPHY = `${SHARED_DATA}geography/`;
export const POSTCODES = `${SHARED_DATA}postcodes/`;

export interface WardFeature {
  properties: Record<string, string>;
  geometry: { type: string; coordinates: unknown };
}

export function readGeoJson(fileName: string): { type: string; features: WardFeature[] } {
  return JSON.parse(readFileSync(`${GEOGRAPHY}${fileName}`, 'utf8')) as { type: string; features: WardFeature[] };
}

/** The rows of an NSPL extract (no quoted fields), header first, from `.csv` or `.csv.gz`. */
export function readLookupRows(fileName: string): { header: string[]; rows: string[][] } {
  const raw = readFileSync(`${POSTCODES}${fileName}`);
  const text = fileName.endsWith('.gz') ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
  const [header = '', ...lines] = text.split(/\r?\n/).filter((line) => line.length > 0);
  return { header: header.split(','), rows: lines.map((line) => line.split(',')) };
}

/** Repositories on a table of their own. */
export async function freshRepositories() {
  const tableName = await createTestTable();
  const client = rawClient(dynamoEndpoint());
  return { client, tableName, repositories: createRepositories({ endpoint: dynamoEndpoint(), tables: { main: tableName } }) };
}

/** Every item in the table, in key order: compare two snapshots to prove nothing changed. */
export async function snapshot(client: DynamoDBDocumentClient, tableName: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  const key = (item: Record<string, unknown>) => `${String(item.pk)}\u0000${String(item.sk)}`;
  return items.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** Counts of `values`, by value. */
export function tally(values: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}
