/**
 * Script and spreadsheet-formula injection: hostile text in every field staff and residents type
 * (survey title, question and option labels, free-text answers, message parts, replies) must come
 * out of every export as inert text, out of every e-mail escaped, and out of the JSON API verbatim.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactText, scoreSentiment } from '@wardpulse/analytics';
import type { Repositories } from '@wardpulse/data';
import { importBoundaries } from '@wardpulse/functions/geo-import';
import { submitResponse } from '@wardpulse/functions/surveys';
import { createTestApp, createTestTable } from '../support/api.ts';
import { fragmentParam, linkTo, readOutbox } from '../support/messaging.ts';
import { startTestIssuer, type TestIssuer } from '../support/test-issuer.ts';

const SANDWELL_WARDS = new URL('../../../shared/data/geography/wards_wd25_E08000028.geojson', import.meta.url);
const WEB_SRC = new URL('../../web/src', import.meta.url);
const ABBEY = 'E05001260';

const URDU = 'پارک کے پاس شام کو زیادہ گشت کریں';
/** Every payload, and a plain phrase that must come through untouched. */
const HOSTILE = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=1">',
  '"><svg onload=alert(1)>',
  'javascript:alert(1)',
  '=HYPERLINK("http://evil.example","x")',
  "+cmd|' /C calc'!A0",
  '-2+3',
  '@SUM(A1:A2)',
  '\t=1+1',
  '\r=1+1',
  URDU,
] as const;
/** One survey per payload, each payload in its title; the others rotate through its questions and options. */
const SURVEYS = HOSTILE.length;
/** Enough respondents in one ward for its figures (and quotes) to pass disclosure control. */
const RESPONSES = 12;

type Json = Record<string, unknown>;
interface Job {
  id: string;
  status: string;
}
interface Survey {
  id: string;
  slug: string;
  /** The hostile text as stored (survey text is trimmed, so a leading tab or CR goes). */
  title: string;
  labels: string[];
}

let issuer: TestIssuer;
let repositories: Repositories;
let app: ReturnType<typeof createTestApp>['app'];
let jobs: ReturnType<typeof createTestApp>['jobs'];
let outbox: ReturnType<typeof createTestApp>['outbox'];
let analyst: Record<string, string>;
let admin: Record<string, string>;
let officer: Record<string, string>;
const surveys: Survey[] = [];

const request = (method: string, path: string, body?: unknown, headers: Record<string, string> = analyst) =>
  app.request(path, { method, headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });

async function downloaded(surveyId: string, body: Json, as = analyst): Promise<Buffer> {
  const asked = await request('POST', `/api/staff/surveys/${surveyId}/exports`, body, as);
  expect(asked.status).toBe(202);
  const { job } = (await asked.json()) as { job: Job };
  await jobs.idle();
  const { job: done, download } = (await (await request('GET', `/api/staff/exports/${job.id}`, undefined, as)).json()) as { job: Job; download: { url: string } };
  expect(done.status).toBe('succeeded');
  const file = await request('GET', download.url, undefined, as);
  expect(file.status).toBe(200);
  return Buffer.from(await file.arrayBuffer());
}

/** A spreadsheet reads a cell starting with one of these as a formula (OWASP CSV injection), full-width forms included. */
const FORMULA_START = /^[=+\-@\t\r\n＝＋－＠]/u;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?(e-?\d+)?%?$/;

/** What csv-stringify's `escape_formulas` (and our line-feed rule) make of a text cell: a `'` in front of a risky start. */
const csvCell = (text: string) => (FORMULA_START.test(text) ? `'${text}` : text);

/** Asserts no CSV cell could run as a formula, and returns every cell. */
function inertCsv(bytes: Buffer): string[] {
  const cells = (parse(bytes, { bom: true, relax_column_count: true }) as string[][]).flat();
  const risky = cells.filter((cell) => FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell));
  expect(risky).toEqual([]);
  return cells;
}

/** Asserts no XLSX cell is a formula, and returns every text cell. */
async function inertXlsx(bytes: Buffer | ArrayBuffer): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as ArrayBuffer);
  const texts: string[] = [];
  const formulas: string[] = [];
  for (const sheet of workbook.worksheets) {
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.type === ExcelJS.ValueType.Formula || cell.formula) formulas.push(`${sheet.name}!${cell.address}`);
        if (typeof cell.value === 'string') texts.push(cell.value);
      }),
    );
  }
  expect(formulas).toEqual([]);
  return texts;
}

/** XML cannot carry a carriage return in text, so ExcelJS reads one back as a line feed (see exports/xlsx.ts). */
const xlsxText = (text: string) => text.replace(/\r/g, '\n');

/** Every string anywhere in a JSON value. */
function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsOf);
  return [];
}

const answers = (i: number) => ({
  area: { wardCode: ABBEY, method: 'postcode' as const },
  top_priorities: { ranking: ['drugs', 'asb', 'roads'] },
  safe_after_dark: { optionId: 'fairly_safe' },
  feel_safer: { optionIds: ['sense_of_community'] },
  good_job: { optionId: 'good' },
  anything_else: { text: HOSTILE[i % HOSTILE.length]! },
  age_band: { optionId: 'age_35_44' },
});

/** Replaces a survey's English text with hostile text, dropping its translations. */
function hostileContent(content: Json, s: number): { content: Json; labels: string[] } {
  const labels: string[] = [];
  let n = s;
  const next = () => {
    const text = HOSTILE[n++ % HOSTILE.length]!;
    labels.push(text.trim());
    return { en: text };
  };
  const questions = (content.questions as Json[]).map((question) => {
    const edited: Json = { ...question, title: next() };
    delete edited.help;
    if (Array.isArray(question.options)) edited.options = (question.options as Json[]).map((option) => ({ ...option, label: next() }));
    if (question.minLabel) Object.assign(edited, { minLabel: next(), maxLabel: next() });
    return edited;
  });
  const edited: Json = { ...content, title: { en: HOSTILE[s]! }, locales: ['en'], questions };
  for (const key of ['intro', 'thanks', 'translatedFrom']) delete edited[key];
  return { content: edited, labels };
}

beforeAll(async () => {
  issuer = await startTestIssuer();
  ({ app, repositories, jobs, outbox } = createTestApp({ issuer, tableName: await createTestTable() }));
  analyst = { authorization: `Bearer ${await issuer.token({ roles: ['analyst'], username: 'ana' })}` };
  admin = { authorization: `Bearer ${await issuer.token({ roles: ['admin'], username: 'ada' })}` };
  officer = { authorization: `Bearer ${await issuer.token({ roles: ['officer'], username: 'owen' })}` };
  await importBoundaries(repositories, readFileSync(SANDWELL_WARDS, 'utf8'), { source: 'wards_wd25_E08000028.geojson', actor: 'test' });

  for (let s = 0; s < SURVEYS; s++) {
    const slug = `injection-${s}`;
    const created = (await (await request('POST', '/api/staff/surveys', { template: 'priorities', slug }, officer)).json()) as { survey: { id: string; revision: number } };
    const read = (await (await request('GET', `/api/staff/surveys/${created.survey.id}`, undefined, officer)).json()) as { survey: { draft: Json; revision: number } };
    const { content, labels } = hostileContent(read.survey.draft, s);
    const saved = await request('PUT', `/api/staff/surveys/${created.survey.id}/draft`, { expectedRevision: read.survey.revision, content }, officer);
    expect(saved.status, await saved.clone().text()).toBe(200);
    const { survey } = (await saved.json()) as { survey: { revision: number } };
    const published = await request('POST', `/api/staff/surveys/${created.survey.id}/publish`, { expectedRevision: survey.revision }, officer);
    expect(published.status, await published.clone().text()).toBe(200);
    surveys.push({ id: created.survey.id, slug, title: HOSTILE[s]!.trim(), labels });
  }
  await Promise.all(
    surveys.flatMap((survey) =>
      Array.from({ length: RESPONSES }, (_, i) => submitResponse({ repositories, sentiment: scoreSentiment }, { id: randomUUID(), surveyId: survey.id, version: 1, locale: 'en', answers: answers(i) })),
    ),
  );
}, 120_000);
afterAll(async () => {
  await issuer.stop();
});

describe('survey exports', () => {
  it('writes responses CSV with every hostile text behind a quote mark, nothing a spreadsheet would run', async () => {
    for (const survey of surveys) {
      const cells = inertCsv(await downloaded(survey.id, { kind: 'responses', format: 'csv' }));

      for (const text of HOSTILE) expect(cells).toContain(csvCell(redactText(text)));
    }
  });

  it('writes responses XLSX with hostile text as text cells, never formulas, labels in the Dictionary', async () => {
    for (const survey of surveys) {
      const texts = await inertXlsx(await downloaded(survey.id, { kind: 'responses', format: 'xlsx', redactText: false }, admin));

      for (const text of HOSTILE) expect(texts).toContain(xlsxText(text));
      for (const label of [survey.title, ...survey.labels]) expect(texts).toContain(label);
    }
  });

  it('writes results CSV and XLSX with the hostile survey, question and option text inert', async () => {
    for (const survey of surveys) {
      const [csv, xlsx] = await Promise.all([downloaded(survey.id, { kind: 'results', format: 'csv', level: 'ward' }), downloaded(survey.id, { kind: 'results', format: 'xlsx', level: 'ward' })]);
      const cells = inertCsv(csv);
      const texts = await inertXlsx(xlsx);

      const shown = [survey.title, ...survey.labels.filter((label) => cells.includes(csvCell(label)))];
      expect(shown.length).toBeGreaterThan(5);
      for (const label of shown) {
        expect(cells).toContain(csvCell(label));
        expect(texts).toContain(label);
      }
    }
  });

  it('writes results GeoJSON with the hostile text exactly as JSON strings', async () => {
    for (const survey of surveys) {
      const bytes = await downloaded(survey.id, { kind: 'results', format: 'geojson', level: 'ward' });

      const strings = stringsOf(JSON.parse(bytes.toString('utf8')));
      const hostile = strings.filter((text) => HOSTILE.some((payload) => text.includes(payload.trim())));
      expect(hostile).toContain(survey.title);
      for (const text of hostile) expect([survey.title, ...survey.labels].some((label) => text.includes(label))).toBe(true);
    }
  });
});

describe('survey JSON answers', () => {
  it('serves the public survey with its hostile text verbatim', async () => {
    for (const survey of surveys) {
      const response = await request('GET', `/api/public/surveys/${survey.slug}`, undefined, {});

      expect(response.status).toBe(200);
      const strings = stringsOf(await response.json());
      for (const label of [survey.title, ...survey.labels]) expect(strings).toContain(label);
    }
  });

  it('serves free-text quotes as written (redacted and trimmed) as JSON strings', async () => {
    const response = await request('GET', `/api/staff/surveys/${surveys[0]!.id}/results/text?question=anything_else`);

    expect(response.status).toBe(200);
    const { quotes } = (await response.json()) as { quotes: string[] | null };
    expect(quotes?.length).toBeGreaterThan(0);
    // Quotes are trimmed, so the leading tab or CR of a payload goes; the rest is as written.
    for (const quote of quotes!) expect(HOSTILE.map((text) => redactText(text).trim())).toContain(quote);
  });
});

/** A message with one payload in every part an officer types; the next payloads in the link label and image alt. */
const hostileMessage = (m: number) => ({
  title: `${HOSTILE[m]!} ${m}`,
  concern: HOSTILE[m]!,
  action: HOSTILE[(m + 1) % HOSTILE.length]!,
  advice: HOSTILE[(m + 2) % HOSTILE.length]!,
  link: { url: 'https://example.org/advice', label: HOSTILE[(m + 3) % HOSTILE.length]! },
  image: { url: 'https://example.org/shed.jpg', alt: HOSTILE[(m + 4) % HOSTILE.length]! },
  targeting: { scope: { scope: 'wards', codes: [ABBEY] }, topics: [] },
});
const trimmed = (message: ReturnType<typeof hostileMessage>) => ({ title: message.title.trim(), concern: message.concern.trim(), action: message.action.trim(), advice: message.advice.trim() });

/** Control characters in a string, other than the line breaks and tabs a plain-text body may use when `allowBreaks`. */
const controlsIn = (text: string, allowBreaks: boolean) =>
  [...text].filter((char) => {
    const code = char.charCodeAt(0);
    return (code < 0x20 || code === 0x7f) && !(allowBreaks && (char === '\n' || char === '\r' || char === '\t'));
  });

/** No tag or handler from hostile text survives in HTML, and its text is there escaped. */
function inertHtml(html: string): void {
  expect(html).not.toMatch(/<script|<img src=x|<svg/i);
  // Inside a quoted attribute value (alt="…") hostile text is inert: its own quotes are escaped.
  expect(html.replace(/"[^"]*"/g, '""')).not.toMatch(/<[^>]*\son(error|load)\s*=/i);
  expect(html).not.toMatch(/href="javascript:/i);
}

describe('community messages', () => {
  const sent: { id: string; draft: ReturnType<typeof hostileMessage> }[] = [];

  beforeAll(async () => {
    const now = new Date().toISOString();
    await repositories.contacts.create({ id: randomUUID(), email: 'abbey.resident@example.org', wardCodes: [ABBEY], topics: ['burglary'], status: 'active', createdAt: now, confirmedAt: now });
    for (let m = 0; m < HOSTILE.length; m++) {
      const draft = hostileMessage(m);
      const created = await request('POST', '/api/staff/messages', draft, officer);
      expect(created.status, await created.clone().text()).toBe(201);
      const { message } = (await created.json()) as { message: { id: string } };
      sent.push({ id: message.id, draft });
    }
  });

  it('previews the e-mail with every hostile part escaped', async () => {
    for (const { id } of sent) {
      const preview = (await (await request('GET', `/api/staff/messages/${id}/preview`)).json()) as { html: string; text: string };

      inertHtml(preview.html);
      expect(controlsIn(preview.text, true)).toEqual([]);
    }
  });

  it('sends e-mail whose HTML escapes hostile text and whose subject and text carry no control characters', async () => {
    for (const { id } of sent) expect((await request('POST', `/api/staff/messages/${id}/send`, {}, officer)).status).toBe(202);
    await jobs.idle();

    const mails = await readOutbox(outbox);
    expect(mails).toHaveLength(sent.length);
    for (const mail of mails) {
      inertHtml(mail.html);
      expect(controlsIn(mail.subject, false)).toEqual([]);
      expect(controlsIn(mail.text, true)).toEqual([]);
    }
    const html = mails.map((mail) => mail.html).join('\n');
    expect(html).toContain('&lt;script&gt;window.__xss=1&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=&quot;window.__xss=1&quot;&gt;');
    expect(html).toContain('&quot;&gt;&lt;svg onload=alert(1)&gt;');
    expect(html).toContain(URDU);
  });

  it('serves the public message with every part verbatim (trimmed) as JSON strings', async () => {
    for (const { id, draft } of sent) {
      const response = await request('GET', `/api/public/messages/${id}`, undefined, {});

      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject(trimmed(draft));
    }
  });

  it('stores hostile replies as written and gives them back verbatim to staff', async () => {
    const { id } = sent[0]!;
    const token = fragmentParam(linkTo((await readOutbox(outbox)).find((mail) => mail.subject === sent[0]!.draft.title.trim())!, `/m/${id}`), 'r')!;
    const replies = HOSTILE.map((text, i) => ({ id: randomUUID(), text, ...(i === 0 ? { recipientToken: token } : { deviceId: randomUUID() }) }));
    for (const reply of replies) expect((await request('POST', `/api/public/messages/${id}/reply`, reply, {})).status).toBe(201);

    const staff = (await (await request('GET', `/api/staff/messages/${id}/replies`)).json()) as { replies: { text: string }[] };
    expect(staff.replies.map((reply) => reply.text).sort()).toEqual(HOSTILE.map((text) => text.trim()).sort());
  });

  it('exports message KPIs as CSV and XLSX with nothing a spreadsheet would run', async () => {
    for (const level of ['ward', 'district', 'force']) {
      const csv = await request('GET', `/api/staff/messages/kpis/export?format=csv&level=${level}`);
      const xlsx = await request('GET', `/api/staff/messages/kpis/export?format=xlsx&level=${level}`);

      expect(csv.status).toBe(200);
      expect(inertCsv(Buffer.from(await csv.arrayBuffer())).length).toBeGreaterThan(0);
      expect(xlsx.status).toBe(200);
      expect((await inertXlsx(await xlsx.arrayBuffer())).length).toBeGreaterThan(0);
    }
  });
});

describe('the web app', () => {
  it('never renders raw HTML (React text nodes escape everything)', () => {
    const files = (dir: string): string[] => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));
    const sources = files(WEB_SRC.pathname).filter((file) => /\.[jt]sx?$/.test(file));

    expect(sources.length).toBeGreaterThan(10);
    expect(sources.filter((file) => /dangerouslySetInnerHTML|\.innerHTML\s*=|insertAdjacentHTML/.test(readFileSync(file, 'utf8')))).toEqual([]);
  });
});
