/**
 * The community-message pages' own words (sign-up, message, confirm, manage, unsubscribe) in the
 * resident languages (one file each: messages.en.ts, .ur.ts, .pl.ts), with the survey app's switch
 * and plural rules (`i18n.ts`).
 * Officers' messages themselves are written in English and shown as written.
 */
import type { Locale, Topic } from '@wardpulse/domain';
import { createContext, useContext } from 'react';
import { langTag, makeTranslator, type Translator } from './i18n.ts';
import { en } from './messages.en.ts';
import { pl } from './messages.pl.ts';
import { ur } from './messages.ur.ts';

export const MESSAGES_CATALOGUE = { en, translations: { ur, pl } };

export type MessagesTranslate = Translator<typeof en>;

export const messagesTranslator = (locale: Locale): MessagesTranslate => makeTranslator<typeof en>({ en, ur, pl }, en, locale);

export const topicLabel = (t: MessagesTranslate, topic: Topic) => t(`topic_${topic}`);

/** "Burglary, Drugs and Scams and fraud" in the page's language. */
export const listOf = (t: MessagesTranslate, items: string[]) => new Intl.ListFormat(langTag(t.locale), { style: 'long', type: 'conjunction' }).format(items);

/** The translator of the page's language; English until the app provides one. */
export const MessagesT = createContext<MessagesTranslate>(messagesTranslator('en'));
export const useT = () => useContext(MessagesT);
