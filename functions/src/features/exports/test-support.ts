/** Fixtures shared by the export writers' tests. */
import { SurveyResultsSchema, type SurveyResults } from '@wardpulse/domain';

/** Results as `computeSurveyResults` returns them: one ward shown, one withheld, "no location", and cells of every status. */
export function sampleResults(overrides: Partial<SurveyResults> = {}): SurveyResults {
  const shown = (count: number, n: number, share: number, lower: number, upper: number) => ({ status: 'shown' as const, count, n, share, lower, upper });
  return SurveyResultsSchema.parse({
    survey: { id: 'survey-1', title: 'Your Priorities, Your Plan', kind: 'priorities', slug: 'your-priorities', seriesId: 'your-priorities', wave: 1 },
    versions: [
      { version: 1, publishedAt: '2026-04-01T09:00:00.000Z', boundaryVintage: '2025-05' },
      { version: 2, publishedAt: '2026-05-01T09:00:00.000Z', boundaryVintage: '2025-05' },
    ],
    level: 'ward',
    group: null,
    disclosure: { threshold: 10, description: 'Figures from fewer than 10 respondents are withheld.' },
    generatedAt: '2026-06-01T12:00:00.000Z',
    totals: { responses: 130, withWard: 127, withoutWard: 3 },
    units: [
      { level: 'ward', code: 'E05001260', name: 'Abbey', parentCode: 'E08000028', respondents: { status: 'shown', n: 120 } },
      { level: 'ward', code: 'E05001261', name: 'Blackheath', parentCode: 'E08000028', respondents: { status: 'suppressed', reason: 'primary' } },
      { level: 'ward', code: 'none', name: 'No location given', parentCode: null, respondents: { status: 'suppressed', reason: 'primary' } },
    ],
    force: {},
    questions: [
      {
        id: 'safe',
        type: 'likert',
        title: 'How safe do you feel walking alone after dark?',
        options: [
          { id: 'very_safe', label: 'Very safe' },
          { id: 'very_unsafe', label: 'Very unsafe' },
        ],
        units: {
          E05001260: {
            base: { status: 'shown', n: 110 },
            options: { very_safe: shown(44, 110, 0.4, 0.31345678901, 0.4945), very_unsafe: { status: 'suppressed', reason: 'secondary' } },
            topTwo: shown(80, 110, 0.7272727272727, 0.63, 0.8),
            mean: { status: 'shown', n: 100, mean: 2.9, lower: 2.7, upper: 3.1 },
          },
          E05001261: {
            base: { status: 'suppressed', reason: 'primary' },
            options: { very_safe: { status: 'suppressed', reason: 'primary' }, very_unsafe: { status: 'suppressed', reason: 'primary' } },
            topTwo: { status: 'suppressed', reason: 'primary' },
            mean: { status: 'suppressed', reason: 'primary' },
          },
        },
      },
      {
        id: 'priorities',
        type: 'ranking',
        title: 'Top priorities',
        pick: 3,
        options: [
          { id: 'asb', label: 'Anti-social behaviour' },
          { id: 'drugs', label: 'Drugs' },
        ],
        units: {
          E05001260: {
            base: { status: 'shown', n: 120 },
            options: { asb: shown(60, 120, 0.5, 0.41, 0.59), drugs: { status: 'empty' } },
            ranking: { asb: { meanRank: 1.6, borda: 1.2 }, drugs: { meanRank: null, borda: null } },
          },
        },
      },
      {
        id: 'comments',
        type: 'text',
        title: 'Anything else?',
        options: [],
        units: {
          E05001260: {
            base: { status: 'shown', n: 40 },
            options: {},
            sentiment: { positive: shown(20, 40, 0.5, 0.35, 0.65), neutral: { status: 'suppressed', reason: 'primary' }, negative: { status: 'suppressed', reason: 'secondary' }, meanScore: 0.2 },
          },
        },
      },
    ],
    ...overrides,
  });
}
