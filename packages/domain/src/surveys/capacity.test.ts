import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregateDeltas, inBreakdown } from './aggregates.ts';
import type { Answer, Answers } from './answer.ts';
import { validateResponse } from './answers.ts';
import { CAPACITY, measureCapacity, possibleCounters, splitDeltas, SUBMIT_FIXED_ITEMS, termsPerResponse } from './capacity.ts';
import { checkDraft } from './checks.ts';
import type { Question, QuestionInput } from './questions.ts';
import { SCALES } from '../constants/scales.ts';
import { SurveyVersionSchema, type SurveyContentInput, type SurveyVersion } from './survey.ts';
import { TEMPLATES } from './templates.ts';

const versionOf = (content: SurveyContentInput): SurveyVersion =>
  SurveyVersionSchema.parse({
    surveyId: 's1',
    version: 1,
    kind: 'custom',
    seriesId: 'custom',
    wave: 1,
    slug: 'custom-w1',
    targeting: { scope: 'force' },
    content,
    publishedAt: '2026-11-01T00:00:00.000Z',
    publishedBy: 'officer',
    boundaryVintage: '2025-05',
    retentionDays: 730,
  });

const options = (prefix: string, count: number, idLength = 12) => Array.from({ length: count }, (_, i) => ({ id: `${prefix}${i}`.padEnd(idLength, 'x'), label: { en: `Option ${i}` } }));
const multiple = (id: string, count: number, idLength?: number): QuestionInput => ({ id, type: 'multiple', title: { en: id }, options: options('o', count, idLength) });
const demographic = (id: string, count: number): QuestionInput => ({ id, type: 'demographic', field: 'ethnicity', title: { en: id }, options: options('d', count) });
const location: QuestionInput = { id: 'area', type: 'location', title: { en: 'Where do you live?' } };
const content = (questions: QuestionInput[]): SurveyContentInput => ({ title: { en: 'Big' }, locales: ['en'], questions });
const errors = (input: SurveyContentInput) => checkDraft(versionOf(input).content).filter((c) => c.severity === 'error').map((c) => c.code);

/** The longest answer a resident can give a question: every option, the full ranking, every character. */
function longestAnswer(question: Question): Answer | undefined {
  switch (question.type) {
    case 'single':
    case 'demographic':
      return { optionId: question.options[0]!.id };
    case 'likert':
      return { optionId: SCALES[question.scale][0]!.id };
    case 'scale10':
      return { value: 10 };
    case 'multiple':
      return { optionIds: question.options.slice(0, question.maxChoices ?? question.options.length).map((o) => o.id) };
    case 'ranking':
      return { ranking: question.options.slice(0, question.pick).map((o) => o.id) };
    case 'text':
      return { text: 'a'.repeat(question.maxLength) };
    case 'location':
      return { wardCode: 'E05001278', method: 'postcode' };
    case 'statement':
      return undefined;
  }
}

describe('the capacity of a survey', () => {
  it('lets every template through with one item per part and a few parts', () => {
    for (const template of Object.values(TEMPLATES)) {
      const report = measureCapacity(versionOf(template.content).content);
      // 4 fixed items (response, receipt, survey check, allowance) and a few parts.
      expect(report.itemsPerSubmit).toBeLessThan(SUBMIT_FIXED_ITEMS + 8);
      expect(report.largestUpdateTerms).toBeLessThanOrEqual(CAPACITY.termsPerUpdate);
      expect(report.submissionBytes).toBeLessThan(CAPACITY.submissionBytes);
    }
  });

  it('counts no more terms per question than the longest answer adds, and only counters it declared', () => {
    const version = versionOf(content([location, demographic('eth', 6), multiple('help', 30), { id: 'rank', type: 'ranking', title: { en: 'Rank' }, options: options('r', 20), pick: 10 }, { id: 'agree', type: 'likert', scale: 'agree5', title: { en: 'Agree' } }, { id: 'why', type: 'text', title: { en: 'Why' } }, { id: 'clear', type: 'scale10', minLabel: { en: '0' }, maxLabel: { en: '10' }, title: { en: 'Clear' } }]));
    const answers: Answers = Object.fromEntries(version.content.questions.flatMap((q) => (longestAnswer(q) ? [[q.id, longestAnswer(q)!]] : [])));
    expect(validateResponse(version, { answers, locale: 'en' })).toEqual([]);
    const deltas = aggregateDeltas(version, answers, () => ({ score: 0.5, label: 'positive' }));
    for (const question of version.content.questions) {
      const own = Object.keys(deltas.main).filter((name) => name.startsWith(`${question.id}#`));
      expect(own.length).toBeLessThanOrEqual(termsPerResponse(question).main);
      expect(possibleCounters(question)).toEqual(expect.arrayContaining(own));
      const broken = Object.keys(deltas.breakdown).filter((name) => name.split('#')[3] === question.id);
      expect(broken.length).toBeLessThanOrEqual(termsPerResponse(question).breakdown);
      expect(broken.every((name) => inBreakdown(name.split('#').slice(3).join('#')))).toBe(true);
    }
  });

  it('splits a long survey over several parts, each update within DynamoDB’s expression limit, losing or doubling no counter', () => {
    const version = versionOf(content([location, demographic('eth', 8), demographic('age', 6), ...Array.from({ length: 40 }, (_, i) => multiple(`q${i}`, 30))]));
    const report = measureCapacity(version.content);
    expect(report.layout.mainParts).toBeGreaterThan(1);
    expect(report.layout.breakdownParts.get('eth')).toBeGreaterThan(1);

    const answers: Answers = Object.fromEntries(version.content.questions.map((q) => [q.id, longestAnswer(q)!]));
    const deltas = aggregateDeltas(version, answers);
    const parts = splitDeltas(report.layout, deltas);
    expect(parts.length).toBeLessThanOrEqual(report.itemsPerSubmit - SUBMIT_FIXED_ITEMS);
    for (const part of parts) expect(Object.keys(part.counters).length).toBeLessThanOrEqual(CAPACITY.termsPerUpdate);
    const merged = Object.assign({}, ...parts.map((p) => p.counters));
    expect(merged).toEqual({ ...deltas.main, ...deltas.breakdown });
    expect(parts.reduce((sum, p) => sum + Object.keys(p.counters).length, 0)).toBe(Object.keys(deltas.main).length + Object.keys(deltas.breakdown).length);
  });

  it('puts each counter in the part its question was laid out in, for any survey and any answers', () => {
    const question = fc.oneof(
      fc.record({ type: fc.constant('multiple'), count: fc.integer({ min: 2, max: 30 }) }),
      fc.record({ type: fc.constant('ranking'), count: fc.integer({ min: 2, max: 20 }) }),
      fc.record({ type: fc.constant('demographic'), count: fc.integer({ min: 2, max: 12 }) }),
      fc.record({ type: fc.constant('likert'), count: fc.constant(0) }),
    );
    fc.assert(
      fc.property(fc.array(question, { minLength: 1, maxLength: 40 }), fc.integer({ min: 0, max: 2 ** 31 }), (specs, seed) => {
        const questions: QuestionInput[] = [location, ...specs.map((spec, i): QuestionInput => {
          const id = `q${i}`;
          if (spec.type === 'multiple') return multiple(id, spec.count, 40);
          if (spec.type === 'ranking') return { id, type: 'ranking', title: { en: id }, options: options('r', spec.count, 40), pick: Math.min(10, spec.count) };
          if (spec.type === 'demographic') return demographic(id, spec.count);
          return { id, type: 'likert', scale: 'good5', title: { en: id } };
        })];
        const version = versionOf(content(questions));
        const report = measureCapacity(version.content);
        // Answers picked by the seed: some questions skipped, options chosen at random.
        let state = seed;
        const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31);
        const answers: Answers = {};
        for (const q of version.content.questions) {
          if (next() % 4 === 0) continue;
          if (q.type === 'multiple') answers[q.id] = { optionIds: q.options.filter(() => next() % 2 === 0).map((o) => o.id) };
          else if (q.type === 'ranking') answers[q.id] = { ranking: q.options.slice(0, 1 + (next() % q.pick)).map((o) => o.id) };
          else if (q.type === 'demographic') answers[q.id] = { optionId: q.options[next() % q.options.length]!.id };
          else if (q.type === 'likert') answers[q.id] = { optionId: SCALES[q.scale][next() % 5]!.id };
        }
        const deltas = aggregateDeltas(version, answers);
        for (const part of splitDeltas(report.layout, deltas)) {
          expect(Object.keys(part.counters).length).toBeLessThanOrEqual(CAPACITY.termsPerUpdate);
          for (const name of Object.keys(part.counters)) {
            if (part.part.kind === 'main') expect(name === 'n' ? 0 : report.layout.main.get(name.split('#')[0]!)).toBe(part.part.index);
            else expect(name.split('#').length === 4 ? 0 : report.layout.breakdown.get(part.part.demographic)!.get(name.split('#')[3]!)).toBe(part.part.index);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('checkDraft bounds a survey to what one response can store', () => {
  it('refuses equality questions that multiply the counters past what one response may update, saying what to cut', () => {
    const input = content([location, ...Array.from({ length: 6 }, (_, i) => demographic(`d${i}`, 30)), ...Array.from({ length: 60 }, (_, i) => multiple(`q${i}`, 30, 40))]);
    const check = checkDraft(versionOf(input).content).find((c) => c.code === 'draft.too_many_counters');

    expect(check?.severity).toBe('error');
    expect(check?.message).toMatch(/Each of the 6 equality questions/);
  });

  it('refuses a demographic question with so many options that one part would pass 400 KB', () => {
    expect(errors(content([location, demographic('d0', 2_000), multiple('q0', 30, 40)]))).toContain('draft.too_many_counters');
  });

  it('refuses free-text limits whose longest answers would not fit one upload, and accepts them once lowered', () => {
    const text = (id: string, maxLength: number): QuestionInput => ({ id, type: 'text', title: { en: id }, maxLength });
    expect(errors(content([location, ...Array.from({ length: 6 }, (_, i) => text(`t${i}`, 5_000))]))).toContain('draft.too_large');
    expect(errors(content([location, ...Array.from({ length: 6 }, (_, i) => text(`t${i}`, 3_000))]))).not.toContain('draft.too_large');
  });

  it('allows a long survey of ordinary size', () => {
    expect(errors(content([location, demographic('eth', 18), demographic('age', 7), demographic('sex', 3), ...Array.from({ length: 30 }, (_, i) => multiple(`q${i}`, 8))]))).toEqual([]);
  });
});
