import { z } from 'zod';
import { TOPICS } from '../constants/topics.ts';
import { ShareCellSchema } from '../results.ts';

/**
 * Community messages in the WMNow style: every message says three things — what the key concern
 * is, what the police are doing about it, and what you can do. Residents sign up by ward and
 * topic, rate messages, reply and share; the pilot's KPIs come out of the system per message,
 * ward and period.
 *
 * Personal data (e-mail addresses) lives only in `Contact` records, stored apart from engagement
 * data (a separate table) and never exported with it.
 */

// TOPICS, TOPIC_LABELS and `Topic` live in constants/topics.ts (no zod), which the index exports.
export const TopicSchema = z.enum(TOPICS);

// ---------------------------------------------------------------- sign-ups (personal data)

/** What a resident sends to sign up: a postcode (→ ward, never kept) or chosen wards, plus topics. */
export const SignupRequestSchema = z
  .object({
    email: z.email().max(254),
    postcode: z.string().trim().max(10).optional(),
    wardCodes: z.array(z.string()).max(20).optional(),
    topics: z.array(TopicSchema).min(1, 'Choose at least one topic.'),
    /** Honeypot: a field people never see; bots fill it. */
    website: z.string().max(200).optional(),
  })
  .refine((s) => Boolean(s.postcode) || (s.wardCodes?.length ?? 0) > 0, { message: 'Give a postcode or choose at least one ward.', path: ['postcode'] });
export type SignupRequest = z.infer<typeof SignupRequestSchema>;

export const ContactStatusSchema = z.enum(['pending', 'active', 'unsubscribed', 'suppressed']);
export type ContactStatus = z.infer<typeof ContactStatusSchema>;

/** A resident's sign-up. Stored in the contacts table only. */
export const ContactSchema = z.object({
  id: z.uuid(),
  email: z.email(),
  wardCodes: z.array(z.string()).min(1),
  topics: z.array(TopicSchema).min(1),
  status: ContactStatusSchema,
  createdAt: z.iso.datetime(),
  confirmedAt: z.iso.datetime().optional(),
  unsubscribedAt: z.iso.datetime().optional(),
  /** Why an address no longer receives messages: a bounce, a complaint, or the resident's choice. */
  suppressedReason: z.enum(['bounce', 'complaint']).optional(),
});
export type Contact = z.infer<typeof ContactSchema>;

// ---------------------------------------------------------------- messages

export const MessageTargetingSchema = z.object({
  scope: z.discriminatedUnion('scope', [
    z.object({ scope: z.literal('force') }),
    z.object({ scope: z.literal('districts'), codes: z.array(z.string()).min(1) }),
    z.object({ scope: z.literal('areas'), ids: z.array(z.string()).min(1) }),
    z.object({ scope: z.literal('wards'), codes: z.array(z.string()).min(1) }),
  ]),
  /** Only residents who chose one of these topics; empty = every signed-up resident in scope. */
  topics: z.array(TopicSchema),
});
export type MessageTargeting = z.infer<typeof MessageTargetingSchema>;

/** What an officer writes. The three parts are separate fields so each can be coached and checked. */
export const MessageContentSchema = z.object({
  title: z.string().trim().min(1, 'Give the message a title.').max(120),
  /** What is the key concern? */
  concern: z.string().trim().max(1500),
  /** What are the police doing about it? */
  action: z.string().trim().max(1500),
  /** What can you do? */
  advice: z.string().trim().max(1500),
  link: z.object({ url: z.url({ protocol: /^https$/ }), label: z.string().trim().min(1).max(80) }).optional(),
  image: z.object({ url: z.url({ protocol: /^https$/ }), alt: z.string().trim().min(1, 'Describe the image for people who cannot see it.').max(250) }).optional(),
});
export type MessageContent = z.infer<typeof MessageContentSchema>;

/** Readability as stored with a message and shown live in the composer. See README for the 0–10 mapping. */
export const ReadabilitySchema = z.object({
  /** Flesch reading ease (0–100+, higher is easier). */
  fleschReadingEase: z.number(),
  fleschKincaidGrade: z.number(),
  /** WardPulse's 0–10 readability score (10 = easiest); documented mapping from reading ease and coaching flags. */
  score: z.number().min(0).max(10),
  words: z.number().int().min(0),
  sentences: z.number().int().min(0),
  longSentences: z.number().int().min(0),
  passiveVoice: z.number().int().min(0),
  jargon: z.number().int().min(0),
});
export type Readability = z.infer<typeof ReadabilitySchema>;

/** One coaching note, anchored to a part of the message and a character range in it. */
export const CoachingNoteSchema = z.object({
  part: z.enum(['title', 'concern', 'action', 'advice']),
  kind: z.enum(['long_sentence', 'passive_voice', 'jargon', 'missing_part', 'too_long', 'all_caps']),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  message: z.string(),
  /** A plain-English replacement, where there is one (e.g. "ASB" → "anti-social behaviour"). */
  suggestion: z.string().optional(),
  severity: z.enum(['error', 'warning', 'info']),
});
export type CoachingNote = z.infer<typeof CoachingNoteSchema>;

export const MessageStatusSchema = z.enum(['draft', 'scheduled', 'sending', 'sent', 'failed']);
export type MessageStatus = z.infer<typeof MessageStatusSchema>;

export const SendProgressSchema = z.object({
  audience: z.number().int().min(0),
  sent: z.number().int().min(0),
  failed: z.number().int().min(0),
  /** Addresses skipped because they bounced or complained before. */
  suppressed: z.number().int().min(0),
});
export type SendProgress = z.infer<typeof SendProgressSchema>;

export const MessageSchema = MessageContentSchema.extend({
  id: z.string().min(1),
  status: MessageStatusSchema,
  targeting: MessageTargetingSchema,
  readability: ReadabilitySchema,
  /** Demo data only: which writing style a synthetic message was made in. */
  style: z.enum(['three-part', 'legacy']).optional(),
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  scheduledFor: z.iso.datetime().optional(),
  sentAt: z.iso.datetime().optional(),
  progress: SendProgressSchema.optional(),
  /** Bumped on every write; a stale edit is refused with 409. */
  revision: z.number().int().min(1),
});
export type Message = z.infer<typeof MessageSchema>;

/** What residents see at `/m/<id>`: the message without staff-only fields. */
export const PublicMessageSchema = MessageContentSchema.extend({ id: z.string(), sentAt: z.string().nullable(), forceName: z.string() });
export type PublicMessage = z.infer<typeof PublicMessageSchema>;

// ---------------------------------------------------------------- residents' engagement

export const ShareChannelSchema = z.enum(['native', 'copy', 'whatsapp', 'facebook', 'x', 'email']);
export type ShareChannel = z.infer<typeof ShareChannelSchema>;

/**
 * Who is engaging, without cookies: the signed recipient token from the e-mail link (`r`), or a
 * random id the device keeps in localStorage for shared links. Ratings count once per rater.
 */
export const RaterSchema = z.object({ recipientToken: z.string().max(512).optional(), deviceId: z.uuid().optional() }).refine((r) => Boolean(r.recipientToken) || Boolean(r.deviceId), {
  message: 'Send the recipient token from the e-mail link or a device id.',
  path: ['deviceId'],
});

export const RatingRequestSchema = z.object({ stars: z.number().int().min(1).max(5) }).and(RaterSchema);
export const ReplyRequestSchema = z.object({ id: z.uuid(), text: z.string().trim().min(1, 'Write a reply first.').max(2000) }).and(RaterSchema);
export const ShareRequestSchema = z.object({ id: z.uuid(), channel: ShareChannelSchema }).and(RaterSchema);

// ---------------------------------------------------------------- measures

/** The pilot's KPIs for one message, or one unit (ward, area, district, force) over a period. */
export const MessageKpisSchema = z
  .object({
    recipients: z.number().int().min(0),
    views: z.number().int().min(0),
    ratings: z.number().int().min(0),
    /** Share of ratings that are 4 or 5 stars, with a Wilson interval (withheld below the disclosure threshold). */
    satisfaction: ShareCellSchema,
    meanStars: z.number().nullable(),
    replies: z.number().int().min(0),
    /** (replies + ratings) / recipients. */
    interactionRate: ShareCellSchema,
    shares: z.number().int().min(0),
    /** shares / recipients. */
    shareRate: ShareCellSchema,
    sharesByChannel: z.record(z.string(), z.number().int().min(0)),
    /** Mean 0–10 readability score of the messages counted. */
    readability: z.number().nullable(),
    replySentiment: z.object({ positive: ShareCellSchema, neutral: ShareCellSchema, negative: ShareCellSchema, meanScore: z.number().nullable() }),
    followUps: z.number().int().min(0),
  })
  .meta({ id: 'MessageKpis' });
export type MessageKpis = z.infer<typeof MessageKpisSchema>;
