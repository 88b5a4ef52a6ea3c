/**
 * The composer's form and what it sends: text fields as typed, turned into the API's message
 * content (optional link and image only when filled in), with the checks the API would make on
 * links, images and targeting. Pure, unit-tested.
 */
import type { MessageContent, MessageTargeting } from '@wardpulse/domain';
import { canonical } from '../shared/canonical.ts';

export interface ComposerForm {
  title: string;
  concern: string;
  action: string;
  advice: string;
  linkUrl: string;
  linkLabel: string;
  imageUrl: string;
  imageAlt: string;
}

export const FIELD_IDS = {
  title: 'message-title',
  concern: 'message-concern',
  action: 'message-action',
  advice: 'message-advice',
  linkUrl: 'message-link-url',
  linkLabel: 'message-link-label',
  imageUrl: 'message-image-url',
  imageAlt: 'message-image-alt',
  targeting: 'message-targeting',
  at: 'message-send-at',
} as const;

export type FieldKey = keyof typeof FIELD_IDS;

export const emptyForm = (): ComposerForm => ({ title: '', concern: '', action: '', advice: '', linkUrl: '', linkLabel: '', imageUrl: '', imageAlt: '' });

export const defaultTargeting = (): MessageTargeting => ({ scope: { scope: 'force' }, topics: [] });

export function formFromContent(content: MessageContent): ComposerForm {
  return {
    title: content.title,
    concern: content.concern,
    action: content.action,
    advice: content.advice,
    linkUrl: content.link?.url ?? '',
    linkLabel: content.link?.label ?? '',
    imageUrl: content.image?.url ?? '',
    imageAlt: content.image?.alt ?? '',
  };
}

/** The content to save: text as typed (the API trims), a link or image only when any of it is filled in. */
export function contentFromForm(form: ComposerForm): MessageContent {
  const link = form.linkUrl.trim() || form.linkLabel.trim() ? { link: { url: form.linkUrl.trim(), label: form.linkLabel.trim() } } : {};
  const image = form.imageUrl.trim() || form.imageAlt.trim() ? { image: { url: form.imageUrl.trim(), alt: form.imageAlt.trim() } } : {};
  return { title: form.title, concern: form.concern, action: form.action, advice: form.advice, ...link, ...image };
}

export interface FormProblem {
  field: FieldKey;
  message: string;
}

const isHttps = (value: string) => {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
};

/** What stops a draft being saved: the API would refuse it (400/422). Empty parts are coaching, not this. */
export function saveProblems(form: ComposerForm, targeting: MessageTargeting): FormProblem[] {
  const problems: FormProblem[] = [];
  if (!form.title.trim()) problems.push({ field: 'title', message: 'Give the message a title.' });
  if (form.title.trim().length > 120) problems.push({ field: 'title', message: 'The title must be 120 characters or fewer.' });
  for (const part of ['concern', 'action', 'advice'] as const) {
    if (form[part].trim().length > 1500) problems.push({ field: part, message: 'Each part must be 1,500 characters or fewer.' });
  }
  if (form.linkUrl.trim() || form.linkLabel.trim()) {
    if (!isHttps(form.linkUrl.trim())) problems.push({ field: 'linkUrl', message: 'Enter the link as a full address starting https://' });
    if (!form.linkLabel.trim()) problems.push({ field: 'linkLabel', message: 'Give the link words that say where it goes, like “Report it online”.' });
  }
  if (form.imageUrl.trim() || form.imageAlt.trim()) {
    if (!isHttps(form.imageUrl.trim())) problems.push({ field: 'imageUrl', message: 'Enter the image as a full address starting https://' });
    if (!form.imageAlt.trim()) problems.push({ field: 'imageAlt', message: 'Describe the image for people who cannot see it.' });
  }
  const { scope } = targeting;
  if ((scope.scope === 'wards' || scope.scope === 'districts') && scope.codes.length === 0) problems.push({ field: 'targeting', message: `Choose at least one ${scope.scope === 'wards' ? 'ward' : 'district'}, or everyone across the force.` });
  if (scope.scope === 'areas' && scope.ids.length === 0) problems.push({ field: 'targeting', message: 'Choose at least one area, or everyone across the force.' });
  return problems;
}

/** The form field an API issue path names (`['link', 'url']` → `linkUrl`). */
export function fieldForPath(path: readonly (string | number)[]): FieldKey {
  const parts = path.filter((p) => p !== 'body' && p !== 'json').map(String);
  const [first, second] = parts;
  if (first === 'link') return second === 'label' ? 'linkLabel' : 'linkUrl';
  if (first === 'image') return second === 'alt' ? 'imageAlt' : 'imageUrl';
  if (first === 'title' || first === 'concern' || first === 'action' || first === 'advice' || first === 'targeting' || first === 'at') return first;
  return 'title';
}

/** Same content and targeting, whatever the key order. */
export function sameDraft(a: { content: MessageContent; targeting: MessageTargeting }, b: { content: MessageContent; targeting: MessageTargeting }): boolean {
  return canonical(a) === canonical(b);
}


/** `datetime-local` value (the officer's local time) → ISO instant, or null when empty or not a time. */
export function localTimeToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The "Sent 120 of 400" line of the send progress. */
export function progressText(progress: { audience: number; sent: number; failed: number; suppressed: number }): string {
  const parts = [`Sent ${progress.sent.toLocaleString('en-GB')} of ${progress.audience.toLocaleString('en-GB')}`];
  if (progress.failed > 0) parts.push(`${progress.failed.toLocaleString('en-GB')} failed`);
  if (progress.suppressed > 0) parts.push(`${progress.suppressed.toLocaleString('en-GB')} skipped (bounced or complained before)`);
  return parts.join(' · ');
}

export const peopleText = (n: number) => `${n.toLocaleString('en-GB')} ${n === 1 ? 'person' : 'people'}`;
