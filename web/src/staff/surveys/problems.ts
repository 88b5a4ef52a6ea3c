/** Draft problems, found here before saving or by the API afterwards: in plain words, tied to the field that fixes them. */
import { LOCALE_INFO, LOCALES, SurveyContentSchema, type DraftCheck, type SurveyContent } from '@wardpulse/domain';
import type { Path } from './draft.ts';

/** A draft problem, found here before saving or by the API afterwards. */
export interface Problem {
  path: Path;
  message: string;
  code?: string;
  severity: 'error' | 'warning';
}

export const friendlyZodMessage = (path: Path, code: string, message: string, minimum: unknown): string => {
  const last = path.at(-1);
  if (code === 'too_small' && last === 'options') return `Add at least ${String(minimum)} options.`;
  if (code === 'too_small' && last === 'questions') return 'Add at least one question.';
  if (code === 'too_small' && last === 'en') return 'Enter the English text.';
  if (code === 'too_small' && (last === 'pick' || last === 'maxChoices' || last === 'maxLength')) return `Enter a number of at least ${String(minimum)}.`;
  if (code === 'too_big' && last === 'pick') return 'Residents can rank at most 10.';
  return message;
};

/**
 * What stops the draft being saved (it breaks the schema) — the same schema the API applies,
 * with plainer words for the common cases.
 */
export function schemaProblems(content: SurveyContent): Problem[] {
  const parsed = SurveyContentSchema.safeParse(content);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    return { path, message: friendlyZodMessage(path, issue.code, issue.message, 'minimum' in issue ? issue.minimum : undefined), code: `schema.${issue.code}`, severity: 'error' as const };
  });
}

/** Problems from the API (`issues` of a 422, or `checks`), with the request prefix removed. */
export function apiProblems(issues: readonly { path: Path; message: string; code?: string; severity?: string }[]): Problem[] {
  return issues.map((issue) => {
    const path = issue.path[0] === 'json' ? issue.path.slice(1) : issue.path;
    return {
      path: path[0] === 'content' ? path.slice(1) : path,
      message: issue.message,
      ...(issue.code ? { code: issue.code } : {}),
      severity: issue.severity === 'warning' ? 'warning' : 'error',
    };
  });
}

export const fromChecks = (checks: readonly DraftCheck[]): Problem[] => apiProblems(checks);

/** Cuts text to about `max` characters at a word boundary. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

export const FIELD_NAMES: Record<string, string> = {
  title: 'question',
  help: 'help text',
  minLabel: 'label for 0',
  maxLabel: 'label for 10',
  pick: 'how many to pick',
  maxChoices: 'most choices',
  maxLength: 'maximum length',
  showIf: 'condition',
  id: 'id',
  options: 'options',
};

/**
 * Where a problem is, in words: "Question 3 “Where do you live?”, option 2".
 * @example
 * describePath(content, ['questions', 0, 'title']) // 'Question 1 “Where do you live?”'
 */
export function describePath(content: SurveyContent, path: Path): string {
  if (path[0] === 'title') return 'Survey title';
  if (path[0] === 'intro') return 'Introduction';
  if (path[0] === 'thanks') return 'Thank-you message';
  if (path[0] === 'locales') return 'Languages';
  if (path[0] !== 'questions') return 'Survey';
  if (typeof path[1] !== 'number') return 'Questions';
  const question = content.questions[path[1]];
  const title = question?.title.en.trim();
  const name = `Question ${path[1] + 1}${title ? ` “${shorten(title, 50)}”` : ''}`;
  const rest = path.slice(2);
  if (rest[0] === 'options' && typeof rest[1] === 'number') return `${name}, option ${rest[1] + 1}`;
  const field = typeof rest[0] === 'string' ? FIELD_NAMES[rest[0]] : undefined;
  return field && field !== 'question' ? `${name}, ${field}` : name;
}

/** The question a problem belongs to, if any. */
export const problemQuestion = (path: Path): number | undefined => (path[0] === 'questions' && typeof path[1] === 'number' ? path[1] : undefined);

/** Missing translations are fixed in the translations view; everything else where the question is edited. */
export const problemView = (problem: Pick<Problem, 'code'>): 'questions' | 'translations' =>
  problem.code === 'draft.missing_translation' || problem.code === 'draft.outdated_translation' ? 'translations' : 'questions';

/** DOM id of the editor field at a path (English text fields end in `en`). */
export const fieldDomId = (path: Path) => `sv-${path.join('-')}`;
/** DOM id of a string's row in the translations view. */
export const translationDomId = (path: Path) => `sv-tr-${path.join('-')}`;

export interface ProblemItem {
  key: string;
  text: string;
  severity: Problem['severity'];
  /** Where the link goes: the first problem of the item. */
  problem: Problem;
}

export const listWords = (words: string[]) => (words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)!}`);

/**
 * Problems as an officer reads them: each named by where it is, and the missing translations of
 * one question gathered into one line (a new question in a three-language survey would otherwise
 * list every string twice); translations out of date after a rewording are gathered the same way.
 */
export function summariseProblems(content: SurveyContent, problems: readonly Problem[]): ProblemItem[] {
  const items: ProblemItem[] = [];
  const translations = new Map<string, { item: ProblemItem; count: number; locales: Set<string> }>();
  const outdated = new Map<string, { item: ProblemItem; locales: Set<string> }>();
  problems.forEach((problem, index) => {
    if (problem.code === 'draft.missing_translation') {
      const question = problemQuestion(problem.path);
      const key = question === undefined ? 'translations-survey' : `translations-${question}`;
      let group = translations.get(key);
      if (!group) {
        group = { item: { key, text: '', severity: problem.severity, problem }, count: 0, locales: new Set() };
        translations.set(key, group);
        items.push(group.item);
      }
      group.count += 1;
      for (const locale of LOCALES) if (problem.message.includes(LOCALE_INFO[locale].name)) group.locales.add(LOCALE_INFO[locale].name);
      const where = question === undefined ? 'Survey title, introduction or thank-you message' : describePath(content, ['questions', question]);
      group.item.text = `${where}: add the ${listWords([...group.locales])} translation${group.count === 1 ? '' : 's'} (${group.count} missing)`;
      return;
    }
    if (problem.code === 'draft.outdated_translation') {
      const question = problemQuestion(problem.path);
      const key = question === undefined ? 'outdated-survey' : `outdated-${question}`;
      let group = outdated.get(key);
      if (!group) {
        group = { item: { key, text: '', severity: problem.severity, problem }, locales: new Set() };
        outdated.set(key, group);
        items.push(group.item);
      }
      for (const locale of LOCALES) if (problem.message.includes(`its ${LOCALE_INFO[locale].name} translation`)) group.locales.add(LOCALE_INFO[locale].name);
      const where = question === undefined ? 'Survey title, introduction or thank-you message' : describePath(content, ['questions', question]);
      const languages = listWords([...group.locales]);
      group.item.text = `${where}: the English was reworded after the ${languages} translation${group.locales.size === 1 ? ' was' : 's were'} written. Update ${group.locales.size === 1 ? 'it' : 'them'}, or choose “Mark reviewed” in Translations if ${group.locales.size === 1 ? 'it still says' : 'they still say'} the same.`;
      return;
    }
    items.push({ key: `${problem.path.join('.')}-${problem.code ?? ''}-${index}`, text: `${describePath(content, problem.path)}: ${problem.message}`, severity: problem.severity, problem });
  });
  return [...items.filter((i) => i.severity === 'error'), ...items.filter((i) => i.severity === 'warning')];
}
