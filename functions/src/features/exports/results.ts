/**
 * The results export: the figures of `computeSurveyResults`, disclosure control already applied,
 * as one tidy table (a row per unit × question × measure) for CSV and XLSX, with the survey's
 * metadata repeated in columns on every row, so the CSV stays a single rectangular table that
 * R's `read.csv` reads as is and no row can be separated from what it describes. The XLSX adds
 * an About sheet. A withheld figure is an empty cell with status `suppressed` and its reason,
 * never 0.
 */
import type { MeanCell, QuestionResult, ShareCell, SurveyResults, UnitQuestionResult } from '@wardpulse/domain';
import type { Cell, Sheet } from './table.ts';

/** One figure of one question in one unit: a share (option, top two, sentiment) or a mean. */
export interface Measure {
  /** `option`, `top_two`, `sentiment` (shares) or `mean`. */
  measure: 'option' | 'top_two' | 'sentiment' | 'mean';
  /** The option id (or sentiment label); null for top two and mean. */
  optionId: string | null;
  option: string | null;
  /** Flat name stem for GeoJSON properties: `<question>__<option>`, `<question>__top_two`… */
  stem: string;
  cell: ShareCell | MeanCell;
  /** Rankings: mean position and Borda points, only where the option's share is shown. */
  ranking?: { meanRank: number | null; borda: number | null };
}

const EMPTY = { status: 'empty' } as const;

/** Every figure a question has in a unit, in a fixed order (options as the question lists them). */
export function measuresOf(question: QuestionResult, unit: UnitQuestionResult | undefined): Measure[] {
  const q = question.id;
  const measures: Measure[] = question.options.map((option) => {
    const cell = unit?.options[option.id] ?? EMPTY;
    const ranking = question.type === 'ranking' && cell.status === 'shown' ? unit?.ranking?.[option.id] : undefined;
    return { measure: 'option', optionId: option.id, option: option.label, stem: `${q}__${option.id}`, cell, ...(ranking ? { ranking } : {}) };
  });
  if (question.type === 'likert') measures.push({ measure: 'top_two', optionId: null, option: 'Top two boxes', stem: `${q}__top_two`, cell: unit?.topTwo ?? EMPTY });
  if (question.type === 'likert' || question.type === 'scale10') measures.push({ measure: 'mean', optionId: null, option: 'Mean score', stem: `${q}__mean`, cell: unit?.mean ?? EMPTY });
  if (question.type === 'text') {
    for (const label of ['positive', 'neutral', 'negative'] as const) {
      measures.push({ measure: 'sentiment', optionId: label, option: `Sentiment: ${label}`, stem: `${q}__sentiment_${label}`, cell: unit?.sentiment?.[label] ?? EMPTY });
    }
  }
  return measures;
}

/** Figures are rounded to 6 decimal places: enough for any share or interval, without float noise. */
export const round = (value: number) => Math.round(value * 1e6) / 1e6;

export const RESULTS_COLUMNS = [
  'survey_id',
  'survey_title',
  'wave',
  'versions',
  'boundary_vintages',
  'level',
  'group_question_id',
  'group_option_id',
  'disclosure_threshold',
  'generated_at',
  'unit_code',
  'unit_name',
  'parent_code',
  'unit_respondents',
  'unit_status',
  'question_id',
  'question_type',
  'question',
  'base_n',
  'base_status',
  'measure',
  'option_id',
  'option',
  'n',
  'count',
  'share',
  'mean',
  'lower',
  'upper',
  'status',
  'reason',
  'mean_rank',
  'borda',
] as const;

/** What the figures are: the same on every row and in the About sheet and GeoJSON metadata. */
export function resultsMetadata(results: SurveyResults) {
  return {
    survey_id: results.survey.id,
    survey_title: results.survey.title,
    wave: results.survey.wave,
    versions: results.versions.map((v) => v.version).join(';'),
    boundary_vintages: [...new Set(results.versions.map((v) => v.boundaryVintage).filter((v): v is string => v !== null))].join(';'),
    level: results.level,
    group_question_id: results.group?.questionId ?? null,
    group_option_id: results.group?.optionId ?? null,
    disclosure_threshold: results.disclosure.threshold,
    generated_at: results.generatedAt,
  };
}

/** Rows the results table will have (for progress). */
export function resultsRowCount(results: SurveyResults): number {
  return results.units.length * results.questions.reduce((sum, question) => sum + measuresOf(question, undefined).length, 0);
}

function* resultsRows(results: SurveyResults): Generator<Cell[]> {
  const meta = Object.values(resultsMetadata(results));
  for (const unit of results.units) {
    const respondents = unit.respondents;
    for (const question of results.questions) {
      const figures = question.units[unit.code];
      const base = figures?.base ?? EMPTY;
      for (const m of measuresOf(question, figures)) {
        const cell = m.cell;
        const shown = cell.status === 'shown';
        yield [
          ...meta,
          unit.code,
          unit.name,
          unit.parentCode,
          respondents.status === 'shown' ? respondents.n : null,
          respondents.status,
          question.id,
          question.type,
          question.title,
          base.status === 'shown' ? base.n : null,
          base.status,
          m.measure,
          m.optionId,
          m.option,
          shown ? cell.n : null,
          shown && 'count' in cell ? cell.count : null,
          shown && 'share' in cell ? round(cell.share) : null,
          shown && 'mean' in cell ? round(cell.mean) : null,
          shown ? round(cell.lower) : null,
          shown ? round(cell.upper) : null,
          cell.status,
          cell.status === 'suppressed' ? cell.reason : null,
          m.ranking?.meanRank ?? null,
          m.ranking?.borda ?? null,
        ];
      }
    }
  }
}

function* aboutRows(results: SurveyResults): Generator<Cell[]> {
  for (const [item, value] of Object.entries(resultsMetadata(results))) yield [item, value];
  for (const version of results.versions) yield [`version_${version.version}`, `published ${version.publishedAt.slice(0, 10)}, ward boundaries ${version.boundaryVintage ?? 'none'}`];
  if (results.group) yield ['group', `${results.group.questionId} = ${results.group.optionId} (${results.group.label})`];
  yield ['responses', results.totals.responses];
  yield ['responses_with_ward', results.totals.withWard];
  yield ['responses_without_ward', results.totals.withoutWard];
  yield ['disclosure_rule', results.disclosure.description];
  yield ['status', 'shown: figure given with its 95% interval (Wilson for shares, t for means); suppressed: withheld by disclosure control, see reason; empty: nobody answered.'];
  yield ['reason', 'primary: fewer respondents than the threshold; secondary: withheld so a primary figure cannot be worked out from the others.'];
  yield ['measure', 'option: share choosing the option (rankings: placing it in the top places); top_two: share in the two most positive points; mean: mean score; sentiment: share of free-text answers by sentiment.'];
  yield ['layout', 'One row per unit, question and measure; survey details repeat on every row so the table stands alone. The CSV export has the same columns.'];
}

/** The export's sheets: Results, then About (XLSX only). */
export function resultsSheets(results: SurveyResults): Sheet[] {
  return [
    { name: 'Results', columns: RESULTS_COLUMNS, rows: () => resultsRows(results) },
    { name: 'About', columns: ['item', 'value'], rows: () => aboutRows(results) },
  ];
}
