import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  AreaSchema,
  BoundarySetSchema,
  DistrictSchema,
  PostcodeLocationSchema,
  WardSchema,
  type Area,
  type AreaKind,
  type BoundarySet,
  type District,
  type PostcodeLocation,
  type Ward,
  type WardCandidate,
} from '@wardpulse/domain';
import { batchDelete, batchPut } from '../batch.ts';
import { isConditionalFailure } from '../conditions.ts';
import { ENTITY, keys } from '../keys.ts';
import { auditItem } from './audit.ts';

/** Where the example postcode is kept, beside the live-vintage pointer. */
const EXAMPLE_POSTCODE_KEY = { pk: 'GEO', sk: 'EXAMPLE_POSTCODE' };

/** DynamoDB items are at most 400 KB; map layers are split into chunks below that. */
const MAP_CHUNK_CHARS = 300_000;

export interface PostcodeRecord {
  postcode: string;
  wardCode: string;
  districtCode?: string;
  lookupVintage: string;
  terminated: boolean;
}

export interface CandidateRecord {
  partial: string;
  wardCode: string;
  postcodes: number;
}

export interface GeographyRepository {
  currentVintage(): Promise<string | null>;
  listBoundarySets(): Promise<BoundarySet[]>;
  getBoundarySet(vintage: string): Promise<BoundarySet | null>;
  /**
   * Stores a whole, already-validated boundary set: districts, wards and the simplified map,
   * then (in one transaction) the set's record, the live-vintage pointer and an audit entry.
   */
  saveBoundaries(input: { set: BoundarySet; districts: District[]; wards: Ward[]; map: string; makeCurrent: boolean }): Promise<void>;
  listDistricts(vintage: string): Promise<District[]>;
  listWards(vintage: string, districtCode?: string): Promise<Ward[]>;
  /** The ward with this code in this vintage (or in the live one). */
  getWard(code: string, vintage?: string): Promise<Ward | null>;
  /** The simplified map layer (TopoJSON text) of a vintage. */
  getMap(vintage: string): Promise<string | null>;

  putPostcodes(records: readonly PostcodeRecord[], wardsByCode: ReadonlyMap<string, Ward>): Promise<void>;
  putCandidates(records: readonly CandidateRecord[]): Promise<void>;
  getPostcode(postcode: string): Promise<PostcodeLocation | null>;
  /** A live postcode of the newest imported lookup, in the force's wards: the example residents are shown. */
  examplePostcode(): Promise<string | null>;
  getCandidates(partial: string): Promise<WardCandidate[]>;

  saveAreas(vintage: string, kind: AreaKind, areas: readonly Area[], actor: string): Promise<void>;
  listAreas(vintage: string, kind?: AreaKind): Promise<Area[]>;
}

export function createGeographyRepository(client: DynamoDBDocumentClient, tableName: string): GeographyRepository {
  const queryAll = async (pk: string, skPrefix: string, index?: { name: string; pkName: string }) => {
    const items: Record<string, unknown>[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const result = await client.send(
        new QueryCommand({
          TableName: tableName,
          ...(index
            ? { IndexName: index.name, KeyConditionExpression: `${index.pkName} = :pk`, ExpressionAttributeValues: { ':pk': pk } }
            : { KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)', ExpressionAttributeValues: { ':pk': pk, ':sk': skPrefix } }),
          ExclusiveStartKey,
        }),
      );
      items.push(...(result.Items ?? []));
      ExclusiveStartKey = result.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return items;
  };

  const repository: GeographyRepository = {
    async currentVintage() {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keys.currentVintage() }));
      return typeof Item?.vintage === 'string' ? Item.vintage : null;
    },

    async listBoundarySets() {
      const { pk, skPrefix } = keys.boundarySetPrefix();
      return (await queryAll(pk, skPrefix)).map((item) => BoundarySetSchema.parse(item));
    },

    async getBoundarySet(vintage) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keys.boundarySet(vintage) }));
      return Item ? BoundarySetSchema.parse(Item) : null;
    },

    async saveBoundaries({ set, districts, wards, map, makeCurrent }) {
      const chunks: string[] = [];
      for (let i = 0; i < map.length; i += MAP_CHUNK_CHARS) chunks.push(map.slice(i, i + MAP_CHUNK_CHARS));
      const items = [
        ...districts.map((d) => ({ ...keys.district(d.vintage, d.code), entity: ENTITY.district, ...d })),
        ...wards.map((w) => ({ ...keys.ward(w.vintage, w.districtCode, w.code), ...keys.wardByCode(w.code), gsi1sk: w.vintage, entity: ENTITY.ward, ...w })),
        ...chunks.map((text, index) => ({ ...keys.mapChunk(set.vintage, index), entity: ENTITY.mapChunk, index, count: chunks.length, text })),
      ];
      // A vintage's boundary set is exactly the last file imported for it: anything of an
      // earlier import of the same vintage that is not in this one goes (e.g. the demo wards).
      const partition = keys.vintagePartition(set.vintage);
      const fresh = new Set(items.map((item) => item.sk));
      const stale = (await Promise.all(['WARD#', 'DISTRICT#', 'MAP#'].map((prefix) => queryAll(partition, prefix)))).flat().filter((item) => !fresh.has(String(item.sk)));
      await batchPut(client, tableName, items);
      await batchDelete(client, tableName, stale.map((item) => ({ pk: String(item.pk), sk: String(item.sk) })));
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: tableName, Item: { ...keys.boundarySet(set.vintage), entity: ENTITY.boundarySet, ...set, mapChunks: chunks.length } } },
            ...(makeCurrent ? [{ Put: { TableName: tableName, Item: { ...keys.currentVintage(), entity: ENTITY.currentVintage, vintage: set.vintage } } }] : []),
            {
              Put: {
                TableName: tableName,
                Item: auditItem({ at: set.importedAt, actor: set.importedBy, action: 'geography.boundaries_imported', detail: { vintage: set.vintage, wards: set.wardCount, districts: set.districtCount, source: set.source } }),
              },
            },
          ],
        }),
      );
    },

    async listDistricts(vintage) {
      return (await queryAll(keys.vintagePartition(vintage), 'DISTRICT#')).map((item) => DistrictSchema.parse(item)).sort((a, b) => a.name.localeCompare(b.name));
    },

    async listWards(vintage, districtCode) {
      const items = await queryAll(keys.vintagePartition(vintage), districtCode ? `WARD#${districtCode}#` : 'WARD#');
      return items.map((item) => WardSchema.parse(item)).sort((a, b) => a.districtName.localeCompare(b.districtName) || a.name.localeCompare(b.name));
    },

    async getWard(code, vintage) {
      const wanted = vintage ?? (await repository.currentVintage());
      const items = await queryAll(keys.wardByCode(code).gsi1pk, '', { name: 'gsi1', pkName: 'gsi1pk' });
      const wards = items.map((item) => WardSchema.parse(item));
      return wards.find((ward) => ward.vintage === wanted) ?? (vintage ? null : (wards.at(-1) ?? null));
    },

    async getMap(vintage) {
      const items = await queryAll(keys.vintagePartition(vintage), 'MAP#');
      if (items.length === 0) return null;
      return items
        .sort((a, b) => Number(a.index) - Number(b.index))
        .map((item) => String(item.text))
        .join('');
    },

    async putPostcodes(records, wardsByCode) {
      await batchPut(
        client,
        tableName,
        records.map((record) => {
          const ward = wardsByCode.get(record.wardCode);
          const location: PostcodeLocation = {
            postcode: record.postcode,
            wardCode: record.wardCode,
            lookupVintage: record.lookupVintage,
            terminated: record.terminated,
            inBoundaryVintage: ward !== undefined,
            ...(ward ? { wardName: ward.name, districtCode: ward.districtCode, districtName: ward.districtName, vintage: ward.vintage } : {}),
            ...(!ward && record.districtCode ? { districtCode: record.districtCode } : {}),
          };
          return { ...keys.postcode(record.postcode), entity: ENTITY.postcode, ...location };
        }),
        8,
      );
      // The first batch of the newest lookup names the example; later batches keep it.
      const example = records.find((record) => !record.terminated && wardsByCode.has(record.wardCode));
      if (example) {
        try {
          await client.send(
            new PutCommand({
              TableName: tableName,
              Item: { ...EXAMPLE_POSTCODE_KEY, entity: ENTITY.postcode, postcode: example.postcode, lookupVintage: example.lookupVintage },
              ConditionExpression: 'attribute_not_exists(pk) OR lookupVintage < :vintage',
              ExpressionAttributeValues: { ':vintage': example.lookupVintage },
            }),
          );
        } catch (error) {
          if (!isConditionalFailure(error)) throw error;
        }
      }
    },

    async putCandidates(records) {
      await batchPut(
        client,
        tableName,
        records.map((record) => ({ ...keys.postcodeCandidate(record.partial, record.wardCode), entity: ENTITY.postcodeCandidate, ...record })),
      );
    },

    async getPostcode(postcode) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keys.postcode(postcode) }));
      return Item ? PostcodeLocationSchema.parse(Item) : null;
    },

    async examplePostcode() {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: EXAMPLE_POSTCODE_KEY }));
      return typeof Item?.postcode === 'string' ? Item.postcode : null;
    },

    async getCandidates(partial) {
      const items = await queryAll(keys.postcodeCandidates(partial), 'WARD#');
      const total = items.reduce((sum, item) => sum + Number(item.postcodes), 0);
      const vintage = await repository.currentVintage();
      const candidates = await Promise.all(
        items.map(async (item) => {
          const ward = await repository.getWard(String(item.wardCode), vintage ?? undefined);
          return {
            wardCode: String(item.wardCode),
            ...(ward ? { wardName: ward.name, districtName: ward.districtName } : {}),
            postcodes: Number(item.postcodes),
            share: total > 0 ? Number(item.postcodes) / total : 0,
          };
        }),
      );
      return candidates.sort((a, b) => b.postcodes - a.postcodes);
    },

    async saveAreas(vintage, kind, areas, actor) {
      const existing = await repository.listAreas(vintage, kind);
      const keep = new Set(areas.map((area) => area.id));
      const now = new Date().toISOString();
      // Replace the whole set for this kind: removed areas go, in the same transaction batches.
      const removals = existing.filter((area) => !keep.has(area.id)).map((area) => ({ Delete: { TableName: tableName, Key: keys.area(vintage, kind, area.id) } }));
      const puts = areas.map((area) => ({ Put: { TableName: tableName, Item: { ...keys.area(vintage, kind, area.id), entity: ENTITY.area, ...area } } }));
      const audit = { Put: { TableName: tableName, Item: auditItem({ at: now, actor, action: 'geography.areas_imported', detail: { vintage, kind, areas: areas.length } }) } };
      const operations = [...removals, ...puts];
      // TransactWriteItems takes 100 operations; Impact Areas and NPTs number in the tens.
      if (operations.length > 99) {
        await batchPut(client, tableName, puts.map((p) => p.Put.Item));
        for (const removal of removals) await client.send(new TransactWriteCommand({ TransactItems: [removal] }));
        await client.send(new PutCommand(audit.Put));
        return;
      }
      await client.send(new TransactWriteCommand({ TransactItems: [...operations, audit] }));
    },

    async listAreas(vintage, kind) {
      const items = await queryAll(keys.vintagePartition(vintage), kind ? `AREA#${kind}#` : 'AREA#');
      return items.map((item) => AreaSchema.parse(item)).sort((a, b) => a.name.localeCompare(b.name));
    },
  };
  return repository;
}
