import type { Question } from '@wardpulse/domain';
import { describe, expect, it } from 'vitest';
import { answerProblem, answersToSend, withoutHidden } from './surveys/answers.ts';
import { catalogueProblems } from './strings/i18n.ts';
import { RESIDENT_CATALOGUE, translator } from './strings/surveys.ts';
import { questionCount } from './surveys/question-count.ts';
import { surveyFacts } from './surveys/survey-facts.tsx';
import { afterFailure, backoffDelay, isDefiniteRejection } from './surveys/outbox.ts';
import { shortReference } from './storage.ts';

const t = translator('en');
const title = { en: 'A question' };
const questions: Question[] = [
  { id: 'bus', type: 'single', title, required: true, dontKnow: false, options: [{ id: 'yes', label: { en: 'Yes' } }, { id: 'no', label: { en: 'No' } }] },
  { id: 'which', type: 'single', title, required: false, dontKnow: false, showIf: { questionId: 'bus', operator: 'is', optionId: 'yes' }, options: [{ id: 'x1', label: { en: '1' } }, { id: 'x2', label: { en: '2' } }] },
  { id: 'why', type: 'text', title, required: false, multiline: false, maxLength: 5, showIf: { questionId: 'which', operator: 'answered' } },
  { id: 'feel', type: 'multiple', title, required: false, maxChoices: 2, options: [{ id: 'a', label: { en: 'A' } }, { id: 'b', label: { en: 'B' } }, { id: 'c', label: { en: 'C' } }, { id: 'none', label: { en: 'None of these' }, exclusive: true }] },
];

describe('resident messages', () => {
  it('counts in Polish plural forms', () => {
    const pl = translator('pl');

    expect([1, 2, 5, 22, 25].map((n) => pl.plural('questionCount', n))).toEqual(['1 pytanie', '2 pytania', '5 pytań', '22 pytania', '25 pytań']);
  });

  it('falls back to the English frame for a survey language without one', () => {
    expect(translator('cy')('continue')).toBe('Continue');
  });

  it('has every English key, plural form and placeholder in Urdu and Polish', () => {
    expect(catalogueProblems(RESIDENT_CATALOGUE.en, RESIDENT_CATALOGUE.translations)).toEqual([]);
  });

  it('finds a key, a plural form or a placeholder a translation lost', () => {
    const english = { a: 'Hello {name}', b: { one: '{n} thing', other: '{n} things' } };

    const problems = catalogueProblems(english, { pl: { a: 'Cześć', b: { one: '{n} rzecz', other: '{n} rzeczy' } }, ur: { b: { one: '{n} چیز', other: '{n} چیزیں' }, c: 'extra' } });

    expect(problems).toEqual([
      'pl: "a" has {} where English has {name}',
      'pl: "b" lacks its "few" form',
      'pl: "b" lacks its "many" form',
      'ur: "a" is missing',
      'ur: "c" is not in the English catalogue',
    ]);
  });
});

describe('question count on the start page', () => {
  const plain: Question[] = [
    { id: 'area', type: 'location', title, required: true },
    { id: 'about', type: 'statement', title, required: false },
    { id: 'age', type: 'single', title, required: false, dontKnow: false, options: [{ id: 'y', label: title }] },
  ];

  it('counts the questions a resident answers, not statement pages', () => {
    expect(questionCount(plain)).toEqual({ min: 2, max: 2 });
  });

  it('gives the fewest and most questions a branching survey asks', () => {
    // bus → which (if yes) → why (if which answered); feel always.
    expect(questionCount(questions)).toEqual({ min: 2, max: 4 });
  });

  it('never counts both sides of an either-or', () => {
    const eitherOr: Question[] = [
      { id: 'bus', type: 'single', title, required: true, dontKnow: false, options: [{ id: 'yes', label: title }, { id: 'no', label: title }] },
      { id: 'why_yes', type: 'text', title, required: false, multiline: false, maxLength: 50, showIf: { questionId: 'bus', operator: 'is', optionId: 'yes' } },
      { id: 'why_no', type: 'text', title, required: false, multiline: false, maxLength: 50, showIf: { questionId: 'bus', operator: 'is', optionId: 'no' } },
    ];

    expect(questionCount(eitherOr)).toEqual({ min: 2, max: 2 });
  });

  it('numbers the runner’s pages by the same reckoning once some are answered', () => {
    expect(questionCount(questions, { bus: { optionId: 'no' } })).toEqual({ min: 2, max: 2 });
    expect(questionCount(questions, { bus: { optionId: 'yes' } })).toEqual({ min: 3, max: 4 });
  });
});

describe('telling two surveys of one title apart', () => {
  it('names the wave, the area and the last open day, in en-GB', () => {
    const facts = surveyFacts({ wave: 2, closesAt: '2027-02-01T00:00:00.000Z', area: { scope: 'areas', names: ['Abbey', 'Northvale'] } }, 'Demo Police', t);

    expect(facts).toEqual(['Wave 2', 'For Abbey and Northvale', 'Open until 31 Jan 2027']);
  });

  it('says a force-wide survey is for the whole force', () => {
    expect(surveyFacts({ wave: 1, opensAt: '2026-11-02T09:00:00.000Z', area: { scope: 'force', names: [] } }, 'Demo Police', t)).toEqual(['Wave 1', 'For all of Demo Police', 'Open since 2 Nov 2026']);
  });
});

describe('answers on the phone', () => {
  it('clears answers that a changed answer hides, including ones hidden in turn', () => {
    const answers = { bus: { optionId: 'no' }, which: { optionId: 'x1' }, why: { text: 'ok' } };

    expect(withoutHidden(questions, answers)).toEqual({ bus: { optionId: 'no' } });
  });

  it('sends only visible, non-empty answers', () => {
    expect(answersToSend(questions, { bus: { optionId: 'yes' }, why: { text: '' }, feel: { optionIds: [] } })).toEqual({ bus: { optionId: 'yes' } });
  });

  it('words problems for residents, as the API would find them', () => {
    expect(answerProblem(questions[0]!, undefined, t, 'en')).toBe('Select an answer');
    expect(answerProblem(questions[2]!, { text: 'too long' }, t, 'en')).toBe('Your answer must be 5 characters or fewer');
    expect(answerProblem(questions[3]!, { optionIds: ['a', 'b', 'c'] }, t, 'en')).toBe('Select no more than 2 options');
    expect(answerProblem(questions[3]!, { optionIds: ['a', 'none'] }, t, 'en')).toBe('“None of these” cannot be combined with other answers');
    expect(answerProblem(questions[3]!, undefined, t, 'en')).toBeNull();
  });
});

describe('outbox', () => {
  it('backs off exponentially with jitter, up to five minutes, and never sooner than Retry-After', () => {
    expect(backoffDelay(0, undefined, () => 0)).toBe(1_000);
    expect(backoffDelay(0, undefined, () => 1)).toBe(2_000);
    expect(backoffDelay(3, undefined, () => 1)).toBe(16_000);
    expect(backoffDelay(30, undefined, () => 1)).toBe(300_000);
    expect(backoffDelay(0, 30, () => 0)).toBe(30_000);
  });

  it('lengthens the back-off only for failures while online, so time offline does not delay the first retries back online', () => {
    let record: Parameters<typeof afterFailure>[0] = { state: 'pending', submission: { id: 'r', surveyId: 's', version: 1, locale: 'en', answers: {} }, slug: 's', queuedAt: '', attempts: 0, nextAttemptAt: 0, reason: 'offline' };
    for (let i = 0; i < 12; i++) record = afterFailure(record, 'offline', 1_000_000, undefined, () => 1);
    expect(record).toMatchObject({ attempts: 12, reason: 'offline', nextAttemptAt: 1_005_000 });
    // Back online, the server busy: the back-off starts from its first step, not the 13th.
    record = afterFailure(record, 'busy', 2_000_000, undefined, () => 1);
    expect(record).toMatchObject({ attempts: 13, busyAttempts: 1, reason: 'busy', nextAttemptAt: 2_002_000 });
    record = afterFailure(record, 'busy', 3_000_000, undefined, () => 1);
    expect(record.nextAttemptAt).toBe(3_004_000);
    // Retry-After still wins.
    expect(afterFailure(record, 'busy', 0, 60, () => 1).nextAttemptAt).toBe(60_000);
  });

  it('drops a submission only on a refusal WardPulse itself gave, keeping it on anything in between', () => {
    const refusal = { error: { code: 'survey.closed', message: 'Closed.' } };
    expect(isDefiniteRejection(422, refusal)).toBe(true);
    expect(isDefiniteRejection(409, { error: { code: 'response.id_reused', message: 'Used.' } })).toBe(true);
    // A captive portal or proxy page, a firewall's 403, a 401 from something in front: keep it.
    expect(isDefiniteRejection(422, null)).toBe(false);
    expect(isDefiniteRejection(404, { message: 'Not Found' })).toBe(false);
    expect(isDefiniteRejection(403, refusal)).toBe(false);
    expect(isDefiniteRejection(401, refusal)).toBe(false);
    expect(isDefiniteRejection(429, refusal)).toBe(false);
    expect(isDefiniteRejection(503, refusal)).toBe(false);
  });

  it('gives a short reference a resident can read out', () => {
    expect(shortReference('3f2a91c0-1111-4222-8333-444455556666')).toBe('3F2A-91C0');
  });
});

describe('resident bundle', () => {
  // Every resident module and domain module, as text, keyed by an absolute path within the repo.
  const base = 'file:///repo/web/src/resident/';
  const raw = import.meta.glob<string>(['./**/*.{ts,tsx}', '!./**/*.test.ts', '../../../packages/domain/src/**/*.ts', '../../../packages/domain/package.json'], { query: '?raw', import: 'default', eager: true });
  const sources = new Map(Object.entries(raw).map(([path, source]) => [new URL(path, base).href, source]));
  const runtimeImports = (source: string) => [...source.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1]!);
  const domainPackage = new URL('../../../packages/domain/package.json', base).href;
  const subpaths = JSON.parse(sources.get(domainPackage)!) as { exports: Record<string, string> };

  it('imports the domain at run time only through its explicit zod-free subpaths, whose modules never import zod', () => {
    const resident = [...sources].filter(([url]) => url.startsWith(base));
    const domainImports = new Set(resident.flatMap(([, source]) => runtimeImports(source).filter((s) => s.startsWith('@wardpulse/domain'))));
    // The package root is the schemas' index: zod. Types from it are fine (`import type` is erased).
    expect(domainImports.has('@wardpulse/domain')).toBe(false);
    expect(domainImports.size).toBeGreaterThan(0);

    const seen = new Set<string>();
    const visit = (url: string) => {
      if (seen.has(url)) return;
      seen.add(url);
      const source = sources.get(url);
      expect(source, url).toBeDefined();
      for (const specifier of runtimeImports(source!)) {
        expect(specifier === 'zod' || specifier.startsWith('zod/'), `${url} imports ${specifier}`).toBe(false);
        if (specifier.startsWith('.')) visit(new URL(specifier, url).href);
      }
    };
    for (const specifier of domainImports) {
      const target = subpaths.exports[`.${specifier.slice('@wardpulse/domain'.length)}`];
      expect(target, `${specifier} is one of the domain's explicit subpaths`).toBeDefined();
      visit(new URL(target!, domainPackage).href);
    }
    expect([...seen].some((url) => url.endsWith('/visibility.ts'))).toBe(true);
    expect([...seen].some((url) => url.endsWith('/constants/locales.ts'))).toBe(true);
  });
});
