/**
 * Demo surveys for `pnpm dev`: "Your Priorities" and two waves of the Impact Area customer
 * survey, published, with synthetic responses spread over the demo wards. Every response is
 * clearly synthetic (generated here, from a fixed seed) and goes through the real write path.
 */
import { randomUUID } from 'node:crypto';
import type { Repositories } from '@wardpulse/data';
import { scoreSentiment } from '@wardpulse/analytics';
import { SCALES, type Answers, type Question, type SurveyVersion } from '@wardpulse/domain';
import { newSurvey, publishSurvey, submitResponse } from '@wardpulse/functions/features/surveys/service';
import { random } from './random.ts';

export const DEMO_SURVEYS = [
  { slug: 'your-priorities', template: 'priorities' as const, seriesId: 'your-priorities', wave: 1 },
  { slug: 'impact-area-wave-1', template: 'impact-area' as const, seriesId: 'impact-area', wave: 1 },
  { slug: 'impact-area-wave-2', template: 'impact-area' as const, seriesId: 'impact-area', wave: 2 },
];

const REMARKS = [
  'Thank you to the local team, they were really helpful when our car was broken into.',
  'Nothing gets done about the drug dealing by the shops, it is getting worse.',
  'More patrols in the evening would help older people feel safe.',
  'The park is fine during the day.',
  'Speeding on the main road is dangerous and nobody enforces it.',
  'I feel the community has come together more since the meetings started, great work.',
  '',
];

export function syntheticAnswers(version: SurveyVersion, ward: string, rnd: () => number, lean: number): Answers {
  const answers: Answers = {};
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  for (const question of version.content.questions as Question[]) {
    if (rnd() < 0.08 && !question.required) continue;
    switch (question.type) {
      case 'location':
        answers[question.id] = { wardCode: ward, method: rnd() < 0.7 ? 'postcode' : 'chosen' };
        break;
      case 'ranking': {
        const ids = question.options.map((o) => o.id).sort(() => rnd() - 0.5 - (lean - 0.5) * 0.2);
        answers[question.id] = { ranking: ids.slice(0, question.pick) };
        break;
      }
      case 'likert': {
        const points = SCALES[question.scale];
        const skew = Math.min(points.length - 1, Math.floor((rnd() * 0.6 + lean * 0.4) * points.length));
        answers[question.id] = { optionId: rnd() < 0.05 && question.dontKnow ? 'dont_know' : points[skew]!.id };
        break;
      }
      case 'multiple': {
        const normal = question.options.filter((o) => !o.exclusive);
        const chosen = normal.filter((o) => rnd() < (o.id === 'sense_of_community' ? 0.4 : 0.25)).slice(0, question.maxChoices ?? normal.length);
        answers[question.id] = { optionIds: chosen.length > 0 ? chosen.map((o) => o.id) : [pick(question.options).id].filter((id) => normal.some((o) => o.id === id) || chosen.length === 0) };
        break;
      }
      case 'text': {
        const text = pick(REMARKS);
        if (text) answers[question.id] = { text };
        break;
      }
      case 'demographic':
      case 'single':
        answers[question.id] = { optionId: pick(question.options).id };
        break;
      default:
        break;
    }
  }
  return answers;
}

/**
 * Every eighth demo ward gets very few responses (about 4 in 1,200), so the demo shows wards
 * withheld by disclosure control and the secondary suppression that protects them.
 */
export function pickWard(u: number, wardCount: number): number {
  const weights = Array.from({ length: wardCount }, (_, i) => (i % 8 === 7 ? 0.08 : 1));
  let target = u * weights.reduce((sum, w) => sum + w, 0);
  for (const [i, w] of weights.entries()) {
    target -= w;
    if (target < 0) return i;
  }
  return wardCount - 1;
}

/**
 * How positive a ward's synthetic answers lean (0..1). Wave 2 is clearly better in most wards and
 * worse in every sixth, so the wave-on-wave view has real, significant changes both ways.
 */
export function wardBias(wardIndex: number, wardCount: number, wave: number): number {
  const base = (wardIndex / wardCount) * 0.7;
  const change = wave === 2 ? (wardIndex % 6 === 5 ? -0.2 : 0.3) : 0;
  return Math.min(1, Math.max(0, base + change));
}

/** Creates and publishes the demo surveys (once) and fills them with synthetic responses. */
export async function seedDemoSurveys(repositories: Repositories, options: { responsesPerSurvey?: number } = {}): Promise<void> {
  const existing = new Set((await repositories.surveys.list()).map((s) => s.slug));
  const vintage = await repositories.geography.currentVintage();
  const wards = vintage ? (await repositories.geography.listWards(vintage)).map((w) => w.code) : [];
  if (wards.length === 0) return;
  for (const [index, demo] of DEMO_SURVEYS.entries()) {
    if (existing.has(demo.slug)) continue;
    const survey = newSurvey({ template: demo.template, slug: demo.slug, seriesId: demo.seriesId, wave: demo.wave, targeting: { scope: 'force' } }, 'demo-seed');
    await repositories.surveys.create(survey);
    const { version } = await publishSurvey(repositories, survey.id, survey.revision, 'demo-seed');
    const rnd = random(1000 + index);
    const total = options.responsesPerSurvey ?? 0;
    const queue = Array.from({ length: total }, (_, i) => i);
    const worker = async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
        const wardIndex = pickWard(rnd(), wards.length);
        const ward = wards[wardIndex]!;
        const bias = wardBias(wardIndex, wards.length, demo.wave);
        await submitResponse({ repositories, sentiment: scoreSentiment }, { id: randomUUID(), surveyId: survey.id, version: version.version, locale: rnd() < 0.1 ? 'ur' : rnd() < 0.1 ? 'pl' : 'en', answers: syntheticAnswers(version, ward, rnd, bias) });
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
  }
}
