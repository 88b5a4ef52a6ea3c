/** Checks on the sign-up form before it is sent (the API checks again). Pure, unit-tested. */
import type { Topic } from '@wardpulse/domain';
import type { FieldError } from './fields.tsx';

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

export function signupProblems(form: SignupForm): FieldError[] {
  const problems: FieldError[] = [];
  const email = form.email.trim();
  if (email === '') problems.push({ field: 'email', text: 'Enter your email address' });
  else if (!EMAIL.test(email) || email.length > 254) problems.push({ field: 'email', text: 'Enter an email address in the correct format, like name@example.com' });
  if (form.mode === 'postcode') {
    const postcode = form.postcode.trim();
    if (postcode === '') problems.push({ field: 'postcode', text: 'Enter your postcode, or choose wards from a list' });
    else if (!POSTCODE.test(postcode)) problems.push({ field: 'postcode', text: 'Enter a full postcode, like B66 1AA' });
  } else if (form.wardCodes.length === 0) {
    problems.push({ field: 'wards', text: 'Select at least one ward' });
  } else if (form.wardCodes.length > 20) {
    problems.push({ field: 'wards', text: 'Select no more than 20 wards' });
  }
  if (form.topics.length === 0) problems.push({ field: 'topics', text: 'Select at least one topic' });
  return problems;
}

/** The `?token=` an e-mail link carries, or null. */
export function tokenFromQuery(search: string): string | null {
  const token = new URLSearchParams(search).get('token')?.trim();
  return token ? token : null;
}
