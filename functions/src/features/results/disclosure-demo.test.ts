import { describe, expect, it } from 'vitest';
import { buildUnitTree, discloseAll, resultQuestions, rollUp, withDerived, type ResultGeography } from '@wardpulse/analytics/results';
import { aggregateDeltas, mergeCounters, SurveyVersionSchema, TEMPLATES, type Counters } from '@wardpulse/domain';
import { buildDemoGeography } from '@wardpulse/dev/demo/geography';
import { pickWard, syntheticAnswers, wardBias } from '@wardpulse/dev/demo/surveys';
import { random } from '@wardpulse/dev/demo/random';

/** Disclosure control (@wardpulse/analytics/results) on the demo force of @wardpulse/dev, which analytics may not depend on. */

const T = 10;
const impactVersion = {
  surveyId: 's2',
  version: 1,
  kind: 'impact-area',
  seriesId: 'impact-area',
  wave: 1,
  slug: 'impact-area-wave-1',
  targeting: { scope: 'force' },
  publishedAt: '2026-11-01T00:00:00.000Z',
  publishedBy: 'officer',
  boundaryVintage: '2025-05',
  retentionDays: 730,
};

describe('disclosure control across levels', () => {
  it('shows every force-level figure of the demo force’s questions, finding complements lower down', { timeout: 120_000 }, async () => {
    // The demo force as `pnpm dev` seeds it (24 wards in 2 districts, 2 Impact Areas, every eighth
    // ward with ~4 of 1,200 responses, some without a location), answered one by one with the
    // demo generator. The greedy rule this replaced withheld most force-level answers of the
    // Impact Area survey here ("Withheld (to protect another figure)" beside 1,100+ answers).
    const demo = buildDemoGeography();
    const features = (JSON.parse(demo.boundaries) as { features: { properties: Record<string, string> }[] }).features.map((f) => f.properties);
    const areaRows = demo.impactAreas.trim().split('\n').slice(1).map((row) => row.split(','));
    const geography: ResultGeography = {
      vintage: '2025-05',
      districts: [...new Map(features.map((p) => [p.LAD25CD!, { code: p.LAD25CD!, name: p.LAD25NM! }])).values()],
      wards: features.map((p) => ({ code: p.WD25CD!, name: p.WD25NM!, districtCode: p.LAD25CD! })),
      areas: [...new Set(areaRows.map(([name]) => name!))].map((name, i) => ({ id: `ia${i}`, name, wardCodes: areaRows.filter(([n]) => n === name).map(([, code]) => code!) })),
    };
    const version = SurveyVersionSchema.parse({ ...impactVersion, content: TEMPLATES['impact-area'].content });
    const surveyQuestions = resultQuestions([version]);
    const rnd = random(1001);
    const buckets = new Map<string, Counters>();
    for (let i = 0; i < 1_200; i++) {
      const wardIndex = pickWard(rnd(), geography.wards.length);
      const answers = syntheticAnswers(version, geography.wards[wardIndex]!.code, rnd, wardBias(wardIndex, geography.wards.length, 1));
      const location = version.content.questions.find((q) => q.type === 'location')!;
      const bucket = answers[location.id] && 'wardCode' in answers[location.id]! ? (answers[location.id] as { wardCode: string }).wardCode : 'none';
      buckets.set(bucket, mergeCounters(buckets.get(bucket) ?? {}, aggregateDeltas(version, answers, () => ({ score: 0, label: 'neutral' })).main));
    }
    const tree = buildUnitTree(geography, buckets.keys());
    const counters = rollUp(tree, buckets);
    for (const values of counters.values()) withDerived(values, surveyQuestions);

    const decisions = await discloseAll(tree, counters, surveyQuestions, T, { grouped: false });

    const answered = surveyQuestions.filter((q) => (counters.get('force')![`${q.id}#n`] ?? 0) >= 100);
    expect(answered.length).toBeGreaterThan(5);
    // A force-level count below the threshold is withheld (and then a complement beside it): the
    // stated rule. Nothing else at force level is.
    const forceWithheld = [...decisions.keys()].filter((id) => id.startsWith('force|') && answered.some((q) => id.startsWith(`force|${q.id}#`)));
    const smallAtForce = answered.filter((q) => Object.entries(counters.get('force')!).some(([name, count]) => name.startsWith(`${q.id}#o#`) && count > 0 && count < T));
    expect(forceWithheld.filter((id) => !smallAtForce.some((q) => id.startsWith(`force|${q.id}#`)))).toEqual([]);
  });
});
