import type { SentimentScore } from '@wardpulse/analytics';

/**
 * Which replies staff should follow up: any with negative sentiment, a question (a question mark),
 * or words that ask for help or signal risk. Deliberately generous — a reply flagged needlessly
 * costs an officer a glance; one missed may be someone asking for help. The words are matched as
 * whole words, case-insensitively.
 */
export const FOLLOW_UP_KEYWORDS = [
  'help',
  'urgent',
  'urgently',
  'emergency',
  'danger',
  'dangerous',
  'scared',
  'afraid',
  'frightened',
  'threatened',
  'threatening',
  'unsafe',
  'abuse',
  'attacked',
  'assaulted',
  'stalking',
  'call me',
  'contact me',
  'ring me',
  'get back to me',
  'please respond',
] as const;

const KEYWORD = new RegExp(`\\b(${FOLLOW_UP_KEYWORDS.map((k) => k.replace(/ /g, '\\s+')).join('|')})\\b`, 'gi');

/**
 * Why a reply needs following up (empty when it does not): `negative`, `question`, `keyword:<word>`.
 * @example
 * followUpReasons('Can someone help? Kids on bikes every night.', { score: -0.1, label: 'negative' })
 * // ['negative', 'question', 'keyword:help']
 */
export function followUpReasons(text: string, sentiment: SentimentScore): string[] {
  const reasons: string[] = [];
  if (sentiment.label === 'negative') reasons.push('negative');
  if (/[?？]/.test(text)) reasons.push('question');
  const found = new Set([...text.matchAll(KEYWORD)].map((match) => match[1]!.toLowerCase().replace(/\s+/g, ' ')));
  for (const keyword of FOLLOW_UP_KEYWORDS) if (found.has(keyword)) reasons.push(`keyword:${keyword}`);
  return reasons;
}
