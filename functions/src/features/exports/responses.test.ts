import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { StoredResponse } from '@wardpulse/data';
import { SurveyContentSchema, type SurveyContentInput, type SurveyVersion } from '@wardpulse/domain';
import { csvStream } from './csv.ts';
import { respondentSheets, type RespondentExportInput } from './responses.ts';
import { xlsxStream } from './xlsx.ts';

const URDU = 'پارک کے پاس گشت بڑھائیں';

const content = (questions: SurveyContentInput['questions']) => SurveyContentSchema.parse({ title: { en: 'Test survey' }, locales: ['en', 'ur'], questions });

const base = { id: 'area', type: 'location', required: true, title: { en: 'Where?' } } as const;
const v1Questions: SurveyContentInput['questions'] = [
  base,
  { id: 'intro_page', type: 'statement', title: { en: 'About you' } },
  { id: 'old_question', type: 'single', title: { en: 'Dropped in v2' }, options: [{ id: 'yes', label: { en: 'Yes' } }, { id: 'no', label: { en: 'No' } }] },
  { id: 'safer', type: 'multiple', title: { en: 'What would help?' }, options: [{ id: 'patrols', label: { en: 'Patrols' } }, { id: 'lighting', label: { en: 'Lighting' } }] },
];
const v2Questions: SurveyContentInput['questions'] = [
  base,
  { id: 'priorities', type: 'ranking', pick: 2, title: { en: 'Top 2' }, options: [{ id: 'asb', label: { en: 'ASB' } }, { id: 'drugs', label: { en: 'Drugs' } }, { id: 'roads', label: { en: 'Roads' } }] },
  { id: 'safe', type: 'likert', scale: 'safe4', dontKnow: true, title: { en: 'How safe?' } },
  { id: 'rating', type: 'scale10', dontKnow: true, title: { en: 'Rate us' }, minLabel: { en: 'Awful' }, maxLabel: { en: 'Great' } },
  { id: 'safer', type: 'multiple', title: { en: 'What would make you feel safer?' }, options: [{ id: 'patrols', label: { en: 'Patrols' } }, { id: 'cctv', label: { en: 'CCTV' } }] },
  { id: 'comments', type: 'text', title: { en: 'Anything else?' } },
  { id: 'age', type: 'demographic', field: 'ageBand', title: { en: 'Age' }, options: [{ id: 'age_16_24', label: { en: '16–24' } }, { id: 'prefer_not_to_say', label: { en: 'Prefer not to say' } }] },
];

const version = (n: number, questions: SurveyContentInput['questions']): SurveyVersion => ({
  surveyId: 'survey-1',
  version: n,
  kind: 'custom',
  seriesId: 'test-series',
  wave: 2,
  slug: 'test-survey',
  targeting: { scope: 'force' },
  content: content(questions),
  publishedAt: `2026-0${n}-01T09:00:00.000Z`,
  publishedBy: 'ada',
  boundaryVintage: '2025-05',
  retentionDays: 730,
});

const response = (id: string, n: number, answers: StoredResponse['answers'], extra: Partial<StoredResponse> = {}): StoredResponse => ({
  id,
  surveyId: 'survey-1',
  version: n,
  locale: 'en',
  answers,
  wardCode: 'E05001278',
  flags: [],
  submittedAt: '2026-06-30T23:30:00.000Z',
  bodyHash: 'x',
  shard: 0,
  ...extra,
});

const RESPONSES: StoredResponse[][] = [
  [response('r-old', 1, { area: { wardCode: 'E05001278', method: 'postcode' }, old_question: { optionId: 'yes' }, safer: { optionIds: ['lighting'] } }, { flags: ['outside-target'] })],
  [
    response('r-full', 2, {
      area: { wardCode: 'E05001278', method: 'chosen' },
      priorities: { ranking: ['drugs', 'asb'] },
      safe: { optionId: 'fairly_safe' },
      rating: { value: 7 },
      safer: { optionIds: ['cctv'] },
      comments: { text: `=HYPERLINK("x") call 07700900123 ${URDU}` },
      age: { optionId: 'prefer_not_to_say' },
    }, { locale: 'ur' }),
    response('r-sparse', 2, { safe: { optionId: 'dont_know' }, rating: { optionId: 'dont_know' } }, { wardCode: null }),
  ],
];

/** A stand-in for the analytics redactor: the writer's job is to apply whatever it is given. */
const redact = (text: string) => text.replace(/\b07\d{9}\b/g, '[phone]');

const input = (overrides: Partial<RespondentExportInput> = {}): RespondentExportInput => ({
  survey: { id: 'survey-1', slug: 'test-survey', seriesId: 'test-series', wave: 2 },
  versions: [version(1, v1Questions), version(2, v2Questions)],
  wards: new Map([['E05001278', { name: 'Abbey', districtCode: 'E08000028', districtName: 'Sandwell' }]]),
  pages: async function* () {
    for (const page of RESPONSES) yield page;
  },
  redact,
  generatedAt: '2026-07-01T10:00:00.000Z',
  ...overrides,
});

const HEADER = [
  'response_id',
  'survey_version',
  'submitted_date',
  'locale',
  'ward_code',
  'ward_name',
  'district_code',
  'district_name',
  'flags',
  'priorities__asb',
  'priorities__drugs',
  'priorities__roads',
  'safe',
  'safe__score',
  'rating',
  'rating__dont_know',
  'safer__patrols',
  'safer__cctv',
  'safer__lighting',
  'comments',
  'age',
  'old_question',
];

async function csvRecords(overrides: Partial<RespondentExportInput> = {}) {
  const [responses] = respondentSheets(input(overrides));
  return parse(Buffer.concat(await csvStream(responses!).toArray()), { bom: true }) as string[][];
}

describe('the respondent-level export', () => {
  it('has one header row of stable ids: the latest version’s questions first, options merged across versions, no location or statement columns', async () => {
    const [header] = await csvRecords();

    expect(header).toEqual(HEADER);
  });

  it('writes one row per response with codes, positions, scores and flags, and no postcode', async () => {
    const [, old, full, sparse] = await csvRecords();
    const row = (values: string[] | undefined) => Object.fromEntries(HEADER.map((column, i) => [column, values?.[i]]));

    expect(row(old)).toMatchObject({ response_id: 'r-old', survey_version: '1', flags: 'outside-target', old_question: 'yes', safer__lighting: '1', safer__patrols: '0', safer__cctv: '0', priorities__asb: '' });
    expect(row(full)).toMatchObject({
      response_id: 'r-full',
      survey_version: '2',
      // 23:30 UTC on 30 June is 00:30 on 1 July in the UK (BST).
      submitted_date: '2026-07-01',
      locale: 'ur',
      ward_code: 'E05001278',
      ward_name: 'Abbey',
      district_code: 'E08000028',
      district_name: 'Sandwell',
      flags: '',
      priorities__asb: '2',
      priorities__drugs: '1',
      priorities__roads: '',
      safe: 'fairly_safe',
      safe__score: '3',
      rating: '7',
      rating__dont_know: '0',
      safer__cctv: '1',
      age: 'prefer_not_to_say',
      old_question: '',
    });
    expect(row(sparse)).toMatchObject({ ward_code: '', ward_name: '', safe: 'dont_know', safe__score: '', rating: '', rating__dont_know: '1', safer__patrols: '', comments: '' });
    expect(JSON.stringify([old, full, sparse])).not.toMatch(/B66|postcode/i);
  });

  it('dates each response by the UK calendar, on both sides of each clock change and of midnight', async () => {
    const instants = [
      ['2026-03-29T00:59:59.999Z', '2026-03-29'], // GMT, just before the clocks go forward at 01:00 UTC
      ['2026-03-29T01:00:00.000Z', '2026-03-29'], // 02:00 BST
      ['2026-03-28T23:59:59.000Z', '2026-03-28'],
      ['2026-06-30T22:59:59.999Z', '2026-06-30'], // 23:59 BST
      ['2026-06-30T23:00:00.000Z', '2026-07-01'], // 00:00 BST
      ['2026-10-24T23:00:00.000Z', '2026-10-25'], // 00:00 BST
      ['2026-10-25T00:59:59.000Z', '2026-10-25'], // 01:59 BST, then the clocks go back
      ['2026-10-25T01:00:00.000Z', '2026-10-25'], // 01:00 GMT
      ['2026-12-31T23:59:59Z', '2026-12-31'], // no milliseconds
      ['2026-07-01T00:30:00+01:00', '2026-07-01'], // not UTC: worked out in full
    ] as const;
    const dated = instants.map(([at], i) => response(`r-${i}`, 2, {}, { submittedAt: at }));

    const [, ...rows] = await csvRecords({ pages: async function* () {
      yield dated;
    } });

    expect(rows.map((row) => row[HEADER.indexOf('submitted_date')])).toEqual(instants.map(([, date]) => date));
  });

  it('redacts free text when asked, and neutralises what looks like a formula', async () => {
    const [, , full] = await csvRecords();

    expect(full?.[HEADER.indexOf('comments')]).toBe(`'=HYPERLINK("x") call [phone] ${URDU}`);
  });

  it('keeps free text as written when redaction is turned off', async () => {
    const [, , full] = await csvRecords({ redact: undefined });

    expect(full?.[HEADER.indexOf('comments')]).toBe(`'=HYPERLINK("x") call 07700900123 ${URDU}`);
  });

  it('in XLSX, adds a Dictionary of every column and code and an About sheet, with text as text cells', async () => {
    const bytes = Buffer.concat(await xlsxStream(respondentSheets(input())).toArray());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);

    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(['Responses', 'Dictionary', 'About']);
    const responses = workbook.getWorksheet('Responses')!;
    expect((responses.getRow(1).values as unknown[]).slice(1)).toEqual(HEADER);
    const comment = responses.getRow(3).getCell(HEADER.indexOf('comments') + 1);
    expect(comment.type).toBe(ExcelJS.ValueType.String);
    expect(comment.value).toBe(`=HYPERLINK("x") call [phone] ${URDU}`);
    expect(responses.getRow(3).getCell(HEADER.indexOf('safe__score') + 1).value).toBe(3);

    const dictionary: unknown[][] = [];
    workbook.getWorksheet('Dictionary')!.eachRow((row) => dictionary.push((row.values as unknown[]).slice(1)));
    expect(dictionary[0]).toEqual(['column', 'question_id', 'question_type', 'question', 'option_id', 'option', 'coding']);
    expect(new Set(dictionary.slice(1).map((row) => row[0]))).toEqual(new Set(HEADER));
    expect(dictionary).toContainEqual(['safe', 'safe', 'likert', 'How safe?', 'dont_know', 'Don’t know', '"dont_know"']);
    expect(dictionary).toContainEqual(['safer__lighting', 'safer', 'multiple', 'What would make you feel safer?', 'lighting', 'Lighting', '1 = chosen, 0 = not chosen; empty if the question was not answered.']);

    const about = new Map<string, unknown>();
    workbook.getWorksheet('About')!.eachRow((row) => about.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(about.get('responses')).toBe(3);
    expect(about.get('survey_title')).toBe('Test survey');
    expect(about.get('version_1')).toBe('published 2026-01-01, ward boundaries 2025-05');
    expect(String(about.get('free_text'))).toMatch(/^Redacted/);
  });
});
