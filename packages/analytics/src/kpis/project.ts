import type { Counters, MessageKpis, ShareCell, SuppressionReason } from '@wardpulse/domain';
import { wilsonInterval } from '../proportion.ts';
import { cellId, type Decisions } from '../results/disclosure.ts';
import { CHANNELS, name, SENTIMENT_LABELS, STAR_BUCKETS } from './disclosure.ts';

/**
 * The pilot's KPIs of one unit from its counters and the disclosure decisions. Pure.
 *
 * - satisfaction: share of ratings that are 4 or 5 stars (`sat / ratings`), Wilson interval
 * - interaction rate: (replies + ratings) / recipients, withheld when either count is; share rate:
 *   shares / recipients. Ratings
 *   from shared links (device raters) are not recipients, so in a small unit the count can exceed
 *   the recipients: the cell is then capped at 100 % (the raw counts stay in `ratings`/`replies`)
 * - meanStars: withheld (null) when any star bucket is, as a mean of few buckets gives them away
 * - readability: the mean 0–10 score of the messages counted, passed in by the caller
 * - followUps: replies flagged for follow-up and not yet marked done
 */

const round = (value: number, places = 4) => Math.round(value * 10 ** places) / 10 ** places;

function shareCell(reason: SuppressionReason | undefined, count: number, n: number): ShareCell {
  if (reason) return { status: 'suppressed', reason };
  if (n === 0) return { status: 'empty' };
  const capped = Math.min(count, n);
  const interval = wilsonInterval(capped, n);
  return { status: 'shown', count: capped, n, share: round(interval.share), lower: round(interval.lower), upper: round(interval.upper) };
}

/** The reason a figure built from two withheld-or-shown counts is withheld: primary wins. */
function strongest(a: SuppressionReason | undefined, b: SuppressionReason | undefined): SuppressionReason | undefined {
  if (a === 'primary' || b === 'primary') return 'primary';
  return a ?? b;
}

export function unitKpis(unitKey: string, counters: Counters, decisions: Decisions, readability: number | null): MessageKpis {
  const value = (counter: string) => counters[counter] ?? 0;
  const reason = (counter: string) => decisions.get(cellId(unitKey, counter));
  const ratings = value('ratings');
  const replies = value('replies');
  const recipients = value('recipients');
  const starsWithheld = Boolean(reason('ratings')) || STAR_BUCKETS.some((bucket) => reason(bucket));
  const repliesWithheld = Boolean(reason('replies'));
  const [positive, neutral, negative] = SENTIMENT_LABELS.map((label) => shareCell(reason(name.sentiment(label)), value(name.sentiment(label)), replies)) as [ShareCell, ShareCell, ShareCell];
  return {
    recipients,
    views: value('views'),
    ratings,
    satisfaction: shareCell(reason('sat'), value('sat'), ratings),
    meanStars: ratings === 0 || starsWithheld ? null : round(value('stars') / ratings, 3),
    replies,
    interactionRate: shareCell(strongest(reason('ratings'), reason('replies')), value('interactions'), recipients),
    shares: value('shares'),
    shareRate: shareCell(reason('shares'), value('shares'), recipients),
    sharesByChannel: Object.fromEntries(CHANNELS.filter((channel) => value(name.channel(channel)) > 0).map((channel) => [channel, value(name.channel(channel))])),
    readability: readability === null ? null : round(readability, 2),
    replySentiment: { positive, neutral, negative, meanScore: replies === 0 || repliesWithheld ? null : round(value('s#sum') / replies, 3) },
    followUps: Math.max(0, value('followups') - value('followups_done')),
  };
}
