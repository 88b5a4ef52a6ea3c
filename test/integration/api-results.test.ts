import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShareCell, SurveyResults, WaveComparison } from '@wardpulse/domain';
import { importAreas, importBoundaries } from '@wardpulse/functions/geo-import';
import { seedDemoData } from '@wardpulse/dev';
import { createTestApp, createTestTable } from '../support/api.ts';
import { startTestIssuer, type TestIssuer } from '../support/test-issuer.ts';

/**
 * Results over HTTP against DynamoDB Local: every shown figure is checked against a recount of
 * the answers this file submitted, small counts are withheld at every level, and no total minus
 * shown parts gives a withheld figure away.
 */

const T = 10; // the default disclosure threshold
/** Responses that gave no location: enough to show how many, too few for most of their answers. */
const NO_LOCATION = 12;

type Json = Record<string, unknown>;
type TestApp = ReturnType<typeof createTestApp>;
type Answers = Record<string, Json>;

let issuer: TestIssuer;
let analyst: Record<string, string>;
let officer: Record<string, string>;
let admin: Record<string, string>;

const call = async (app: TestApp, method: string, path: string, headers: Record<string, string> = {}, body?: unknown) =>
  app.app.request(path, { method, headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });

/** A small deterministic generator (mulberry32), so every run submits the same answers. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

beforeAll(async () => {
  issuer = await startTestIssuer();
  analyst = { authorization: `Bearer ${await issuer.token({ roles: ['analyst'], username: 'ada' })}` };
  officer = { authorization: `Bearer ${await issuer.token({ roles: ['officer'], username: 'owen' })}` };
  admin = { authorization: `Bearer ${await issuer.token({ roles: ['admin'], username: 'amir' })}` };
});
afterAll(async () => {
  await issuer.stop();
});

async function setUpForce(app: TestApp) {
  await seedDemoData(app.repositories, { responsesPerSurvey: 0 });
  const vintage = (await app.repositories.geography.currentVintage())!;
  const wards = await app.repositories.geography.listWards(vintage);
  return { vintage, wards };
}

interface Created {
  id: string;
  revision: number;
  draft: { questions: Json[] } & Json;
}

async function createSurvey(app: TestApp, body: Json): Promise<Created> {
  const response = await call(app, 'POST', '/api/staff/surveys', officer, body);
  expect(response.status).toBe(201);
  return ((await response.json()) as { survey: Created }).survey;
}

async function publish(app: TestApp, survey: { id: string; revision: number }) {
  const response = await call(app, 'POST', `/api/staff/surveys/${survey.id}/publish`, officer, { expectedRevision: survey.revision });
  expect(response.status).toBe(200);
}

/** Submits through the public API, a few at a time, each from its own address (the per-address limit is not under test). */
async function submitAll(app: TestApp, surveyId: string, version: number, all: Answers[]) {
  let next = 0;
  await Promise.all(
    Array.from({ length: 6 }, async () => {
      while (next < all.length) {
        const i = next++;
        const response = await call(app, 'POST', '/api/public/responses', { 'x-forwarded-for': `198.18.${(i >> 8) & 255}.${i & 255}` }, { id: randomUUID(), surveyId, version, locale: 'en', answers: all[i] });
        if (response.status !== 201) throw new Error(`submit ${i} answered ${response.status}: ${await response.text()}`);
      }
    }),
  );
}

async function getJson<T>(app: TestApp, path: string, headers = analyst): Promise<T> {
  const response = await call(app, 'GET', path, headers);
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

type Reading = number | 'withheld';

/** What an attacker reads of one unit in a results table: each figure (respondents, a base, an option count, a top-2 count; 0 where empty) or "withheld". */
function readTable(table: SurveyResults, code: string): Map<string, Reading> {
  const read = new Map<string, Reading>();
  const unit = table.units.find((u) => u.code === code)!;
  read.set('n', unit.respondents.status === 'shown' ? unit.respondents.n : unit.respondents.status === 'empty' ? 0 : 'withheld');
  for (const question of table.questions) {
    const figures = question.units[code]!;
    read.set(`${question.id}#n`, figures.base.status === 'shown' ? figures.base.n : figures.base.status === 'empty' ? 0 : 'withheld');
    const cells: [string, ShareCell | undefined][] = [...question.options.map((o) => [`${question.id}#o#${o.id}`, figures.options[o.id]] as [string, ShareCell | undefined]), [`${question.id}#top2`, figures.topTwo]];
    for (const [key, cell] of cells) if (cell) read.set(key, cell.status === 'shown' ? cell.count : cell.status === 'empty' ? 0 : 'withheld');
  }
  return read;
}

// ---------------------------------------------------------------------------------------------
// The recount survey: "Your Priorities" with a 0–10 question, location optional.

const TEXTS = [
  'Thank you, the neighbourhood team has been brilliant and really helpful.',
  'Great work by the local officers, I feel much safer now. Thanks!',
  'Nothing gets done about the drug dealing, it is terrible and getting worse.',
  'Awful speeding on the main road, people will be killed and nobody cares.',
  'I live on the estate near the library.',
  'Thank you for the help, please ring me on 07700 900123 or email jo.bloggs@example.com.',
];
/** What a person reads in each text (and what the VADER scorer says). */
const TEXT_LABELS = ['positive', 'positive', 'negative', 'negative', 'neutral', 'positive'];

const PRIORITIES = ['asb', 'drugs', 'burglary', 'violence', 'vawg', 'roads', 'fraud', 'visible_policing', 'victims', 'hate_crime'];
const SAFE = ['very_safe', 'fairly_safe', 'fairly_unsafe', 'very_unsafe', 'dont_know'];
const GOOD = ['excellent', 'good', 'fair', 'poor', 'very_poor', 'dont_know'];
const FEEL_SAFER = ['more_patrols', 'sense_of_community', 'street_lighting', 'cctv', 'faster_response', 'youth_activities', 'kept_informed'];
const SEX = ['female', 'male', 'prefer_not_to_say'];
const AGE = ['age_16_24', 'age_25_34', 'age_35_44', 'age_45_54', 'age_55_64', 'age_65_74', 'age_75_plus', 'prefer_not_to_say'];

function recountAnswers(ward: string | null, rnd: () => number): Answers {
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  const answers: Answers = {};
  if (ward) answers.area = { wardCode: ward, method: 'postcode' };
  const ranked = [...PRIORITIES].sort(() => rnd() - 0.5);
  answers.top_priorities = { ranking: ranked.slice(0, 1 + Math.floor(rnd() * 3)) };
  if (rnd() < 0.9) answers.safe_after_dark = { optionId: pick(SAFE) };
  if (rnd() < 0.9) answers.good_job = { optionId: rnd() < 0.5 ? pick(GOOD.slice(0, 2)) : pick(GOOD) };
  if (rnd() < 0.9) {
    const chosen = FEEL_SAFER.filter(() => rnd() < 0.3).slice(0, 3);
    answers.feel_safer = { optionIds: chosen.length > 0 ? chosen : ['none'] };
  }
  if (rnd() < 0.6) answers.anything_else = { text: pick(TEXTS) };
  if (rnd() < 0.85) answers.clarity = rnd() < 0.08 ? { optionId: 'dont_know' } : { value: Math.floor(rnd() * 11) };
  if (rnd() < 0.9) answers.sex = { optionId: pick(SEX) };
  if (rnd() < 0.9) answers.age_band = { optionId: pick(AGE) };
  return answers;
}

/** Unit code → counter → count, computed straight from the submitted answers (independently of the service). */
type Tally = Map<string, Map<string, number>>;

function tallyOf(responses: { ward: string | null; answers: Answers }[], unitsOf: (ward: string | null) => string[], keep: (answers: Answers) => boolean = () => true): Tally {
  const tally: Tally = new Map();
  const add = (unit: string, key: string, by = 1) => {
    const counts = tally.get(unit) ?? new Map<string, number>();
    counts.set(key, (counts.get(key) ?? 0) + by);
    tally.set(unit, counts);
  };
  for (const { ward, answers } of responses) {
    if (!keep(answers)) continue;
    for (const unit of unitsOf(ward)) {
      add(unit, 'n');
      for (const [q, answer] of Object.entries(answers)) {
        if ('wardCode' in answer) continue;
        add(unit, `${q}#n`);
        if ('optionId' in answer) {
          const option = answer.optionId as string;
          add(unit, `${q}#o#${option}`);
          if (option !== 'dont_know' && (q === 'safe_after_dark' || q === 'good_job')) {
            const scale = q === 'safe_after_dark' ? SAFE : GOOD;
            add(unit, `${q}#scored`);
            add(unit, `${q}#sum`, scale.length - 1 - scale.indexOf(option));
            if (scale.indexOf(option) < 2) add(unit, `${q}#top2`);
          }
        } else if ('optionIds' in answer) {
          for (const option of answer.optionIds as string[]) add(unit, `${q}#o#${option}`);
        } else if ('ranking' in answer) {
          (answer.ranking as string[]).forEach((option, index) => {
            add(unit, `${q}#o#${option}`);
            add(unit, `${q}#r#${option}`, index + 1);
          });
        } else if ('value' in answer) {
          add(unit, `${q}#o#${answer.value as number}`);
          add(unit, `${q}#scored`);
          add(unit, `${q}#sum`, answer.value as number);
        } else if ('text' in answer) {
          add(unit, `${q}#s#${TEXT_LABELS[TEXTS.indexOf(answer.text as string)]}`);
        }
      }
    }
  }
  return tally;
}

const count = (tally: Tally, unit: string, key: string) => tally.get(unit)?.get(key) ?? 0;

/** Checks every shown figure of a results table against the recount; returns how many cells were checked and withheld. */
function checkAgainstRecount(results: SurveyResults, tally: Tally) {
  let shown = 0;
  let withheld = 0;
  const checkShare = (cell: ShareCell | undefined, expectedCount: number, expectedN: number, where: string) => {
    expect(cell, where).toBeDefined();
    if (cell!.status === 'shown') {
      shown++;
      expect({ where, count: cell!.count, n: cell!.n }).toEqual({ where, count: expectedCount, n: expectedN });
      expect(cell!.lower).toBeLessThanOrEqual(cell!.share);
      expect(cell!.upper).toBeGreaterThanOrEqual(cell!.share);
    } else if (cell!.status === 'suppressed') {
      withheld++;
    } else {
      expect(expectedN, where).toBe(0);
    }
    // A figure below the threshold is never shown.
    if (expectedCount > 0 && expectedCount < T) expect(cell!.status, where).toBe('suppressed');
  };
  for (const unit of results.units) {
    const n = count(tally, unit.code, 'n');
    if (unit.respondents.status === 'shown') expect(unit.respondents.n, unit.code).toBe(n);
    if (n === 0) expect(unit.respondents.status, unit.code).toBe('empty');
    if (n > 0 && n < T) expect(unit.respondents, unit.code).toEqual({ status: 'suppressed', reason: 'primary' });
  }
  for (const question of results.questions) {
    const q = question.id;
    for (const [code, figures] of Object.entries(question.units)) {
      const base = count(tally, code, `${q}#n`);
      const where = `${code} ${q}`;
      if (figures.base.status === 'shown') expect(figures.base.n, where).toBe(base);
      if (base > 0 && base < T) expect(figures.base.status, where).toBe('suppressed');
      for (const option of question.options) checkShare(figures.options[option.id], count(tally, code, `${q}#o#${option.id}`), base, `${where} ${option.id}`);
      if (figures.topTwo) checkShare(figures.topTwo, count(tally, code, `${q}#top2`), count(tally, code, `${q}#scored`), `${where} top2`);
      if (figures.mean?.status === 'shown') {
        shown++;
        expect(figures.mean.n, where).toBe(count(tally, code, `${q}#scored`));
        expect(figures.mean.mean, where).toBeCloseTo(count(tally, code, `${q}#sum`) / count(tally, code, `${q}#scored`), 3);
      }
      for (const [option, summary] of Object.entries(figures.ranking ?? {})) {
        const placed = count(tally, code, `${q}#o#${option}`);
        if (summary.meanRank !== null) expect(summary.meanRank, `${where} ${option}`).toBeCloseTo(count(tally, code, `${q}#r#${option}`) / placed, 3);
      }
      if (figures.sentiment) {
        const labelled = ['positive', 'neutral', 'negative'].reduce((sum, label) => sum + count(tally, code, `${q}#s#${label}`), 0);
        checkShare(figures.sentiment.positive, count(tally, code, `${q}#s#positive`), labelled, `${where} positive`);
        checkShare(figures.sentiment.negative, count(tally, code, `${q}#s#negative`), labelled, `${where} negative`);
      }
    }
  }
  return { shown, withheld };
}

describe('survey results', () => {
  let app: TestApp;
  let surveyId: string;
  let wards: { code: string; name: string; districtCode: string }[];
  let areas: { id: string; wardCodes: string[] }[];
  let districts: string[];
  const submitted: { ward: string | null; answers: Answers }[] = [];
  let smallWards: string[];
  let emptyWard: string;

  const unitsOf = (ward: string | null) =>
    ward === null ? ['none', 'force'] : [ward, wards.find((w) => w.code === ward)!.districtCode, ...areas.filter((a) => a.wardCodes.includes(ward)).map((a) => a.id), 'force'];

  beforeAll(async () => {
    app = createTestApp({ issuer, tableName: await createTestTable() });
    const force = await setUpForce(app);
    wards = force.wards;
    districts = [...new Set(wards.map((w) => w.districtCode))];
    // An NPT across both districts, overlapping an Impact Area: overlapping totals must not difference either.
    const crossing = [wards[4]!.code, wards[5]!.code, wards[18]!.code, wards[19]!.code, wards[0]!.code];
    await app.repositories.geography.saveAreas(force.vintage, 'npt', [{ id: 'npt-crossing', kind: 'npt', name: 'Crossing NPT (test)', vintage: force.vintage, wardCodes: crossing }], 'test');
    areas = await app.repositories.geography.listAreas(force.vintage);

    const created = await createSurvey(app, { template: 'priorities', slug: 'results-recount', seriesId: 'results-recount' });
    const questions = created.draft.questions.map((q) => (q.id === 'area' ? { ...q, required: false } : q));
    const clarity = { id: 'clarity', type: 'scale10', dontKnow: true, title: { en: 'How clear was this survey?', ur: 'یہ سروے کتنا واضح تھا؟', pl: 'Jak jasna była ta ankieta?' }, minLabel: { en: 'Not clear', ur: 'واضح نہیں', pl: 'Niejasna' }, maxLabel: { en: 'Very clear', ur: 'بہت واضح', pl: 'Bardzo jasna' } };
    const saved = await call(app, 'PUT', `/api/staff/surveys/${created.id}/draft`, officer, { expectedRevision: created.revision, content: { ...created.draft, questions: [...questions, clarity] } });
    expect(saved.status).toBe(200);
    await publish(app, (await saved.json() as { survey: Created }).survey);
    surveyId = created.id;

    // Ward sizes: one ward nobody answered in, two below the threshold, the rest 10–25; and some without a location.
    const rnd = random(4242);
    emptyWard = wards[1]!.code;
    smallWards = [wards[2]!.code, wards[13]!.code];
    const sizes = new Map(wards.map((w) => [w.code, 10 + Math.floor(rnd() * 16)]));
    sizes.set(emptyWard, 0);
    sizes.set(smallWards[0]!, 3);
    sizes.set(smallWards[1]!, 7);
    for (const [ward, size] of sizes) for (let i = 0; i < size; i++) submitted.push({ ward, answers: recountAnswers(ward, rnd) });
    for (let i = 0; i < NO_LOCATION; i++) submitted.push({ ward: null, answers: recountAnswers(null, rnd) });
    await submitAll(app, surveyId, 1, submitted.map((s) => s.answers));
  }, 180_000);

  it.each(['ward', 'district', 'area', 'force'] as const)('matches a recount of the raw answers in every shown %s figure', async (level) => {
    const results = await getJson<SurveyResults>(app, `/api/staff/surveys/${surveyId}/results?level=${level}`);

    const checked = checkAgainstRecount(results, tallyOf(submitted, unitsOf));

    expect(results.totals).toEqual({ responses: submitted.length, withWard: submitted.length - NO_LOCATION, withoutWard: NO_LOCATION });
    expect(results.level).toBe(level);
    // Wards of 10–25 respondents show few option counts of 10 or more; the rest is withheld, never 0.
    expect(checked.shown).toBeGreaterThan({ ward: 60, district: 30, area: 50, force: 50 }[level]);
    if (level === 'force') {
      // No force-level count here is below the threshold, so the force shows every figure: the
      // complements of small ward figures are found lower down (the greedy rule this replaced
      // withheld force figures too).
      const recount = tallyOf(submitted, unitsOf);
      const smallAtForce = results.questions.flatMap((q) => q.options.map((o) => count(recount, 'force', `${q.id}#o#${o.id}`))).filter((v) => v > 0 && v < T);
      expect(smallAtForce).toEqual([]);
      expect(checked.withheld).toBe(0);
    } else {
      expect(checked.withheld).toBeGreaterThan(0);
    }
  });

  it('shows the force headline figures and the question list from the published version', async () => {
    const results = await getJson<SurveyResults>(app, `/api/staff/surveys/${surveyId}/results?level=district`);

    expect(results.survey).toMatchObject({ id: surveyId, title: 'Your Priorities, Your Plan', seriesId: 'results-recount', wave: 1 });
    expect(results.versions).toEqual([expect.objectContaining({ version: 1, boundaryVintage: '2025-05' })]);
    expect(results.questions.map((q) => q.id)).toEqual(['top_priorities', 'safe_after_dark', 'feel_safer', 'good_job', 'anything_else', 'age_band', 'sex', 'gender_identity', 'ethnicity', 'disability', 'clarity']);
    expect(results.units.map((u) => u.code)).toEqual([...districts.sort(), 'none'].sort((a, b) => (a === 'none' ? 1 : b === 'none' ? -1 : 0)));
    const recount = tallyOf(submitted, unitsOf);
    expect(results.force.clarity?.mean).toMatchObject({ status: 'shown', n: count(recount, 'force', 'clarity#scored') });
    expect(results.force.clarity?.options['7']).toMatchObject({ status: 'shown', count: count(recount, 'force', 'clarity#o#7') });
    expect(results.force.top_priorities?.ranking?.drugs?.borda).toBeGreaterThan(0);
    expect(results.disclosure.threshold).toBe(T);
  });

  it('withholds a ward with fewer respondents than the threshold, and everything in it, never showing 0', async () => {
    const results = await getJson<SurveyResults>(app, `/api/staff/surveys/${surveyId}/results?level=ward`);

    for (const code of smallWards) {
      expect(results.units.find((u) => u.code === code)?.respondents).toEqual({ status: 'suppressed', reason: 'primary' });
      for (const question of results.questions) {
        const figures = question.units[code]!;
        expect(figures.base).toEqual({ status: 'suppressed', reason: 'primary' });
        for (const cell of Object.values(figures.options)) expect(cell).toEqual({ status: 'suppressed', reason: 'primary' });
      }
    }
    expect(results.units.find((u) => u.code === emptyWard)?.respondents).toEqual({ status: 'empty' });
  });

  it('never lets a total minus the shown parts reveal a withheld figure, across ward, district, area and force tables', async () => {
    const [ward, district, area, force] = await Promise.all(['ward', 'district', 'area', 'force'].map((level) => getJson<SurveyResults>(app, `/api/staff/surveys/${surveyId}/results?level=${level}`)));
    const recount = tallyOf(submitted, unitsOf);
    const unitTables = new Map<string, SurveyResults>();
    for (const table of [ward!, district!, area!, force!]) for (const unit of table.units) unitTables.set(unit.code, table);
    const constraints = [
      ...districts.map((d) => ({ total: d, parts: wards.filter((w) => w.districtCode === d).map((w) => w.code) })),
      ...areas.map((a) => ({ total: a.id, parts: a.wardCodes })),
      { total: 'force', parts: [...districts, 'none'] },
    ];
    const readings = (code: string) => readTable(unitTables.get(code)!, code);

    let attacks = 0;
    for (const { total, parts } of constraints) {
      const totals = readings(total);
      const partReadings = parts.map((part) => ({ part, read: readings(part) }));
      for (const [key, value] of totals) {
        // A total of 0 says every part is 0 ("nobody here answered"), which is shown by policy.
        if (value === 'withheld' || value === 0) continue;
        const hidden = partReadings.filter(({ read }) => read.get(key) === 'withheld').map(({ part }) => part);
        if (hidden.length === 0) continue;
        attacks++;
        const trueValues = hidden.map((part) => count(recount, part, key));
        const residual = value - partReadings.reduce((sum, { read }) => sum + (typeof read.get(key) === 'number' ? (read.get(key) as number) : 0), 0);
        // The attacker learns only the sum of the withheld parts: it must cover at least two non-zero ones and reach the threshold.
        expect(residual, `${total} ${key}`).toBe(trueValues.reduce((a, b) => a + b, 0));
        expect(trueValues.filter((v) => v > 0).length, `${total} ${key} hides ${hidden.join(',')}`).not.toBe(1);
        expect(residual >= T, `${total} ${key} leaves ${residual} over ${hidden.join(',')}`).toBe(true);
      }
    }
    expect(attacks).toBeGreaterThan(20);
  });

  it('limits a table to one district or area', async () => {
    const inDistrict = await getJson<SurveyResults>(app, `/api/staff/surveys/${surveyId}/results?level=ward&within=${districts[0]}`);
    const inArea = await getJson<SurveyResults>(app, `/api/staff/surveys/${surveyId}/results?level=ward&within=npt-crossing`);

    expect(inDistrict.units.map((u) => u.code).sort()).toEqual(wards.filter((w) => w.districtCode === districts[0]).map((w) => w.code).sort());
    expect(inArea.units.map((u) => u.code).sort()).toEqual(areas.find((a) => a.id === 'npt-crossing')!.wardCodes.sort());
    expect(Object.keys(inArea.questions[0]!.units).sort()).toEqual(inArea.units.map((u) => u.code).sort());
  });

  it.each(['district', 'force'] as const)('limits %s results to one demographic group, counting only that group and leaving means out', async (level) => {
    const results = await getJson<SurveyResults>(app, `/api/staff/surveys/${surveyId}/results?level=${level}&group=sex:female`);

    const female = tallyOf(submitted, unitsOf, (answers) => (answers.sex as { optionId?: string } | undefined)?.optionId === 'female');
    const checked = checkAgainstRecount(results, female);
    expect(checked.shown).toBeGreaterThan(level === 'force' ? 20 : 5);
    expect(results.group).toEqual({ questionId: 'sex', optionId: 'female', label: 'Female' });
    expect(results.questions.map((q) => q.id)).toEqual(['top_priorities', 'safe_after_dark', 'feel_safer', 'good_job', 'clarity']);
    expect(results.force.good_job?.mean).toBeUndefined();
    expect(results.force.top_priorities?.ranking).toBeUndefined();
    expect(results.totals.responses).toBe(submitted.length);
  });

  it('withholds a group wherever the whole survey withholds that group’s count', async () => {
    const [everyone, female] = await Promise.all([
      getJson<SurveyResults>(app, `/api/staff/surveys/${surveyId}/results?level=ward`),
      getJson<SurveyResults>(app, `/api/staff/surveys/${surveyId}/results?level=ward&group=sex:female`),
    ]);

    const sex = everyone.questions.find((q) => q.id === 'sex')!;
    for (const unit of female.units) {
      const published = sex.units[unit.code]!.options.female!;
      if (published.status === 'suppressed') expect(unit.respondents.status, unit.code).toBe('suppressed');
      if (unit.respondents.status === 'shown') expect(published, unit.code).toMatchObject({ status: 'shown', count: unit.respondents.n });
    }
  });

  it('reads free text on request: themes, redacted quotes, and nothing quoted where the ward is withheld', async () => {
    const force = await getJson<Json>(app, `/api/staff/surveys/${surveyId}/results/text?question=anything_else`);
    const small = await getJson<Json>(app, `/api/staff/surveys/${surveyId}/results/text?question=anything_else&unit=${smallWards[1]}&level=ward`);

    const texts = submitted.filter((s) => s.answers.anything_else).length;
    expect(force).toMatchObject({ questionId: 'anything_else', unit: { level: 'force', code: 'force' }, textsRead: texts, truncated: false, withheld: null });
    expect((force.themes as unknown[]).length).toBeGreaterThan(0);
    const quotes = force.quotes as string[];
    expect(quotes.length).toBeGreaterThan(0);
    expect(quotes.length).toBeLessThanOrEqual(5);
    expect(quotes.join(' ')).not.toMatch(/07700 900123|jo\.bloggs@example\.com/);
    expect(small).toMatchObject({ unit: { level: 'ward', code: smallWards[1] }, quotes: null, themes: null, withheld: { reason: 'primary' } });
  });

  it('answers 400 for malformed parameters, naming them', async () => {
    for (const [query, name] of [
      ['level=street', 'level'],
      ['group=sex', 'group'],
    ] as const) {
      const response = await call(app, 'GET', `/api/staff/surveys/${surveyId}/results?${query}`, analyst);
      expect(response.status, query).toBe(400);
      const { error } = (await response.json()) as { error: { issues: { path: string[] }[] } };
      expect(error.issues.map((i) => i.path.join('.'))).toContain(`query.${name}`);
    }
    expect((await call(app, 'GET', `/api/staff/surveys/not-a-uuid/results`, analyst)).status).toBe(400);
    expect((await call(app, 'GET', `/api/staff/surveys/${surveyId}/results/compare?with=nope`, analyst)).status).toBe(400);
    expect((await call(app, 'GET', `/api/staff/surveys/${surveyId}/results/compare?with=${randomUUID()}&adjust=bonferroni`, analyst)).status).toBe(400);
    expect((await call(app, 'GET', `/api/staff/surveys/${surveyId}/results/text`, analyst)).status).toBe(400);
  });

  it('answers 422 for an unknown group, district, area or question, naming it', async () => {
    for (const [query, name] of [
      ['results?group=sex:nonbinary', 'group'],
      ['results?group=good_job:good', 'group'],
      ['results?level=ward&within=E08999999', 'within'],
      ['results?level=force&within=npt-crossing', 'within'],
      ['results/text?question=good_job', 'question'],
      ['results/text?question=anything_else&unit=E05999999', 'unit'],
    ] as const) {
      const response = await call(app, 'GET', `/api/staff/surveys/${surveyId}/${query}`, analyst);
      expect(response.status, query).toBe(422);
      const { error } = (await response.json()) as { error: { issues: { path: string[] }[] } };
      expect(error.issues.map((i) => i.path.join('.')), query).toContain(`query.${name}`);
    }
  });

  it('answers 404 for an unknown survey', async () => {
    expect((await call(app, 'GET', `/api/staff/surveys/${randomUUID()}/results`, analyst)).status).toBe(404);
    expect((await call(app, 'GET', `/api/staff/surveys/${randomUUID()}/results/series`, analyst)).status).toBe(404);
    expect((await call(app, 'GET', `/api/staff/surveys/${surveyId}/results/compare?with=${randomUUID()}`, analyst)).status).toBe(404);
  });

  it('lets analysts, officers and administrators read results, and nobody without a token', async () => {
    for (const headers of [analyst, officer, admin]) expect((await call(app, 'GET', `/api/staff/surveys/${surveyId}/results?level=force`, headers)).status).toBe(200);
    expect((await call(app, 'GET', `/api/staff/surveys/${surveyId}/results?level=force`)).status).toBe(401);
    expect((await call(app, 'GET', `/api/staff/surveys/${surveyId}/results/text?question=anything_else`)).status).toBe(401);
    expect((await call(app, 'GET', `/api/staff/surveys/${surveyId}/results/compare?with=${randomUUID()}`)).status).toBe(401);
    const noRole = { authorization: `Bearer ${await issuer.token({ roles: [] })}` };
    expect((await call(app, 'GET', `/api/staff/surveys/${surveyId}/results?level=force`, noRole)).status).toBe(403);
  });
});

// ---------------------------------------------------------------------------------------------
// Equality breakdowns next to the whole survey's table, where everyone answered the equality question.

describe('equality breakdowns', () => {
  let app: TestApp;
  let surveyId: string;
  let wards: { code: string; districtCode: string }[];
  let areas: { id: string; wardCodes: string[] }[];
  const submitted: { ward: string | null; answers: Answers }[] = [];
  const unitsOf = (ward: string | null) =>
    ward === null ? ['none', 'force'] : [ward, wards.find((w) => w.code === ward)!.districtCode, ...areas.filter((a) => a.wardCodes.includes(ward)).map((a) => a.id), 'force'];

  beforeAll(async () => {
    app = createTestApp({ issuer, tableName: await createTestTable() });
    const force = await setUpForce(app);
    wards = force.wards;
    areas = await app.repositories.geography.listAreas(force.vintage);
    const created = await createSurvey(app, { template: 'priorities', slug: 'results-groups', seriesId: 'results-groups' });
    await publish(app, created);
    surveyId = created.id;
    // Everyone answers sex, so everyone's figure is exactly the sum of the groups' and the
    // attacker can see that it is (n = sex#n in the whole survey's table).
    const rnd = random(77);
    for (const [i, ward] of wards.entries()) {
      const size = i % 6 === 0 ? 4 : 8 + Math.floor(rnd() * 14);
      for (let j = 0; j < size; j++) {
        const { clarity: _, ...answers } = recountAnswers(ward.code, rnd);
        submitted.push({ ward: ward.code, answers: { ...answers, sex: { optionId: SEX[Math.floor(rnd() * SEX.length)]! } } });
      }
    }
    await submitAll(app, surveyId, 1, submitted.map((s) => s.answers));
  }, 180_000);

  it('never lets everyone’s figure minus the shown groups’ reveal a withheld group figure, nor the groups add up to a withheld overall one', async () => {
    const levels = ['ward', 'district', 'area', 'force'] as const;
    const everyone = await Promise.all(levels.map((level) => getJson<SurveyResults>(app, `/api/staff/surveys/${surveyId}/results?level=${level}`)));
    const groups = await Promise.all(SEX.map((option) => Promise.all(levels.map((level) => getJson<SurveyResults>(app, `/api/staff/surveys/${surveyId}/results?level=${level}&group=sex:${option}`)))));
    const recounts = SEX.map((option) => tallyOf(submitted, unitsOf, (answers) => (answers.sex as { optionId: string }).optionId === option));

    let checked = 0;
    let attacks = 0;
    for (const [l, table] of everyone.entries()) {
      for (const { code } of table.units) {
        const all = readTable(table, code);
        const byGroup = groups.map((tables) => readTable(tables[l]!, code));
        expect(all.get('n'), code).toBe(all.get('sex#n'));
        for (const key of byGroup[0]!.keys()) {
          checked++;
          const overall = all.get(key)!;
          const parts = byGroup.map((read) => read.get(key)!);
          const hidden = SEX.map((_, g) => g).filter((g) => parts[g] === 'withheld');
          if (overall === 'withheld') {
            // The groups added up must not give back the overall figure.
            expect(hidden.length, `${code} ${key}: every group shown, so the withheld overall figure is their sum`).toBeGreaterThan(0);
            continue;
          }
          if (hidden.length === 0) continue;
          attacks++;
          const trueValues = hidden.map((g) => count(recounts[g]!, code, key));
          const residual = overall - parts.reduce<number>((sum, part) => sum + (typeof part === 'number' ? part : 0), 0);
          expect(residual, `${code} ${key}`).toBe(trueValues.reduce((a, b) => a + b, 0));
          expect(trueValues.filter((v) => v > 0).length, `${code} ${key} hides ${hidden.map((g) => SEX[g]).join(',')}`).not.toBe(1);
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
    expect(attacks).toBeGreaterThan(20);
  });
});

// ---------------------------------------------------------------------------------------------
// Two waves of an Impact Area series, the second answered on redrawn boundaries.

/** The demo force's 24 square wards, with ward 1 redrawn under a new code (as in the May 2026 changes). */
function redrawnBoundaries(wards: { code: string; name: string; districtCode: string }[], geometry: Map<string, number[][][]>) {
  const districtNames = new Map([...new Set(wards.map((w) => w.districtCode))].map((code, i) => [code, `District ${i + 1} (test)`]));
  const features = wards.map((w, i) => ({
    type: 'Feature',
    properties: { WD26CD: i === 0 ? 'E05900101' : w.code, WD26NM: i === 0 ? 'New Abbey Fields (test)' : w.name, LAD26CD: w.districtCode, LAD26NM: districtNames.get(w.districtCode) },
    geometry: { type: 'Polygon', coordinates: geometry.get(w.code) },
  }));
  return JSON.stringify({ type: 'FeatureCollection', features });
}

describe('wave-on-wave comparison', () => {
  let app: TestApp;
  let wave1: string;
  let wave2: string;
  let oldWard: string;
  const WAVE_SIZE = 240;

  /** good_job improves sharply between waves; worry_asb answers are identical in both. */
  function waveAnswers(wave: 1 | 2, ward: string, i: number): Answers {
    const rnd = random(9000 + i);
    const good = wave === 1 ? (rnd() < 0.3 ? 'good' : 'poor') : rnd() < 0.7 ? 'good' : 'poor';
    const same = random(7000 + i);
    return {
      area: { wardCode: ward, method: 'postcode' },
      local_priorities: { ranking: ['drugs', 'asb', 'roads'] },
      good_job: { optionId: good },
      worry_asb: { optionId: same() < 0.5 ? 'fairly_worried' : 'not_very_worried' },
    };
  }

  beforeAll(async () => {
    app = createTestApp({ issuer, tableName: await createTestTable() });
    const { wards } = await setUpForce(app);
    oldWard = wards[0]!.code;
    const first = await createSurvey(app, { template: 'impact-area', slug: 'ia-compare-w1', seriesId: 'ia-compare', wave: 1 });
    await publish(app, first);
    wave1 = first.id;
    await submitAll(app, wave1, 1, Array.from({ length: WAVE_SIZE }, (_, i) => waveAnswers(1, wards[i % wards.length]!.code, i)));

    // Boundaries redrawn: ward 1 gets a new code; the live vintage moves on before wave 2 is published.
    await importBoundaries(app.repositories, redrawnBoundaries(wards, demoSquares(wards)), { vintage: '2026-05', source: 'redrawn-test.geojson', actor: 'test' });
    const next = await call(app, 'POST', `/api/staff/surveys/${wave1}/next-wave`, officer, { slug: 'ia-compare-w2' });
    expect(next.status).toBe(201);
    const second = ((await next.json()) as { survey: Created }).survey;
    await publish(app, second);
    wave2 = second.id;
    const newWards = wards.map((w, i) => (i === 0 ? 'E05900101' : w.code));
    await submitAll(app, wave2, 1, Array.from({ length: WAVE_SIZE }, (_, i) => waveAnswers(2, newWards[i % newWards.length]!, i)));
  }, 180_000);

  it('flags a known shift as significant and leaves an unchanged question alone', async () => {
    const comparison = await getJson<WaveComparison>(app, `/api/staff/surveys/${wave2}/results/compare?with=${wave1}&level=force&adjust=holm`);

    const goodJob = comparison.rows.find((r) => r.questionId === 'good_job' && r.unitCode === 'force')!;
    expect(goodJob.optionId).toBe('top2');
    expect(goodJob.before).toMatchObject({ status: 'shown', n: WAVE_SIZE });
    expect(goodJob.difference).toBeGreaterThan(0.25);
    expect(goodJob.significant).toBe(true);
    expect(goodJob.pAdjusted).toBeLessThan(0.001);
    const worry = comparison.rows.find((r) => r.questionId === 'worry_asb' && r.unitCode === 'force')!;
    expect(worry).toMatchObject({ difference: 0, z: 0, p: 1, significant: false });
    expect(comparison).toMatchObject({ before: { surveyId: wave1, wave: 1 }, after: { surveyId: wave2, wave: 2 }, adjustment: 'holm', alpha: 0.05 });
  });

  it('reports each wave’s boundary vintage and the wards found in only one of them', async () => {
    const comparison = await getJson<WaveComparison>(app, `/api/staff/surveys/${wave2}/results/compare?with=${wave1}&level=ward&question=good_job&adjust=bh`);

    expect(comparison.before.boundaryVintages).toEqual(['2025-05']);
    expect(comparison.after.boundaryVintages).toEqual(['2026-05']);
    expect(comparison.vintageDiffers).toBe(true);
    expect(comparison.onlyBefore).toEqual([oldWard]);
    expect(comparison.onlyAfter).toEqual(['E05900101']);
    expect(new Set(comparison.rows.map((r) => r.questionId))).toEqual(new Set(['good_job']));
    // Ten respondents a ward and wave: shown, and compared, wherever both waves show them.
    expect(comparison.rows.length).toBe(23);
    for (const row of comparison.rows) expect(row.p === null).toBe(row.before.status !== 'shown' || row.after.status !== 'shown');
  });

  it('counts the redrawn ward in its district in both waves', async () => {
    const comparison = await getJson<WaveComparison>(app, `/api/staff/surveys/${wave2}/results/compare?with=${wave1}&level=district&question=good_job`);

    expect(comparison.rows.map((r) => (r.before.status === 'shown' ? r.before.n : null))).toEqual([WAVE_SIZE / 2, WAVE_SIZE / 2]);
  });

  it('gives each change its 95% interval, unadjusted p and detectable size at ward, district, Impact Area and force level', async () => {
    const live = await app.repositories.geography.listWards((await app.repositories.geography.currentVintage())!);
    await importAreas(app.repositories, `area_name,ward_code\n${live.map((w, i) => `${i < 12 ? 'First' : 'Second'} Test Area,${w.code}`).join('\n')}\n`, { kind: 'impact-area', actor: 'test' });
    const at = (level: string) => getJson<WaveComparison>(app, `/api/staff/surveys/${wave2}/results/compare?with=${wave1}&level=${level}&question=good_job&adjust=holm`);

    const [wards, districts, areas, force] = await Promise.all([at('ward'), at('district'), at('area'), at('force')]);

    expect(districts.rows.map((r) => r.level)).toEqual(['district', 'district']);
    expect(areas.rows.map((r) => [r.level, r.unitName])).toEqual([
      ['area', 'First Test Area'],
      ['area', 'Second Test Area'],
    ]);
    expect(force.rows.map((r) => [r.level, r.unitCode])).toEqual([['force', 'force']]);
    expect([wards.familySize, districts.familySize, force.familySize]).toEqual([wards.rows.filter((r) => r.p !== null).length, 2, 1]);
    for (const row of [...wards.rows, ...districts.rows, ...areas.rows, ...force.rows]) {
      if (row.before.status !== 'shown' || row.after.status !== 'shown') {
        expect(row).toMatchObject({ difference: null, p: null, differenceInterval: null, detectable: null });
        continue;
      }
      // Newcombe's interval from the two Wilson intervals the results show for each wave (to their 4 places).
      const { before, after } = row;
      expect(row.differenceInterval!.lower).toBeCloseTo(row.difference! - Math.hypot(after.share - after.lower, before.upper - before.share), 3);
      expect(row.differenceInterval!.upper).toBeCloseTo(row.difference! + Math.hypot(after.upper - after.share, before.share - before.lower), 3);
      expect(row.p).toBeGreaterThan(0);
      expect(row.pAdjusted).toBeGreaterThanOrEqual(row.p!);
    }
    // Ten a ward and wave cannot show what 120 a district or 240 the force can.
    const detectable = (c: WaveComparison) => c.rows.flatMap((r) => (r.detectable === null ? [] : [r.detectable]));
    expect(Math.min(...detectable(wards))).toBeGreaterThan(2 * Math.max(...detectable(districts)));
    expect(Math.max(...detectable(districts))).toBeGreaterThan(detectable(force)[0]!);
    expect(Math.min(...detectable(wards))).toBeGreaterThan(2 * Math.max(...detectable(areas)));
    expect(wards.rows.filter((r) => r.p !== null && !r.significant).every((r) => Math.abs(r.difference!) < r.detectable!)).toBe(true);
    expect(force.rows[0]!.significant).toBe(true);
    expect(force.rows[0]!.differenceInterval!.lower).toBeGreaterThan(0.2);
  });

  it('offers the other waves of the series, and refuses to compare across series', async () => {
    const other = await createSurvey(app, { template: 'impact-area', slug: 'other-series', seriesId: 'other-series' });
    await publish(app, other);

    const series = await getJson<{ seriesId: string; surveys: Json[] }>(app, `/api/staff/surveys/${wave2}/results/series`);
    const refused = await call(app, 'GET', `/api/staff/surveys/${wave2}/results/compare?with=${other.id}`, analyst);

    expect(series).toEqual({ seriesId: 'ia-compare', surveys: [{ id: wave1, title: 'Policing in your neighbourhood', wave: 1, status: 'published' }] });
    expect(refused.status).toBe(422);
    const { error } = (await refused.json()) as { error: { code: string; issues: { path: string[] }[] } };
    expect(error.code).toBe('results.different_series');
    expect(error.issues[0]?.path).toEqual(['query', 'with']);
  });
});

/** The squares of the demo geography (6 × 4 of 0.03°, from −2.2, 52.9), in listWards order by code. */
function demoSquares(wards: { code: string }[]): Map<string, number[][][]> {
  const at = (value: number) => Math.round(value * 1e5) / 1e5;
  return new Map(
    wards.map((w) => {
      const index = Number(w.code.slice(-4)) - 1;
      const [row, column] = [Math.floor(index / 6), index % 6];
      const [x, y] = [at(-2.2 + column * 0.03), at(52.9 - row * 0.03)];
      const [x2, y2] = [at(x + 0.03), at(y - 0.03)];
      return [w.code, [[[x, y], [x2, y], [x2, y2], [x, y2], [x, y]]]];
    }),
  );
}

