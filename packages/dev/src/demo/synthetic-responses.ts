/**
 * Clearly synthetic responses written straight into the table with batch writes, for the large
 * export test and the export benchmark: far faster than the submit API, and the rows look like
 * submitted ones (same keys, same index entries). Aggregates are not touched, so results are not
 * affected; only respondent-level exports read these.
 */
import { randomUUID } from 'node:crypto';
import { shardOf, type Repositories, type StoredResponse } from '@wardpulse/data';
import { DONT_KNOW, SCALES, type Answers, type SurveyVersion } from '@wardpulse/domain';
import { random } from './random.ts';

export interface SyntheticResponseOptions {
  repositories: Pick<Repositories, 'responses'>;
  version: SurveyVersion;
  count: number;
  wards: readonly string[];
  /** Characters of each free-text answer (realistic comments run to a few hundred). */
  textLength?: number;
  seed?: number;
  /** Batch writes in flight at once. */
  concurrency?: number;
}

const WORDS = ['more', 'patrols', 'near', 'the', 'park', 'speeding', 'on', 'main', 'road', 'thank', 'you', 'neighbourhood', 'team', 'drugs', 'shops', 'evening', 'feel', 'safe', 'community', 'meetings'];

function answersFor(version: SurveyVersion, ward: string, rnd: () => number, textLength: number): Answers {
  const answers: Answers = {};
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  for (const question of version.content.questions) {
    if (!question.required && rnd() < 0.05) continue;
    switch (question.type) {
      case 'location':
        answers[question.id] = { wardCode: ward, method: 'postcode' };
        break;
      case 'single':
      case 'demographic':
        answers[question.id] = { optionId: pick(question.options).id };
        break;
      case 'likert':
        answers[question.id] = { optionId: rnd() < 0.05 && question.dontKnow ? DONT_KNOW : pick(SCALES[question.scale]).id };
        break;
      case 'multiple': {
        const normal = question.options.filter((o) => !o.exclusive);
        const chosen = normal.filter(() => rnd() < 0.3).slice(0, question.maxChoices ?? normal.length);
        answers[question.id] = { optionIds: (chosen.length > 0 ? chosen : [normal[0]!]).map((o) => o.id) };
        break;
      }
      case 'ranking': {
        const ids = question.options.map((o) => o.id).sort(() => rnd() - 0.5);
        answers[question.id] = { ranking: ids.slice(0, question.pick) };
        break;
      }
      case 'scale10':
        answers[question.id] = { value: Math.floor(rnd() * 11) };
        break;
      case 'text': {
        let text = '';
        while (text.length < textLength) text += `${pick(WORDS)} `;
        answers[question.id] = { text: text.slice(0, textLength).trim() };
        break;
      }
      case 'statement':
        break;
    }
  }
  return answers;
}

/**
 * Writes `count` responses to `version`, spread over `wards`, and returns how many bytes of
 * item data (as JSON) were written, to compare an export's memory with the data's size.
 */
export async function writeSyntheticResponses(options: SyntheticResponseOptions): Promise<{ responses: number; jsonBytes: number }> {
  const { repositories, version, count, wards } = options;
  const rnd = random(options.seed ?? 42);
  const textLength = options.textLength ?? 300;
  const start = Date.parse(version.publishedAt);
  let made = 0;
  let jsonBytes = 0;
  const nextBatch = () => {
    const items: StoredResponse[] = [];
    while (items.length < 25 && made < count) {
      const id = randomUUID();
      const submittedAt = new Date(start + made * 1_000).toISOString();
      const response: StoredResponse = {
        id,
        surveyId: version.surveyId,
        version: version.version,
        locale: rnd() < 0.1 ? 'ur' : 'en',
        answers: answersFor(version, wards[made % wards.length]!, rnd, textLength),
        wardCode: wards[made % wards.length]!,
        flags: [],
        submittedAt,
        bodyHash: 'synthetic',
        shard: shardOf(id),
      };
      jsonBytes += JSON.stringify(response).length;
      items.push(response);
      made += 1;
    }
    return items;
  };
  const worker = async () => {
    for (let items = nextBatch(); items.length > 0; items = nextBatch()) {
      await repositories.responses.putMany(items, 1);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
  return { responses: made, jsonBytes };
}
