import { checkDraft, markReviewed, SurveyContentSchema, TEMPLATES, trackTranslations, type SurveyContent } from '@wardpulse/domain';
import { describe, expect, it } from 'vitest';
import { conditionFor } from './conditions.ts';
import { move, newOption, newQuestion, setAt, slugId, uniqueId, withLocale } from './draft.ts';
import { apiProblems, describePath, fromChecks, problemView, schemaProblems, summariseProblems } from './problems.ts';
import { missingCounts, outdatedCounts, translationGroups } from './translation-strings.ts';

const priorities = (): SurveyContent => SurveyContentSchema.parse(TEMPLATES.priorities.content);

describe('ids', () => {
  it('makes an id from a label’s words, without accents or punctuation', () => {
    expect(slugId('A greater sense of community!', 'option')).toBe('a_greater_sense_of_community');
    expect(slugId('Zażółć gęślą jaźń', 'option')).toBe('zazolc_gesla_jazn');
    expect(slugId('Fish & chips', 'option')).toBe('fish_and_chips');
  });

  it('starts an id with a letter and falls back when a label has no Latin letters', () => {
    expect(slugId('16–24', 'option')).toBe('o_16_24');
    expect(slugId('معلوم نہیں', 'option')).toBe('option');
  });

  it('cuts a long label at a word boundary, leaving room for a suffix', () => {
    const id = slugId('What would make you feel safer walking alone in this area after dark', 'question');

    expect(id.length).toBeLessThanOrEqual(36);
    expect(id).toMatch(/^[a-z][a-z0-9_]*[a-z0-9]$/);
  });

  it('adds a numeric suffix to an id already taken, and never gives a reserved one', () => {
    expect(uniqueId('cctv', ['cctv', 'cctv_2'])).toBe('cctv_3');
    expect(uniqueId('dont_know', [], new Set(['dont_know']))).toBe('dont_know_2');
  });

  it('keeps an option’s id when its label changes later', () => {
    const option = newOption('More CCTV', []);

    const relabelled = { ...option, label: withLocale(option.label, 'en', 'More CCTV cameras', false)! };

    expect(option.id).toBe('more_cctv');
    expect(relabelled.id).toBe('more_cctv');
    expect(newOption('More CCTV', [option]).id).toBe('more_cctv_2');
  });

  it('gives a new question an id no other question has', () => {
    const content = priorities();

    const question = newQuestion('single', 'Where do you live?', content.questions);

    expect(question.id).toBe('where_do_you_live');
    expect(newQuestion('single', 'Area', content.questions).id).toBe('area_2');
  });
});

describe('edits', () => {
  it('moves an item up and down and ignores moves past either end', () => {
    expect(move(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(move(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(move(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
  });

  it('sets a value deep in the draft without changing the original', () => {
    const content = priorities();

    const next = setAt(content, ['questions', 1, 'options', 0, 'label', 'ur'], 'نیا');

    expect((next.questions[1] as { options: { label: Record<string, string> }[] }).options[0]!.label.ur).toBe('نیا');
    expect(next.questions[0]).toBe(content.questions[0]);
    expect((content.questions[1] as { options: { label: Record<string, string> }[] }).options[0]!.label.ur).toBe('سماج دشمن رویہ');
  });

  it('drops an optional text once every language is empty', () => {
    expect(withLocale({ en: 'Help' }, 'en', '', true)).toBeUndefined();
    expect(withLocale({ en: 'Help', ur: 'مدد' }, 'ur', '', true)).toEqual({ en: 'Help' });
    expect(withLocale(undefined, 'en', 'New', true)).toEqual({ en: 'New' });
  });

  it('builds a condition that fits the earlier question’s type', () => {
    const [location, ranking, likert] = priorities().questions;

    expect(conditionFor(location!)).toEqual({ questionId: 'area', operator: 'answered' });
    expect(conditionFor(ranking!)).toEqual({ questionId: 'top_priorities', operator: 'includes', optionId: 'asb' });
    expect(conditionFor(likert!, { questionId: 'top_priorities', operator: 'is_not', optionId: 'asb' })).toEqual({ questionId: 'safe_after_dark', operator: 'is_not', optionId: 'very_safe' });
  });
});

describe('translations and problems', () => {
  it('lists every string, with missing translations counted per language', () => {
    const content = priorities();
    const question = newQuestion('single', 'Do you feel safe?', content.questions);
    const withNew = { ...content, questions: [...content.questions, { ...question, options: [newOption('Yes', []), newOption('No', [])] }] as SurveyContent['questions'] };

    const groups = translationGroups(withNew);

    expect(groups[0]!.strings.map((s) => s.field)).toEqual(['Survey title', 'Introduction', 'Thank-you message']);
    expect(groups.at(-1)!.strings.map((s) => s.field)).toEqual(['Question', 'Option 1', 'Option 2']);
    expect(missingCounts(withNew)).toEqual({ ur: 3, pl: 3 });
  });

  it('gathers one question’s missing translations into one line naming the languages', () => {
    const content = priorities();
    const question = { ...newQuestion('single', 'Do you feel safe?', content.questions), options: [newOption('Yes', []), newOption('No', [])] };
    const withNew = { ...content, questions: [...content.questions, question] as SurveyContent['questions'] };

    const items = summariseProblems(withNew, fromChecks(checkDraft(withNew)));

    expect(items.filter((i) => i.severity === 'error').map((i) => i.text)).toEqual([`Question ${withNew.questions.length} “Do you feel safe?”: add the Urdu and Polish translations (6 missing)`]);
  });

  it('explains a draft the schema refuses in plain words', () => {
    const content = priorities();
    const question = newQuestion('ranking', 'Rank these', content.questions);

    const problems = schemaProblems({ ...content, questions: [...content.questions, question] });

    expect(problems).toEqual([{ path: ['questions', content.questions.length, 'options'], message: 'Add at least 2 options.', code: 'schema.too_small', severity: 'error' }]);
  });

  it('reads API issues without the request prefix and names where they are', () => {
    const content = priorities();

    const [problem] = apiProblems([{ path: ['json', 'content', 'questions', 1, 'options', 2, 'label', 'en'], message: 'Enter the English text.' }]);

    expect(problem!.path).toEqual(['questions', 1, 'options', 2, 'label', 'en']);
    expect(describePath(content, problem!.path)).toBe('Question 2 “What should the police focus on where you live?…”, option 3');
  });
});

describe('translations out of date', () => {
  it('counts and summarises the translations a rewording put out of date, one line per question', () => {
    const content = SurveyContentSchema.parse(TEMPLATES.priorities.content);
    const index = content.questions.findIndex((q) => q.id === 'feel_safer');
    const question = content.questions[index]!;
    const reworded = trackTranslations(content, setAt(content, ['questions', index, 'title', 'en'], 'What would help you feel safer? Choose up to 3.'));

    const problems = fromChecks(checkDraft(reworded)).filter((p) => p.code === 'draft.outdated_translation');
    const items = summariseProblems(reworded, problems);

    expect(outdatedCounts(reworded)).toEqual({ ur: 1, pl: 1 });
    expect(missingCounts(reworded)).toEqual({ ur: 0, pl: 0 });
    expect(problems.every((p) => problemView(p) === 'translations')).toBe(true);
    expect(items.map((i) => i.text)).toEqual([
      `Question ${index + 1} “What would help you feel safer? Choose up to 3.”: the English was reworded after the Urdu and Polish translations were written. Update them, or choose “Mark reviewed” in Translations if they still say the same.`,
    ]);
    expect(outdatedCounts(markReviewed(markReviewed(reworded, `q:${question.id}:title`, 'ur'), `q:${question.id}:title`, 'pl'))).toEqual({ ur: 0, pl: 0 });
  });
});
