/**
 * The machinery both resident-facing apps (surveys, community messages) translate with: one
 * typed catalogue per app, English the source, plural forms by `Intl.PluralRules`.
 */
import type { Locale } from '@wardpulse/domain';
import { LOCALE_INFO } from '@wardpulse/domain/constants/locales';

/** A count-dependent message: one form per CLDR plural category the language uses. */
export type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

export type Catalogue = Record<string, string | Plural>;

/** A translation of the English catalogue `E`: the same keys, strings for strings, plurals for plurals. */
export type Dictionary<E extends Catalogue> = { [K in keyof E]: E[K] extends Plural ? Plural : string };

type StringKey<E extends Catalogue> = { [K in keyof E]: E[K] extends string ? K : never }[keyof E];
type PluralKey<E extends Catalogue> = { [K in keyof E]: E[K] extends Plural ? K : never }[keyof E];
export type Vars = Record<string, string | number>;

export type Translator<E extends Catalogue> = {
  (key: StringKey<E>, vars?: Vars): string;
  /** A count: picks the plural form for `n` and fills `{n}`. */
  plural(key: PluralKey<E>, n: number, vars?: Vars): string;
  locale: Locale;
  number(n: number): string;
};

/** The BCP 47 tag for `lang` attributes and `Intl`. */
export const langTag = (locale: Locale): string => (locale === 'en' ? 'en-GB' : locale);

const fill = (template: string, vars: Vars) => template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));

/** A translator for one locale; a language without a dictionary gets the English one. */
export function makeTranslator<E extends Catalogue>(dictionaries: Partial<Record<Locale, Dictionary<E>>>, english: E, locale: Locale): Translator<E> {
  const dictionary: Dictionary<E> | E = dictionaries[locale] ?? english;
  const rules = new Intl.PluralRules(langTag(locale));
  const numbers = new Intl.NumberFormat(langTag(locale));
  // In right-to-left text, a filled-in name or code ("ZZ3", "Abbey Fields") keeps its own order.
  const isolate = LOCALE_INFO[locale].dir === 'rtl' ? (value: string) => `\u2068${value}\u2069` : (value: string) => value;
  const number = (n: number) => numbers.format(n);
  const format = (vars: Vars) => Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, typeof v === 'number' ? number(v) : isolate(v)]));
  const plural = (key: PluralKey<E>, n: number, vars: Vars = {}) => {
    const forms = dictionary[key] as Plural;
    return fill(forms[rules.select(n)] ?? forms.other, format({ ...vars, n }));
  };
  const t: Translator<E> = Object.assign((key: StringKey<E>, vars: Vars = {}) => fill(dictionary[key] as string, format(vars)), { plural, locale, number });
  return t;
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

/**
 * Everything wrong with a catalogue's translations, in words: a key missing or extra, an empty
 * string, a plural form the language needs but lacks, a `{placeholder}` lost or invented.
 * The catalogue tests expect none.
 */
export function catalogueProblems<E extends Catalogue>(english: E, translations: Partial<Record<Locale, Record<string, unknown>>>): string[] {
  const problems: string[] = [];
  const keys = Object.keys(english);
  for (const [locale, dictionary] of Object.entries(translations) as [Locale, Record<string, unknown>][]) {
    const categories = new Intl.PluralRules(langTag(locale)).resolvedOptions().pluralCategories;
    for (const key of keys) {
      const source = english[key]!;
      const value = dictionary[key];
      if (value === undefined) {
        problems.push(`${locale}: "${key}" is missing`);
        continue;
      }
      const sourceVars = placeholders(typeof source === 'string' ? source : source.other);
      if (typeof source === 'string') {
        if (typeof value !== 'string' || value.trim() === '') problems.push(`${locale}: "${key}" is empty or not a string`);
        else if (placeholders(value).join() !== sourceVars.join()) problems.push(`${locale}: "${key}" has {${placeholders(value).join('}, {')}} where English has {${sourceVars.join('}, {')}}`);
        continue;
      }
      if (typeof value !== 'object' || value === null) {
        problems.push(`${locale}: "${key}" must have plural forms`);
        continue;
      }
      const forms = value as Record<string, string | undefined>;
      for (const category of categories) {
        const form = forms[category];
        if (!form?.trim()) problems.push(`${locale}: "${key}" lacks its "${category}" form`);
        // A form may leave out {n} (Polish "one" can say the word), but never invent a placeholder.
        else if (placeholders(form).some((name) => name !== 'n' && !sourceVars.includes(name))) problems.push(`${locale}: "${key}" (${category}) has a placeholder English does not`);
      }
    }
    for (const key of Object.keys(dictionary)) if (!(key in english)) problems.push(`${locale}: "${key}" is not in the English catalogue`);
  }
  return problems;
}
