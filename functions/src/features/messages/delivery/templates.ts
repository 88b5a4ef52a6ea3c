/**
 * The e-mails residents get: plain, accessible HTML (a language, a title, real headings, links
 * that say where they go, no images of text, no tracking pixels) with a text alternative that
 * says the same. The three parts of a message are three headed sections.
 */
import { TOPIC_LABELS, type Message, type Topic } from '@wardpulse/domain';

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** Blank lines separate paragraphs; single line breaks are kept. */
const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('\n');

const list = (items: string[]) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

const page = (title: string, body: string) =>
  `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
</head>
<body>
${body}
</body>
</html>
`;

/** The three parts, in the order residents read them, with the headings the pilot used. */
export const MESSAGE_SECTIONS = [
  { part: 'concern', heading: 'What’s happening' },
  { part: 'action', heading: 'What we’re doing' },
  { part: 'advice', heading: 'What you can do' },
] as const;

export const RATING_LABELS: Record<number, string> = { 5: 'very useful', 4: 'useful', 3: 'quite useful', 2: 'not very useful', 1: 'not useful at all' };

export interface MessageMailInput {
  message: Pick<Message, 'id' | 'title' | 'concern' | 'action' | 'advice' | 'link' | 'image'>;
  forceName: string;
  /** The ward this recipient gets the message for. */
  wardName: string;
  /** The recipient's topics, to say why they get it. */
  topics: readonly Topic[];
  links: { page: string; rate: (stars: number) => string; manage: string; unsubscribe: string };
}

export function renderMessageMail({ message, forceName, wardName, topics, links }: MessageMailInput): RenderedMail {
  const sections = MESSAGE_SECTIONS.filter(({ part }) => message[part].trim().length > 0);
  const why = `You get this because you signed up for messages from ${forceName} about ${wardName}${topics.length > 0 ? ` (${list(topics.map((topic) => TOPIC_LABELS[topic].toLowerCase()))})` : ''}.`;
  const stars = [5, 4, 3, 2, 1];

  const html = page(
    message.title,
    [
      `<p>${escapeHtml(forceName)} · ${escapeHtml(wardName)}</p>`,
      `<h1>${escapeHtml(message.title)}</h1>`,
      message.image ? `<p><img src="${escapeHtml(message.image.url)}" alt="${escapeHtml(message.image.alt)}" width="560"></p>` : '',
      ...sections.map(({ part, heading }) => `<h2>${heading}</h2>\n${paragraphs(message[part])}`),
      message.link ? `<p><a href="${escapeHtml(message.link.url)}">${escapeHtml(message.link.label)}</a></p>` : '',
      `<h2>Was this message useful?</h2>`,
      `<p>Choose a rating. It opens the message page, where you can also reply or share it.</p>`,
      `<ul>\n${stars.map((n) => `<li><a href="${escapeHtml(links.rate(n))}"><span aria-hidden="true">${'★'.repeat(n)}${'☆'.repeat(5 - n)}</span> ${n} star${n === 1 ? '' : 's'}: ${RATING_LABELS[n]}</a></li>`).join('\n')}\n</ul>`,
      `<p><a href="${escapeHtml(links.page)}">Read this message online, reply or share it</a></p>`,
      `<hr>`,
      `<p>${escapeHtml(why)}</p>`,
      `<p><a href="${escapeHtml(links.manage)}">Change your areas or topics, or delete your details</a> · <a href="${escapeHtml(links.unsubscribe)}">Unsubscribe</a></p>`,
    ]
      .filter(Boolean)
      .join('\n'),
  );

  const text = [
    `${forceName} · ${wardName}`,
    '',
    message.title,
    '='.repeat(Math.min(message.title.length, 72)),
    ...sections.flatMap(({ part, heading }) => ['', heading, '-'.repeat(heading.length), message[part].trim()]),
    ...(message.link ? ['', `${message.link.label}: ${message.link.url}`] : []),
    '',
    'Was this message useful? Choose a rating:',
    ...stars.map((n) => `${n} star${n === 1 ? '' : 's'} (${RATING_LABELS[n]}): ${links.rate(n)}`),
    '',
    `Read this message online, reply or share it: ${links.page}`,
    '',
    '--',
    why,
    `Change your areas or topics, or delete your details: ${links.manage}`,
    `Unsubscribe: ${links.unsubscribe}`,
    '',
  ].join('\n');

  return { subject: subjectLine(message.title), html, text };
}

/**
 * A subject is one line: line breaks (CR, LF, Unicode line and paragraph separators) and other
 * control characters become spaces, so nothing an officer or administrator typed can add a header.
 */
export function subjectLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g, ' ').replace(/\s{2,}/g, ' ').trim();
}

export interface ConfirmationMailInput {
  forceName: string;
  wardNames: readonly string[];
  topics: readonly Topic[];
  confirmUrl: string;
  /** Days the link works; after that an unconfirmed sign-up is forgotten. */
  days: number;
}

export function renderConfirmationMail({ forceName, wardNames, topics, confirmUrl, days }: ConfirmationMailInput): RenderedMail {
  const subject = subjectLine(`Confirm your community messages from ${forceName}`);
  const about = `${list(topics.map((topic) => TOPIC_LABELS[topic].toLowerCase()))} in ${list([...wardNames])}`;
  const ignore = `If you did not ask for this, ignore this e-mail: you will get nothing more from us, and we will forget your address within ${days} days.`;
  const html = page(
    subject,
    [
      `<h1>Confirm your community messages</h1>`,
      `<p>Someone, hopefully you, asked for community messages from ${escapeHtml(forceName)} about ${escapeHtml(about)}.</p>`,
      `<p><a href="${escapeHtml(confirmUrl)}">Yes, send me community messages</a></p>`,
      `<p>The link works for ${days} days.</p>`,
      `<p>${escapeHtml(ignore)}</p>`,
    ].join('\n'),
  );
  const text = [
    'Confirm your community messages',
    '',
    `Someone, hopefully you, asked for community messages from ${forceName} about ${about}.`,
    '',
    `To confirm, open this link (it works for ${days} days):`,
    confirmUrl,
    '',
    ignore,
    '',
  ].join('\n');
  return { subject, html, text };
}

/**
 * RFC 2369 / RFC 8058 headers: mail clients show an "Unsubscribe" button that POSTs
 * `List-Unsubscribe=One-Click` to the https URL, with no login and no confirmation page.
 */
export function unsubscribeHeaders(oneClickUrl: string, mailto?: string): Record<string, string> {
  const targets = [`<${oneClickUrl}>`, ...(mailto ? [`<mailto:${mailto}?subject=unsubscribe>`] : [])];
  return { 'List-Unsubscribe': targets.join(', '), 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}
