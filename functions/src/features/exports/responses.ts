/**
 * The respondent-level export: one row per response, one header row of stable column ids (a
 * question id, or `<question>__<option>` where a question spreads over several columns), then a
 * Dictionary (what each column and code means) and an About sheet in the XLSX. Responses are
 * read in batches and written as they arrive, in the order given (the export job gives arrival
 * order), so memory does not grow with the survey.
 */
import type { StoredResponse } from '@wardpulse/data';
import { DONT_KNOW, DONT_KNOW_LABEL, SCALES, type Answer, type Question, type Survey, type SurveyVersion } from '@wardpulse/domain';
import type { Cell, Sheet } from './table.ts';

export interface WardName {
  name: string;
  districtCode: string;
  districtName: string;
}

export interface RespondentExportInput {
  survey: Pick<Survey, 'id' | 'slug' | 'seriesId' | 'wave'>;
  /** Every published version, oldest first. */
  versions: readonly SurveyVersion[];
  /** Ward names by code, across the versions' boundary vintages. */
  wards: ReadonlyMap<string, WardName>;
  /** Responses in batches (every version), in the order the rows should have. */
  pages: () => AsyncIterable<readonly StoredResponse[]>;
  /** Applied to every free-text answer when redaction was asked for. */
  redact?: ((text: string) => string) | undefined;
  generatedAt: string;
}

export const DICTIONARY_COLUMNS = ['column', 'question_id', 'question_type', 'question', 'option_id', 'option', 'coding'] as const;

interface DictionaryRow {
  column: string;
  questionId: string | null;
  questionType: string | null;
  question: string | null;
  optionId: string | null;
  option: string | null;
  coding: string;
}

interface Column {
  id: string;
  read: (response: StoredResponse) => Cell;
  dictionary: DictionaryRow[];
}

const ukDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
/** `2026-06-30T23:30:00.000Z`: a UTC instant as `toISOString` writes it. */
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;

/**
 * The calendar date in the UK on which a response arrived. The UK's offset is a whole hour and
 * changes only on the hour, so every instant of one UTC hour has the same UK date: it is worked
 * out once per hour (responses come in arrival order, so nearly always the last one's), not
 * once per response, which Intl makes costly.
 */
function ukDates(): (submittedAt: string) => string {
  let hour = '';
  let date = '';
  return (submittedAt) => {
    if (!ISO_UTC.test(submittedAt)) return ukDate.format(new Date(submittedAt));
    const thisHour = submittedAt.slice(0, 13);
    if (thisHour !== hour) {
      hour = thisHour;
      date = ukDate.format(new Date(submittedAt));
    }
    return date;
  };
}

interface OptionInfo {
  id: string;
  label: string;
  score?: number;
}

/**
 * Questions across versions, by stable id: the latest version's wording and order first, then
 * questions only older versions asked. Options are merged the same way, so an option dropped in
 * a later version keeps its column and older answers stay readable.
 */
function mergeQuestions(versions: readonly SurveyVersion[]): { question: Question; options: OptionInfo[]; dontKnow: boolean }[] {
  const merged = new Map<string, { question: Question; options: Map<string, OptionInfo>; dontKnow: boolean }>();
  for (const version of [...versions].reverse()) {
    for (const question of version.content.questions) {
      const entry = merged.get(question.id) ?? { question, options: new Map<string, OptionInfo>(), dontKnow: false };
      for (const option of optionsOf(question)) if (!entry.options.has(option.id)) entry.options.set(option.id, option);
      entry.dontKnow ||= 'dontKnow' in question && question.dontKnow === true;
      merged.set(question.id, entry);
    }
  }
  return [...merged.values()].map((entry) => ({ question: entry.question, options: [...entry.options.values()], dontKnow: entry.dontKnow }));
}

function optionsOf(question: Question): OptionInfo[] {
  if (question.type === 'likert') return SCALES[question.scale].map((point) => ({ id: point.id, label: point.label.en, score: point.score }));
  if ('options' in question) return question.options.map((option) => ({ id: option.id, label: option.label.en }));
  return [];
}

const choice = (answer: Answer | undefined) => (answer && 'optionId' in answer ? answer.optionId : null);
const chosen = (answer: Answer | undefined) => (answer && 'optionIds' in answer && answer.optionIds.length > 0 ? answer.optionIds : null);
const ranked = (answer: Answer | undefined) => (answer && 'ranking' in answer && answer.ranking.length > 0 ? answer.ranking : null);

function questionColumns(merged: ReturnType<typeof mergeQuestions>[number], redact: RespondentExportInput['redact']): Column[] {
  const { question, options, dontKnow } = merged;
  const q = question.id;
  const base = { questionId: q, questionType: question.type, question: question.title.en };
  const codes = (column: string, coding: string): DictionaryRow[] => [
    { ...base, column, optionId: null, option: null, coding },
    ...[...options, ...(dontKnow && !options.some((o) => o.id === DONT_KNOW) ? [{ id: DONT_KNOW, label: DONT_KNOW_LABEL.en }] : [])].map((option) => ({
      ...base,
      column,
      optionId: option.id,
      option: option.label,
      coding: `"${option.id}"`,
    })),
  ];
  switch (question.type) {
    case 'single':
    case 'demographic':
      return [{ id: q, read: (r) => choice(r.answers[q]), dictionary: codes(q, 'The option id chosen; empty if not answered.') }];
    case 'likert': {
      const scores = new Map(options.map((option) => [option.id, option.score ?? null]));
      return [
        { id: q, read: (r) => choice(r.answers[q]), dictionary: codes(q, 'The scale point chosen; empty if not answered.') },
        {
          id: `${q}__score`,
          read: (r) => scores.get(choice(r.answers[q]) ?? '') ?? null,
          dictionary: [{ ...base, column: `${q}__score`, optionId: null, option: null, coding: `Score of the point chosen (${options.map((o) => `${o.score} = ${o.label}`).join(', ')}); empty for "Don’t know" or not answered.` }],
        },
      ];
    }
    case 'scale10':
      return [
        {
          id: q,
          read: (r) => {
            const answer = r.answers[q];
            return answer && 'value' in answer ? answer.value : null;
          },
          dictionary: [{ ...base, column: q, optionId: null, option: null, coding: `0 (${question.minLabel.en}) to 10 (${question.maxLabel.en}); empty if not answered${dontKnow ? ' or "Don’t know"' : ''}.` }],
        },
        ...(dontKnow
          ? [
              {
                id: `${q}__dont_know`,
                read: (r: StoredResponse) => {
                  const answer = r.answers[q];
                  return answer ? (choice(answer) === DONT_KNOW ? 1 : 0) : null;
                },
                dictionary: [{ ...base, column: `${q}__dont_know`, optionId: DONT_KNOW, option: DONT_KNOW_LABEL.en, coding: '1 = answered "Don’t know", 0 = gave a number; empty if not answered.' }],
              },
            ]
          : []),
      ];
    case 'multiple':
      return options.map((option) => ({
        id: `${q}__${option.id}`,
        read: (r) => {
          const ids = chosen(r.answers[q]);
          return ids ? (ids.includes(option.id) ? 1 : 0) : null;
        },
        dictionary: [{ ...base, column: `${q}__${option.id}`, optionId: option.id, option: option.label, coding: '1 = chosen, 0 = not chosen; empty if the question was not answered.' }],
      }));
    case 'ranking':
      return options.map((option) => ({
        id: `${q}__${option.id}`,
        read: (r) => {
          const position = ranked(r.answers[q])?.indexOf(option.id) ?? -1;
          return position >= 0 ? position + 1 : null;
        },
        dictionary: [{ ...base, column: `${q}__${option.id}`, optionId: option.id, option: option.label, coding: `Position given (1 = first, up to ${question.pick}); empty if not ranked or not answered.` }],
      }));
    case 'text':
      return [
        {
          id: q,
          read: (r) => {
            const answer = r.answers[q];
            if (!answer || !('text' in answer) || answer.text.trim() === '') return null;
            return redact ? redact(answer.text) : answer.text;
          },
          dictionary: [{ ...base, column: q, optionId: null, option: null, coding: redact ? 'Free text, with personal details replaced by [redacted] markers; empty if not answered.' : 'Free text as written (not redacted); empty if not answered.' }],
        },
      ];
    case 'location':
    case 'statement':
      // The ward is in the ward columns; a statement has nothing to answer.
      return [];
  }
}

function fixedColumns(wards: RespondentExportInput['wards']): Column[] {
  const ward = (r: StoredResponse) => (r.wardCode ? wards.get(r.wardCode) : undefined);
  const ukDateOf = ukDates();
  const plain = (id: string, coding: string, read: Column['read']): Column => ({ id, read, dictionary: [{ column: id, questionId: null, questionType: null, question: null, optionId: null, option: null, coding }] });
  return [
    plain('response_id', 'The response’s id (made on the resident’s device; stable across exports).', (r) => r.id),
    plain('survey_version', 'The published version of the questionnaire answered.', (r) => r.version),
    plain('submitted_date', 'UK calendar date (Europe/London) the response arrived, YYYY-MM-DD. Times are left out on purpose.', (r) => ukDateOf(r.submittedAt)),
    plain('locale', 'Language the survey was answered in (en, ur, pl, pa, cy).', (r) => r.locale),
    plain('ward_code', 'ONS ward code from the resident’s postcode or choice; empty if no location was given. Postcodes are never stored.', (r) => r.wardCode),
    plain('ward_name', 'Ward name in the boundary vintage of the version answered.', (r) => ward(r)?.name ?? null),
    plain('district_code', 'ONS code of the ward’s local authority district.', (r) => ward(r)?.districtCode ?? null),
    plain('district_name', 'Name of the ward’s local authority district.', (r) => ward(r)?.districtName ?? null),
    plain('flags', 'Kept but flagged, separated by ";": outside-target (a ward the survey was not aimed at), bot (caught by the honeypot). Empty if none.', (r) => (r.flags.length > 0 ? r.flags.join(';') : null)),
  ];
}

/** Every column of the export, in order. */
export function respondentColumns(input: Pick<RespondentExportInput, 'versions' | 'wards' | 'redact'>): Column[] {
  return [...fixedColumns(input.wards), ...mergeQuestions(input.versions).flatMap((merged) => questionColumns(merged, input.redact))];
}

/**
 * The export's sheets: Responses (streamed), then Dictionary and About. CSV writes only the
 * first; XLSX writes all three.
 */
export function respondentSheets(input: RespondentExportInput): Sheet[] {
  const columns = respondentColumns(input);
  const written = { rows: 0 };
  const latest = input.versions.at(-1);
  const reads = columns.map((column) => column.read);
  // One row array, filled afresh for each response: writers use a row before asking for the next.
  async function* rows(): AsyncGenerator<Cell[]> {
    const row = new Array<Cell>(reads.length).fill(null);
    for await (const page of input.pages()) {
      for (const response of page) {
        for (let i = 0; i < reads.length; i++) row[i] = reads[i]!(response);
        written.rows += 1;
        yield row;
      }
    }
  }
  function* dictionary(): Generator<Cell[]> {
    for (const column of columns) {
      for (const row of column.dictionary) yield [row.column, row.questionId, row.questionType, row.question, row.optionId, row.option, row.coding];
    }
  }
  function* about(): Generator<Cell[]> {
    yield ['survey_id', input.survey.id];
    yield ['survey_title', latest?.content.title.en ?? null];
    yield ['survey_link_name', input.survey.slug];
    yield ['series', input.survey.seriesId];
    yield ['wave', input.survey.wave];
    for (const version of input.versions) {
      yield [`version_${version.version}`, `published ${version.publishedAt.slice(0, 10)}, ward boundaries ${version.boundaryVintage ?? 'none'}`];
    }
    yield ['responses', written.rows];
    yield ['generated_at', input.generatedAt];
    yield ['free_text', input.redact ? 'Redacted: names, contact details and similar were replaced before export.' : 'NOT redacted: free text is exactly as residents wrote it.'];
    yield ['handling', 'Respondent-level data for authorised analysis only. Do not publish it: publish the results export, which withholds small counts.'];
    yield ['layout', 'One header row of stable column ids (a question id, or question__option). The Dictionary sheet explains each column and code. The CSV export has the same columns.'];
  }
  return [
    { name: 'Responses', columns: columns.map((column) => column.id), rows },
    { name: 'Dictionary', columns: DICTIONARY_COLUMNS, rows: dictionary },
    { name: 'About', columns: ['item', 'value'], rows: about },
  ];
}
