import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregateDeltas } from './aggregates.ts';
import { validateResponse, type Answer, type Answers } from './answers.ts';
import { checkDraft } from './checks.ts';
import { SurveyContentSchema, SurveyVersionSchema, type SurveyVersion } from './survey.ts';
import type { Question } from './questions.ts';
import { DONT_KNOW } from '../constants/scales.ts';
import { SCALES } from '../constants/scales.ts';
import { TEMPLATES } from './templates.ts';
import { visibleQuestions } from './visibility.ts';

function versionOf(kind: 'priorities' | 'impact-area'): SurveyVersion {
  return SurveyVersionSchema.parse({
    surveyId: 's1',
    version: 1,
    kind,
    seriesId: kind,
    wave: 1,
    slug: `${kind}-w1`,
    targeting: { scope: 'force' },
    content: TEMPLATES[kind].content,
    publishedAt: '2026-11-01T00:00:00.000Z',
    publishedBy: 'officer',
    boundaryVintage: '2025-05',
    retentionDays: 730,
  });
}

const priorities = versionOf('priorities');
const valid: Answers = {
  area: { wardCode: 'E05001278', method: 'postcode' },
  top_priorities: { ranking: ['asb', 'drugs', 'burglary'] },
  safe_after_dark: { optionId: 'fairly_safe' },
  feel_safer: { optionIds: ['sense_of_community', 'street_lighting'] },
  good_job: { optionId: 'good' },
  anything_else: { text: 'More patrols near the park please' },
  ethnicity: { optionId: 'prefer_not_to_say' },
};

describe('templates', () => {
  it.each(['priorities', 'impact-area'] as const)('the %s template is valid, fully translated and publishable', (kind) => {
    const content = SurveyContentSchema.parse(TEMPLATES[kind].content);

    expect(checkDraft(content).filter((check) => check.severity === 'error')).toEqual([]);
    expect(content.locales).toEqual(['en', 'ur', 'pl']);
  });

  it('asks what would make residents feel safer, including a greater sense of community', () => {
    const question = priorities.content.questions.find((q) => q.id === 'feel_safer');

    expect(question && 'options' in question && question.options.map((o) => o.label.en)).toContain('A greater sense of community');
  });
});

describe('checkDraft', () => {
  it('names broken conditions, duplicate ids, empty options and missing translations', () => {
    const content = SurveyContentSchema.parse({
      title: { en: 'Test', pl: 'Test' },
      locales: ['en', 'pl'],
      questions: [
        { id: 'q1', type: 'single', title: { en: 'One', pl: 'Jeden' }, options: [{ id: 'a', label: { en: 'A', pl: 'A' } }, { id: 'a', label: { en: 'B', pl: 'B' } }] },
        { id: 'q2', type: 'text', title: { en: 'Two' }, showIf: { questionId: 'q9', operator: 'answered' } },
        { id: 'q1', type: 'single', title: { en: 'Three', pl: 'Trzy' }, options: [{ id: 'x', label: { en: 'X', pl: 'X' } }, { id: 'y', label: { en: 'Y', pl: 'Y' } }], showIf: { questionId: 'q1', operator: 'is', optionId: 'zzz' } },
      ],
    });

    const codes = checkDraft(content).map((check) => `${check.code}@${check.path.join('.')}`);

    expect(codes).toEqual(
      expect.arrayContaining([
        'draft.duplicate_option@questions.0.options.1.id',
        'draft.broken_condition@questions.1.showIf',
        'draft.missing_translation@questions.1.title',
        'draft.duplicate_question@questions.2.id',
        'draft.broken_condition@questions.2.showIf.optionId',
        'draft.no_location@questions',
      ]),
    );
  });
});

describe('validateResponse', () => {
  it('accepts a complete, valid response', () => {
    expect(validateResponse(priorities, { answers: valid, locale: 'ur' })).toEqual([]);
  });

  it('names every problem: unknown question, wrong option, too many choices, duplicate rank, missing required', () => {
    const answers: Answers = {
      top_priorities: { ranking: ['asb', 'asb'] },
      feel_safer: { optionIds: ['cctv', 'more_patrols', 'street_lighting', 'youth_activities'] },
      good_job: { optionId: 'brilliant' },
      nonsense: { text: 'x' },
    };

    const issues = validateResponse(priorities, { answers, locale: 'en' });

    expect(issues.map((issue) => `${issue.code}:${issue.path.join('.')}`).sort()).toEqual(
      ['response.invalid_answer:answers.feel_safer', 'response.invalid_answer:answers.good_job', 'response.invalid_answer:answers.top_priorities', 'response.required:answers.area', 'response.unknown_question:answers.nonsense'].sort(),
    );
  });

  it('refuses "None of these" combined with another option', () => {
    const issues = validateResponse(priorities, { answers: { ...valid, feel_safer: { optionIds: ['none', 'cctv'] } }, locale: 'en' });

    expect(issues[0]?.message).toContain('alone');
  });

  it('refuses an answer to a question hidden by an earlier answer', () => {
    const version: SurveyVersion = {
      ...priorities,
      content: {
        ...priorities.content,
        questions: [
          ...priorities.content.questions,
          { id: 'why_unsafe', type: 'text', multiline: false, maxLength: 100, required: false, title: { en: 'Why?' }, showIf: { questionId: 'safe_after_dark', operator: 'is', optionId: 'very_unsafe' } },
        ],
      },
    };

    const issues = validateResponse(version, { answers: { ...valid, why_unsafe: { text: 'dark alley' } }, locale: 'en' });

    expect(issues).toEqual([{ path: ['answers', 'why_unsafe'], message: expect.stringContaining('hidden'), code: 'response.hidden_question' }]);
    expect(visibleQuestions(version.content.questions, { safe_after_dark: { optionId: 'very_unsafe' } }).map((q) => q.id)).toContain('why_unsafe');
  });

  /** Any answer a resident could give through the app's controls. */
  function arbitraryAnswer(question: Question): fc.Arbitrary<Answer> | null {
    switch (question.type) {
      case 'single':
      case 'demographic':
        return fc.constantFrom(...question.options.map((o) => o.id), ...(question.type === 'single' && question.dontKnow ? [DONT_KNOW] : [])).map((optionId) => ({ optionId }));
      case 'likert':
        return fc.constantFrom(...SCALES[question.scale].map((p) => p.id), ...(question.dontKnow ? [DONT_KNOW] : [])).map((optionId) => ({ optionId }));
      case 'multiple': {
        const normal = question.options.filter((o) => !o.exclusive).map((o) => o.id);
        return fc.oneof(fc.subarray(normal, { minLength: 1, maxLength: Math.min(question.maxChoices ?? normal.length, normal.length) }), fc.constantFrom(...question.options.filter((o) => o.exclusive).map((o) => [o.id]))).map((optionIds) => ({ optionIds }));
      }
      case 'ranking':
        return fc.shuffledSubarray(question.options.map((o) => o.id), { minLength: 1, maxLength: question.pick }).map((ranking) => ({ ranking }));
      case 'scale10':
        return fc.integer({ min: 0, max: 10 }).map((value) => ({ value }));
      case 'text':
        return fc.string({ maxLength: question.maxLength }).map((text) => ({ text }));
      case 'location':
        return fc.integer({ min: 0, max: 999_999 }).map((n) => ({ wardCode: `E05${String(n).padStart(6, '0')}`, method: 'chosen' as const }));
      case 'statement':
        return null;
    }
  }

  const arbitraryResponse = (version: SurveyVersion) =>
    fc.record(
      Object.fromEntries(
        version.content.questions.flatMap((q) => {
          const arbitrary = arbitraryAnswer(q);
          return arbitrary ? [[q.id, q.required ? arbitrary : fc.option(arbitrary, { nil: undefined })]] : [];
        }),
      ) as Record<string, fc.Arbitrary<Answer | undefined>>,
    ).map((record) => Object.fromEntries(Object.entries(record).filter(([, a]) => a !== undefined)) as Answers);

  it.each(['priorities', 'impact-area'] as const)('accepts every response the %s app could produce (property)', (kind) => {
    const version = versionOf(kind);
    fc.assert(fc.property(arbitraryResponse(version), (answers) => validateResponse(version, { answers, locale: 'en' }).length === 0));
  });

  it('refuses any response with an option the question does not have (property)', () => {
    fc.assert(
      fc.property(arbitraryResponse(priorities), fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !/^(asb|drugs|burglary|violence|vawg|roads|fraud|visible_policing|victims|hate_crime)$/.test(s)), (answers, bogus) => {
        const broken = { ...answers, top_priorities: { ranking: [bogus] } };
        return validateResponse(priorities, { answers: broken, locale: 'en' }).some((issue) => issue.path[1] === 'top_priorities');
      }),
    );
  });
});

describe('aggregateDeltas', () => {
  it('counts a response once per option, rank position, Likert score and demographic group', () => {
    const { main, breakdown } = aggregateDeltas(priorities, valid, () => ({ score: 0.5, label: 'positive' }));

    expect(main).toMatchObject({
      n: 1,
      'top_priorities#n': 1,
      'top_priorities#o#asb': 1,
      'top_priorities#r#asb#1': 1,
      'top_priorities#r#drugs#2': 1,
      'top_priorities#r#burglary#3': 1,
      'safe_after_dark#o#fairly_safe': 1,
      'safe_after_dark#sum': 3,
      'safe_after_dark#top2': 1,
      'feel_safer#o#sense_of_community': 1,
      'good_job#sum': 4,
      'anything_else#s#positive': 1,
      'ethnicity#o#prefer_not_to_say': 1,
    });
    expect(main['area#n']).toBeUndefined();
    expect(breakdown['x#ethnicity#prefer_not_to_say#n']).toBe(1);
    expect(breakdown['x#ethnicity#prefer_not_to_say#top_priorities#o#asb']).toBe(1);
  });

  it('leaves "don’t know" out of Likert means', () => {
    const { main } = aggregateDeltas(priorities, { ...valid, good_job: { optionId: DONT_KNOW } });

    expect(main['good_job#o#dont_know']).toBe(1);
    expect(main['good_job#sum']).toBeUndefined();
  });
});
