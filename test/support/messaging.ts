/**
 * Helpers for the sign-up and send-job tests: a small test force (four wards, two districts, an
 * Impact Area, a few postcodes) imported through the real importers, a message fixture, and
 * readers for the outbox the test app writes e-mails to.
 */
import { randomUUID } from 'node:crypto';
import { QueryCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Repositories } from '@wardpulse/data';
import type { Message, MessageTargeting } from '@wardpulse/domain';
import { areaId, importAreas, importBoundaries, importPostcodes } from '@wardpulse/functions/geo-import';
import type { OutboxMailSender } from '@wardpulse/functions/messages/delivery';
import { Readable } from 'node:stream';

export const DISTRICTS = { north: 'E08900011', south: 'E08900012' } as const;
export const WARDS = { abbey: 'E05900101', brook: 'E05900102', castle: 'E05900103', dale: 'E05900104' } as const;
/** Abbey and Brook are in the north district and the Impact Area; Castle and Dale in the south. */
export const AREA_ID = areaId('North Impact Area (test)');
export const POSTCODES = { abbey: 'ZZ1 1AA', castle: 'ZZ2 1AA', terminated: 'ZZ1 1AB' } as const;

/** The test force, through the same importers as a real one. */
export async function seedMessagingGeography(repositories: Repositories): Promise<void> {
  const wards = [
    { code: WARDS.abbey, name: 'Abbey (test)', district: DISTRICTS.north, districtName: 'Northvale (test)' },
    { code: WARDS.brook, name: 'Brook (test)', district: DISTRICTS.north, districtName: 'Northvale (test)' },
    { code: WARDS.castle, name: 'Castle (test)', district: DISTRICTS.south, districtName: 'Southmere (test)' },
    { code: WARDS.dale, name: 'Dale (test)', district: DISTRICTS.south, districtName: 'Southmere (test)' },
  ];
  const features = wards.map((ward, index) => {
    const [x, y] = [-2.2 + index * 0.03, 52.9];
    return {
      type: 'Feature',
      properties: { WD25CD: ward.code, WD25NM: ward.name, LAD25CD: ward.district, LAD25NM: ward.districtName },
      geometry: { type: 'Polygon', coordinates: [[[x, y], [x + 0.03, y], [x + 0.03, y - 0.03], [x, y - 0.03], [x, y]]] },
    };
  });
  const actor = 'messaging-test';
  await importBoundaries(repositories, JSON.stringify({ type: 'FeatureCollection', features }), { vintage: '2025-05', source: 'messaging test wards', actor });
  const postcodes = ['pcds,lad_code,ward_code,doterm', `${POSTCODES.abbey},${DISTRICTS.north},${WARDS.abbey},`, `${POSTCODES.castle},${DISTRICTS.south},${WARDS.castle},`, `${POSTCODES.terminated},${DISTRICTS.north},${WARDS.abbey},202001`];
  await importPostcodes({ repositories, open: () => Readable.from([`${postcodes.join('\n')}\n`]), fileName: 'test-postcodes.csv', options: { lookupVintage: '2025-05', postcodeColumns: { postcode: 'pcds', ward: 'ward_code', district: 'lad_code', terminated: 'doterm' } }, actor });
  await importAreas(repositories, `area_name,ward_code\nNorth Impact Area (test),${WARDS.abbey}\nNorth Impact Area (test),${WARDS.brook}\n`, { kind: 'impact-area', actor });
}

/** A message as the composer stores it, ready for the send job (`sending`, as "send now" leaves it). */
export function messageFixture(targeting: MessageTargeting, overrides: Partial<Message> = {}): Message {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    title: 'Burglaries in Abbey: lock up & <check> your sheds',
    concern: 'Three sheds were broken into on Mill Lane this week.\n\nTools and bikes were taken.',
    action: 'Officers are patrolling at night and checking second-hand shops.',
    advice: 'Lock sheds and gates. Mark your tools. Report anything odd on 101.',
    status: 'sending',
    targeting,
    readability: { fleschReadingEase: 78, fleschKincaidGrade: 5.2, score: 8.4, words: 40, sentences: 6, longSentences: 0, passiveVoice: 0, jargon: 0 },
    createdBy: 'sub-officer',
    createdAt: now,
    updatedAt: now,
    revision: 1,
    ...overrides,
  };
}

export interface ReadMail {
  file: string;
  to: string;
  subject: string;
  headers: Record<string, string>;
  text: string;
  html: string;
}

/** Every e-mail in the outbox, oldest first, parsed back from its `.eml` file. */
export async function readOutbox(outbox: OutboxMailSender): Promise<ReadMail[]> {
  const mails = await Promise.all((await outbox.files()).map((file) => outbox.read(file)));
  return mails.filter((mail): mail is NonNullable<typeof mail> => mail !== null);
}

/** The first link in a mail's text body that goes to `path`. */
export function linkTo(mail: Pick<ReadMail, 'text'>, path: string): URL {
  const found = [...mail.text.matchAll(/https?:\/\/\S+/g)].map((match) => new URL(match[0])).find((url) => url.pathname === path);
  if (!found) throw new Error(`no link to ${path} in:\n${mail.text}`);
  return found;
}

/** A parameter of an e-mail link's fragment (`#token=…`, `#r=…&rate=4`), where links carry tokens so no server logs them. */
export const fragmentParam = (url: URL, name: string) => new URLSearchParams(url.hash.replace(/^#/, '')).get(name);

/** The `token` of the first link to `path` (from its fragment). */
export const tokenTo = (mail: Pick<ReadMail, 'text'>, path: string) => fragmentParam(linkTo(mail, path), 'token') ?? '';

/** Every item of a table (for "nothing was stored" and "no address is left" checks). */
export async function scanTable(client: DynamoDBDocumentClient, tableName: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

/** `recipients` of each ward in a message's engagement aggregates, read raw from the main table (`MSGAGG#<id>`). */
export async function recipientsByWard(client: DynamoDBDocumentClient, tableName: string, messageId: string): Promise<Record<string, number>> {
  const { Items = [] } = await client.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `MSGAGG#${messageId}` } }));
  return Object.fromEntries(Items.filter((item) => typeof item.recipients === 'number' && item.recipients !== 0).map((item) => [String(item.sk).slice('WARD#'.length), Number(item.recipients)]));
}
