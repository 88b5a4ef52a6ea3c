/**
 * Pure edits of a survey draft for the designer: stable ids, new questions, moves, conditions,
 * translatable strings and where each check points. No React here, so it is tested on its own.
 */
import {
  DEMOGRAPHIC_OPTIONS,
  LOCALE_INFO,
  LOCALES,
  SCALES,
  sourceStrings,
  SurveyContentSchema,
  translationState,
  type Condition,
  type DraftCheck,
  type Locale,
  type Option,
  type Question,
  type QuestionType,
  type Scale,
  type SurveyContent,
  type Text,
  type TranslatedLocale,
  type TranslationState,
} from '@wardpulse/domain';

export type Path = (string | number)[];

/** Results and exports key on ids, so the longest id leaves room for a uniqueness suffix. */
const ID_MAX = 40;
const RESERVED_OPTION_IDS = new Set(['dont_know']);

export const QUESTION_TYPES: { type: QuestionType; label: string; hint: string }[] = [
  { type: 'single', label: 'Single choice', hint: 'Residents choose one option.' },
  { type: 'multiple', label: 'Multiple choice', hint: 'Residents choose several options, up to a maximum if you set one.' },
  { type: 'ranking', label: 'Top-N priorities (tap to rank)', hint: 'Residents tap their 1st, 2nd, 3rd… choice.' },
  { type: 'likert', label: 'Rating scale (Likert)', hint: 'A Public Attitude Survey scale, such as Strongly agree … Strongly disagree.' },
  { type: 'scale10', label: '0 to 10 scale', hint: 'A number from 0 to 10 with words at each end.' },
  { type: 'text', label: 'Free text', hint: 'A short or long written answer.' },
  { type: 'location', label: 'Where do you live? (ward)', hint: 'Postcode or ward; only the ward is kept.' },
  { type: 'demographic', label: 'About you (equality monitoring)', hint: 'Census 2021 categories with “Prefer not to say”.' },
  { type: 'statement', label: 'Statement or section page', hint: 'Text only: nothing to answer.' },
];

export const TYPE_LABELS = Object.fromEntries(QUESTION_TYPES.map((t) => [t.type, t.label])) as Record<QuestionType, string>;

export const SCALE_LABELS: Record<Scale, string> = {
  agree5: 'Agreement (5 points)',
  good5: 'How good a job (5 points)',
  safe4: 'How safe (4 points)',
  worry4: 'How worried (4 points)',
};

export type DemographicField = keyof typeof DEMOGRAPHIC_OPTIONS;
export const DEMOGRAPHIC_LABELS: Record<DemographicField, string> = {
  ageBand: 'Age band',
  sex: 'Sex',
  genderIdentity: 'Gender identity',
  ethnicity: 'Ethnic group',
  disability: 'Disability',
};

/**
 * An id from a label: lower-case ASCII words joined by `_`, cut at a word boundary.
 * @example
 * slugId('A greater sense of community', 'option') // 'a_greater_sense_of_community'
 */
export function slugId(label: string, fallback: string): string {
  const words = label
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    // Letters with a stroke do not decompose.
    .replace(/ł/g, 'l')
    .replace(/ø/g, 'o')
    .replace(/đ/g, 'd')
    .replace(/ß/g, 'ss')
    .replace(/&/g, ' and ')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let id = '';
  for (const word of words) {
    const next = id ? `${id}_${word}` : word;
    if (next.length > ID_MAX - 4) break;
    id = next;
  }
  if (!id) id = words[0]?.slice(0, ID_MAX - 4) ?? '';
  if (!id) return fallback;
  return /^[a-z]/.test(id) ? id : `${fallback.slice(0, 1)}_${id}`.slice(0, ID_MAX - 4);
}

/** The id itself if free, else the id with `_2`, `_3`…; never a reserved id. */
export function uniqueId(base: string, taken: Iterable<string>, reserved: ReadonlySet<string> = new Set()): string {
  const used = new Set(taken);
  if (!used.has(base) && !reserved.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}_${n}`;
    if (!used.has(candidate) && !reserved.has(candidate)) return candidate;
  }
}

/** A new option whose id is made once, from its first label, and never changes after. */
export function newOption(label: string, existing: readonly Option[]): Option {
  const id = uniqueId(
    slugId(label, 'option'),
    existing.map((o) => o.id),
    RESERVED_OPTION_IDS,
  );
  return { id, label: { en: label.trim() } };
}

const copyOptions = (options: readonly Option[]): Option[] => options.map((o) => ({ ...o, label: { ...o.label } }));

/** A new question of a type, with sensible defaults and an id made from its English title. */
export function newQuestion(type: QuestionType, title: string, existing: readonly Question[]): Question {
  const id = uniqueId(
    slugId(title, 'question'),
    existing.map((q) => q.id),
  );
  const base = { id, title: { en: title.trim() }, required: false };
  switch (type) {
    case 'single':
      return { ...base, type, options: [], dontKnow: false };
    case 'multiple':
      return { ...base, type, options: [] };
    case 'ranking':
      return { ...base, type, options: [], pick: 3 };
    case 'likert':
      return { ...base, type, scale: 'agree5', dontKnow: true };
    case 'scale10':
      return { ...base, type, minLabel: { en: 'Not at all' }, maxLabel: { en: 'Completely' }, dontKnow: false };
    case 'text':
      return { ...base, type, multiline: false, maxLength: 1000 };
    case 'location':
      return { ...base, type, required: true };
    case 'demographic':
      return { ...base, type, field: 'ageBand', options: copyOptions(DEMOGRAPHIC_OPTIONS.ageBand) };
    case 'statement':
      return { ...base, type };
  }
}

export function demographicOptions(field: DemographicField): Option[] {
  return copyOptions(DEMOGRAPHIC_OPTIONS[field]);
}

/** Moves an item by `delta` places; out-of-range moves return the list unchanged. */
export function move<T>(items: readonly T[], index: number, delta: number): T[] {
  const target = index + delta;
  if (index < 0 || index >= items.length || target < 0 || target >= items.length) return [...items];
  const next = [...items];
  const [item] = next.splice(index, 1);
  next.splice(target, 0, item as T);
  return next;
}

/** Sets a value deep inside the draft without mutating it; `undefined` removes the key. */
export function setAt<T>(root: T, path: Path, value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path as [string | number, ...Path];
  if (Array.isArray(root)) {
    const copy = [...root];
    copy[head as number] = setAt(copy[head as number], rest, value);
    return copy as T;
  }
  const copy = { ...(root as Record<string, unknown>) };
  const next = setAt(copy[head], rest, value);
  if (next === undefined) delete copy[head];
  else copy[head] = next;
  return copy as T;
}

export function getAt(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (node === null || node === undefined ? undefined : (node as Record<string | number, unknown>)[key]), root);
}

/**
 * Sets one locale of an optional text. An optional text left with no words at all disappears,
 * so clearing "Help" does not leave an empty English string the API would refuse.
 */
export function withLocale(text: Text | undefined, locale: Locale, value: string, optional: boolean): Text | undefined {
  const next: Record<string, string> = { ...(text ?? { en: '' }) };
  if (value === '' && locale !== 'en') delete next[locale];
  else next[locale] = value;
  if (optional && Object.values(next).every((v) => v.trim() === '')) return undefined;
  return next as Text;
}

/** Which operators a condition on `target` can use. */
export function operatorsFor(target: Question): Condition['operator'][] {
  switch (target.type) {
    case 'single':
    case 'likert':
    case 'demographic':
      return ['is', 'is_not', 'answered'];
    case 'multiple':
    case 'ranking':
      return ['includes', 'answered'];
    default:
      return ['answered'];
  }
}

export const OPERATOR_LABELS: Record<Condition['operator'], string> = {
  is: 'the answer is',
  is_not: 'the answer is not',
  includes: 'the answers include',
  answered: 'it was answered (any answer)',
};

/** The options a condition can name: a question's own, or its scale's points. */
export function conditionOptions(target: Question): Option[] {
  if (target.type === 'likert') return SCALES[target.scale];
  return 'options' in target ? target.options : [];
}

/** Questions a condition on question `index` may point at: earlier ones with an answer. */
export function conditionTargets(questions: readonly Question[], index: number): Question[] {
  return questions.slice(0, index).filter((q) => q.type !== 'statement');
}

/** A condition on `target`, keeping what still fits of the previous one. */
export function conditionFor(target: Question, previous?: Condition): Condition {
  const operators = operatorsFor(target);
  const operator = previous && operators.includes(previous.operator) ? previous.operator : operators[0]!;
  if (operator === 'answered') return { questionId: target.id, operator };
  const options = conditionOptions(target);
  const optionId = previous?.questionId === target.id && options.some((o) => o.id === previous.optionId) ? previous.optionId : options[0]?.id;
  return { questionId: target.id, operator, ...(optionId ? { optionId } : {}) };
}

export interface TranslatableString {
  /** Where the text sits in the draft, e.g. `['questions', 2, 'options', 0, 'label']`. */
  path: Path;
  /** Which part of the question, e.g. "Option 1". */
  field: string;
  text: Text;
  /** The string's fingerprint key (by question and option id), for "Mark reviewed". */
  key: string;
}

export interface TranslationGroup {
  key: string;
  heading: string;
  strings: TranslatableString[];
}

/** Every string an officer writes, grouped as the translations view shows them. */
export function translationGroups(content: SurveyContent): TranslationGroup[] {
  const keys = new Map(sourceStrings(content).map((s) => [s.path.join('.'), s.key]));
  const survey: Omit<TranslatableString, 'key'>[] = [{ path: ['title'], field: 'Survey title', text: content.title }];
  if (content.intro) survey.push({ path: ['intro'], field: 'Introduction', text: content.intro });
  if (content.thanks) survey.push({ path: ['thanks'], field: 'Thank-you message', text: content.thanks });
  const groups: { key: string; heading: string; strings: Omit<TranslatableString, 'key'>[] }[] = [{ key: 'survey', heading: 'Survey', strings: survey }];
  content.questions.forEach((question, index) => {
    const at = (...rest: Path): Path => ['questions', index, ...rest];
    const strings: Omit<TranslatableString, 'key'>[] = [{ path: at('title'), field: 'Question', text: question.title }];
    if (question.help) strings.push({ path: at('help'), field: 'Help text', text: question.help });
    if ('options' in question) question.options.forEach((option, o) => strings.push({ path: at('options', o, 'label'), field: `Option ${o + 1}`, text: option.label }));
    if (question.type === 'scale10') strings.push({ path: at('minLabel'), field: 'Label for 0', text: question.minLabel }, { path: at('maxLabel'), field: 'Label for 10', text: question.maxLabel });
    groups.push({ key: question.id, heading: `Question ${index + 1}: ${question.title.en || '(no English text yet)'}`, strings });
  });
  return groups.map((group) => ({ ...group, strings: group.strings.map((string) => ({ ...string, key: keys.get(string.path.join('.')) ?? string.path.join('.') })) }));
}

export const isMissing = (text: Text, locale: Locale) => !(text as Record<string, string | undefined>)[locale]?.trim();

/** How many strings lack each of the survey's other languages. */
export function missingCounts(content: SurveyContent): Partial<Record<Locale, number>> {
  const strings = translationGroups(content).flatMap((g) => g.strings);
  return Object.fromEntries(content.locales.filter((l) => l !== 'en').map((locale) => [locale, strings.filter((s) => isMissing(s.text, locale)).length]));
}

/** Whether one string's translation is missing, out of date (English reworded since) or up to date. */
export const stateOf = (content: SurveyContent, string: Pick<TranslatableString, 'key' | 'text'>, locale: TranslatedLocale): TranslationState => translationState(content, string, locale);

/** How many translations into each of the survey's other languages are out of date. */
export function outdatedCounts(content: SurveyContent): Partial<Record<Locale, number>> {
  const strings = translationGroups(content).flatMap((g) => g.strings);
  return Object.fromEntries(
    content.locales.filter((l): l is TranslatedLocale => l !== 'en').map((locale) => [locale, strings.filter((s) => translationState(content, s, locale) === 'out-of-date').length]),
  );
}

/** The survey's languages, English first, in the product's order. */
export function orderedLocales(locales: readonly Locale[]): Locale[] {
  return LOCALES.filter((l) => l === 'en' || locales.includes(l));
}

export const localeName = (locale: Locale) => LOCALE_INFO[locale].name;

/** A draft problem, found here before saving or by the API afterwards. */
export interface Problem {
  path: Path;
  message: string;
  code?: string;
  severity: 'error' | 'warning';
}

const friendlyZodMessage = (path: Path, code: string, message: string, minimum: unknown): string => {
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
function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

const FIELD_NAMES: Record<string, string> = {
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

const listWords = (words: string[]) => (words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)!}`);

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
