import { describe, expect, it } from 'vitest';
import { checkDraft } from './checks.ts';
import { SurveyContentSchema, type SurveyContent } from './survey.ts';
import { TEMPLATES } from './templates.ts';
import { markReviewed, outdatedTranslations, sourceFingerprint, sourceStrings, trackTranslations, translationState } from './translations.ts';

const template = () => SurveyContentSchema.parse(TEMPLATES.priorities.content);
const indexOf = (content: SurveyContent, id: string) => content.questions.findIndex((q) => q.id === id);

/** What the editor does when an officer retypes the English of a question's title. */
function reword(content: SurveyContent, id: string, english: string): SurveyContent {
  return trackTranslations(content, { ...content, questions: content.questions.map((q) => (q.id === id ? { ...q, title: { ...q.title, en: english } } : q)) });
}

const outdatedChecks = (content: SurveyContent) => checkDraft(content).filter((c) => c.code === 'draft.outdated_translation');

describe('translation fingerprints', () => {
  it('ships both templates with every translation up to date and fingerprinted', () => {
    for (const kind of ['priorities', 'impact-area'] as const) {
      const content = SurveyContentSchema.parse(TEMPLATES[kind].content);

      const strings = sourceStrings(content);

      expect(outdatedTranslations(content, content.locales)).toEqual([]);
      expect(outdatedChecks(content)).toEqual([]);
      for (const locale of ['ur', 'pl'] as const) expect(Object.keys(content.translatedFrom?.[locale] ?? {}).sort()).toEqual(strings.map((s) => s.key).sort());
    }
  });

  it('marks each translation of a reworded question out of date and blocks publishing, naming the question and language', () => {
    const content = template();
    const index = indexOf(content, 'safe_after_dark');

    const reworded = reword(content, 'safe_after_dark', 'How safe do you feel walking alone in your neighbourhood after dark?');

    const checks = outdatedChecks(reworded);
    expect(checks.map((c) => [c.path, c.severity])).toEqual([
      [['questions', index, 'title'], 'error'],
      [['questions', index, 'title'], 'error'],
    ]);
    expect(checks[0]!.message).toBe(
      `Question ${index + 1} (“How safe do you feel walking alone in your neighbourhood…”) was reworded in English after its Urdu translation was written. Update the Urdu translation, or choose “Mark reviewed” in Translations if it still says the same.`,
    );
    expect(checks[1]!.message).toContain('its Polish translation');
    const string = sourceStrings(reworded).find((s) => s.key === 'q:safe_after_dark:title')!;
    expect(translationState(reworded, string, 'ur')).toBe('out-of-date');
    expect(outdatedChecks(reword(content, 'good_job', content.questions[indexOf(content, 'good_job')]!.title.en))).toEqual([]);
  });

  it('clears the warning for one language when that translation is marked reviewed', () => {
    const reworded = reword(template(), 'safe_after_dark', 'How safe do you feel out alone after dark?');

    const reviewed = markReviewed(reworded, 'q:safe_after_dark:title', 'ur');

    expect(outdatedChecks(reviewed).map((c) => c.message.includes('Polish'))).toEqual([true]);
    expect(outdatedChecks(markReviewed(reviewed, 'q:safe_after_dark:title', 'pl'))).toEqual([]);
  });

  it('treats a stored draft without fingerprints as reviewed, and catches a rewording made after it is opened', () => {
    const { translatedFrom: _none, ...legacy } = template();

    const reworded = reword(legacy, 'good_job', 'How good a job are the police doing where you live?');

    expect(outdatedChecks(legacy)).toEqual([]);
    expect(outdatedChecks(reworded)).toHaveLength(2);
  });

  it('keeps the fingerprints when a question moves, and gives a newly translated string its current English', () => {
    const content = reword(template(), 'good_job', 'How good a job are the police doing?');
    const moved = trackTranslations(content, { ...content, questions: [...content.questions].reverse() });

    const added = trackTranslations(moved, { ...moved, questions: [...moved.questions, { id: 'new_one', type: 'statement', required: false, title: { en: 'Thanks for your time', ur: 'شکریہ', pl: 'Dziękujemy' } }] });

    expect(outdatedChecks(moved)).toHaveLength(2);
    expect(added.translatedFrom?.ur?.['q:new_one:title']).toBe(sourceFingerprint('Thanks for your time'));
    expect(outdatedChecks(added)).toHaveLength(2);
  });

  it('keeps the previous fingerprints when a save leaves them out, so rewording through the API is caught too', () => {
    const content = template();
    const { translatedFrom: _left, ...sent } = { ...content, questions: content.questions.map((q) => (q.id === 'area' ? { ...q, title: { ...q.title, en: 'Which area do you live in?' } } : q)) };

    const stored = trackTranslations(content, sent);

    expect(outdatedChecks(stored)).toHaveLength(2);
  });

  it('ignores spacing changes in the English', () => {
    expect(sourceFingerprint('  Where do you\nlive? ')).toBe(sourceFingerprint('Where do you live?'));
    expect(sourceFingerprint('Where do you live?')).not.toBe(sourceFingerprint('Where do you live'));
  });
});
