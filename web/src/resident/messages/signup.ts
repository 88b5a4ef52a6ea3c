/** Checks on the sign-up form before it is sent (the API checks again). Pure, unit-tested. */
import type { Topic } from '@wardpulse/domain';
import type { PostcodeExample } from '../postcode-example.ts';
import type { FieldError } from './fields.tsx';
import type { MessagesTranslate } from '../strings/messages.ts';

export type WhereMode = 'postcode' | 'wards';

/** Close enough to the API's e-mail check to catch typing slips; the API has the last word. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/;
/** A full UK postcode (`B66 1AA`, `b661aa`). */
const POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$/i;

export interface SignupForm {
  email: string;
  mode: WhereMode;
  postcode: string;
  wardCodes: string[];
  topics: Topic[];
}

export const MAX_WARDS = 20;

/** The form's problems in the page's language; the postcode example is the force's own, if it has one. */
export function signupProblems(form: SignupForm, t: MessagesTranslate, example: PostcodeExample | null): FieldError[] {
  const problems: FieldError[] = [];
  const email = form.email.trim();
  if (email === '') problems.push({ field: 'email', text: t('enterEmail') });
  else if (!EMAIL.test(email) || email.length > 254) problems.push({ field: 'email', text: t('emailFormat') });
  if (form.mode === 'postcode') {
    const postcode = form.postcode.trim();
    if (postcode === '') problems.push({ field: 'postcode', text: t('enterPostcodeOrWards') });
    else if (!POSTCODE.test(postcode)) problems.push({ field: 'postcode', text: example ? t('fullPostcode', { postcode: example.postcode }) : t('fullPostcodeNoExample') });
  } else if (form.wardCodes.length === 0) {
    problems.push({ field: 'wards', text: t('selectWard') });
  } else if (form.wardCodes.length > MAX_WARDS) {
    problems.push({ field: 'wards', text: t('tooManyWards', { max: MAX_WARDS }) });
  }
  if (form.topics.length === 0) problems.push({ field: 'topics', text: t('selectTopic') });
  return problems;
}

/** The `?token=` an e-mail link carries, or null. */
export function tokenFromQuery(search: string): string | null {
  const token = new URLSearchParams(search).get('token')?.trim();
  return token ? token : null;
}
