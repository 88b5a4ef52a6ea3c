/**
 * Pure edits of a survey draft for the designer: stable ids, new questions, moves and deep
 * edits; conditions, translatable strings and problems are modules of their own beside it
 * (conditions.ts, translation-strings.ts, problems.ts). No React here, so it is tested on its own.
 */
import { DEMOGRAPHIC_OPTIONS, type Locale, type Option, type Question, type QuestionType, type Scale, type Text } from '@wardpulse/domain';

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

