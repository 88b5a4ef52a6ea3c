/**
 * Residents' sign-ups: double opt-in, one-click unsubscribe, change areas and topics, delete my
 * data, and suppression after bounces and complaints. Addresses live only in the contacts table;
 * the main table gets nothing but per-ward counters of active sign-ups.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import { emailHash, type Repositories, type StoredContact } from '@wardpulse/data';
import {
  ConflictError,
  DomainError,
  NotFoundError,
  parsePostcodeQuery,
  TOPICS,
  UnavailableError,
  ValidationError,
  type Contact,
  type ErrorIssue,
  type Topic,
  type Ward,
} from '@wardpulse/domain';
import { MailError } from '../messages/delivery/mail-sender.ts';
import { linkBuilder, type MessagingDeps } from '../messages/delivery/messaging.ts';
import { renderConfirmationMail } from '../messages/delivery/templates.ts';
import { signConfirmToken, signContactToken, verifyConfirmToken, verifyContactToken, type VerifyOutcome } from '../messages/tokens.ts';

/** Days an unconfirmed sign-up (and its confirmation link) lives before it is forgotten. */
export const PENDING_DAYS = 7;
/** Days an unsubscribed address is kept (so a late click on an old link still reads sensibly), then forgotten. */
export const UNSUBSCRIBED_DAYS = 30;
/** Confirmation e-mails one address may be sent per hour, however often someone types it in. */
export const CONFIRMATIONS_PER_ADDRESS_PER_HOUR = 3;
export const MAX_WARDS = 20;

export interface SignupContext {
  repositories: Repositories;
  messaging: MessagingDeps;
  log?: Logger | undefined;
  now?: () => Date;
}

/** A signed link that is missing, forged, expired, used or meant for something else: 400, naming the token. */
export class LinkError extends DomainError {
  readonly code: string;
  constructor(message: string, code: string) {
    super(message, [{ path: ['query', 'token'], message, code }]);
    this.code = code;
  }
}

function checkLink<T>(outcome: VerifyOutcome<T>): T {
  if (outcome.ok) return outcome.claims;
  if (outcome.reason === 'expired') throw new LinkError('This link has expired. Use the link in a more recent e-mail, or sign up again.', 'link.expired');
  throw new LinkError('This link is not valid. Copy the whole link from the e-mail.', 'link.invalid');
}

/** `ann@example.org` → `a***@example.org`: enough to recognise, not enough to harvest. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return at <= 0 ? '***' : `${email.charAt(0)}***${email.slice(at)}`;
}

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** When DynamoDB may forget a contact: unconfirmed after a week, unsubscribed after a month, otherwise never. */
export function expiresAtFor(contact: Pick<Contact, 'status' | 'unsubscribedAt'>, now: Date): number | undefined {
  if (contact.status === 'pending') return seconds(now) + PENDING_DAYS * 86_400;
  if (contact.status === 'unsubscribed') return seconds(contact.unsubscribedAt ? new Date(contact.unsubscribedAt) : now) + UNSUBSCRIBED_DAYS * 86_400;
  return undefined;
}

/** The live vintage's wards by code; sign-ups are only ever for live wards. */
export async function liveWards(repositories: Repositories): Promise<Map<string, Ward>> {
  const vintage = await repositories.geography.currentVintage();
  if (!vintage) throw new UnavailableError('Sign-ups open once the force’s wards have been set up.', 'signup.no_geography');
  return new Map((await repositories.geography.listWards(vintage)).map((ward) => [ward.code, ward]));
}

/**
 * The wards a resident chose: their postcode's ward (the postcode itself is never kept) and any
 * wards picked from the list, each checked against the live boundaries.
 */
export async function resolveWards(repositories: Repositories, choice: { postcode?: string | undefined; wardCodes?: readonly string[] | undefined }): Promise<Ward[]> {
  const live = await liveWards(repositories);
  const issues: ErrorIssue[] = [];
  const chosen = new Map<string, Ward>();
  (choice.wardCodes ?? []).forEach((code, index) => {
    const ward = live.get(code);
    if (ward) chosen.set(code, ward);
    else issues.push({ path: ['wardCodes', index], message: `${code} is not a ward of this force. Choose from the list.`, code: 'signup.unknown_ward' });
  });
  if (choice.postcode) {
    const query = parsePostcodeQuery(choice.postcode);
    if (query.kind !== 'full') {
      issues.push({ path: ['postcode'], message: query.kind === 'invalid' ? query.reason : 'Enter your full postcode, like B66 1AA, or choose your ward from the list.', code: 'signup.postcode_invalid' });
    } else {
      const location = await repositories.geography.getPostcode(query.postcode);
      const ward = location && !location.terminated ? live.get(location.wardCode) : undefined;
      if (ward) chosen.set(ward.code, ward);
      else issues.push({ path: ['postcode'], message: 'We could not find that postcode in this force’s area. Check it, or choose your ward from the list.', code: 'signup.postcode_unknown' });
    }
  }
  if (issues.length === 0 && chosen.size > MAX_WARDS) issues.push({ path: ['wardCodes'], message: `Choose at most ${MAX_WARDS} wards.`, code: 'signup.too_many_wards' });
  if (issues.length > 0) throw new ValidationError('Some of your choices need attention.', issues, 'signup.invalid');
  return [...chosen.values()];
}

const sortedTopics = (topics: readonly Topic[]) => [...new Set(topics)].sort((a, b) => TOPICS.indexOf(a) - TOPICS.indexOf(b));

const sameChoice = (contact: Pick<Contact, 'wardCodes' | 'topics'>, wardCodes: readonly string[], topics: readonly Topic[]) =>
  [...contact.wardCodes].sort().join() === [...wardCodes].sort().join() && [...contact.topics].sort().join() === [...topics].sort().join();

/** Re-reads and re-applies a change when another request changed the contact first (revision check). */
async function withFreshContact<T>(repositories: Repositories, id: string, change: (contact: StoredContact) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const contact = await repositories.contacts.get(id);
    if (!contact) throw new NotFoundError('We have no sign-up for this link any more: it was deleted, or never confirmed.', 'signup.not_found');
    try {
      return await change(contact);
    } catch (error) {
      if (!(error instanceof ConflictError && error.code === 'signup.changed') || attempt >= 2) throw error;
    }
  }
}

async function sendMail(ctx: SignupContext, mail: Parameters<MessagingDeps['mail']['send']>[0]): Promise<void> {
  try {
    await ctx.messaging.mail.send(mail);
  } catch (error) {
    if (error instanceof MailError && error.kind === 'rejected') {
      throw new ValidationError('We could not send an e-mail to that address. Check it and try again.', [{ path: ['email'], message: 'We could not send an e-mail to this address.', code: 'signup.undeliverable' }], 'signup.undeliverable');
    }
    ctx.log?.error('confirmation e-mail not sent', { error });
    throw new UnavailableError('We could not send your confirmation e-mail just now. Please try again in a few minutes.', 'signup.mail_unavailable');
  }
}

/**
 * Starts a sign-up: a `pending` contact (or the existing one, for an address already signed up)
 * and a confirmation e-mail whose signed link carries the choices. Nothing is sent to a pending
 * contact but that e-mail. The outcome is the same whether or not the address was known, so the
 * form cannot be used to find out who has signed up.
 */
export async function requestSignup(ctx: SignupContext, request: { email: string; postcode?: string | undefined; wardCodes?: string[] | undefined; topics: Topic[] }): Promise<void> {
  const { repositories } = ctx;
  const now = (ctx.now ?? (() => new Date()))();
  const wards = await resolveWards(repositories, request);
  const wardCodes = wards.map((ward) => ward.code);
  const topics = sortedTopics(request.topics);
  const email = request.email.trim().toLowerCase();

  const limit = await repositories.rateLimits.consume(`signup-mail|${emailHash(email)}`, CONFIRMATIONS_PER_ADDRESS_PER_HOUR, 3600, now);
  if (!limit.allowed) {
    ctx.log?.warn('confirmation e-mail limit reached for an address; nothing sent');
    return;
  }

  let contact = await repositories.contacts.byEmail(email);
  if (!contact) {
    const fresh: Contact = { id: randomUUID(), email, wardCodes, topics, status: 'pending', createdAt: now.toISOString() };
    try {
      contact = await repositories.contacts.create(fresh, { expiresAt: expiresAtFor(fresh, now) });
    } catch (error) {
      // Two sign-ups with one address at once: the other created it; carry on with that one.
      if (!(error instanceof ConflictError)) throw error;
      contact = await repositories.contacts.byEmail(email);
      if (!contact) throw error;
    }
  }
  if (contact.status === 'pending' && !sameChoice(contact, wardCodes, topics)) {
    const next = { ...contact, wardCodes, topics };
    contact = await repositories.contacts.save(contact, next, { expiresAt: expiresAtFor(next, now) });
  }

  const secret = ctx.messaging.linkSecret;
  const token = await signConfirmToken(secret, { contactId: contact.id, revision: contact.revision, wardCodes, topics });
  const settings = await repositories.settings.get();
  const mail = renderConfirmationMail({
    forceName: settings.forceName,
    wardNames: wards.map((ward) => ward.name),
    topics,
    confirmUrl: linkBuilder(ctx.messaging.publicUrl).confirm(token),
    days: PENDING_DAYS,
  });
  await sendMail(ctx, { to: email, ...mail, headers: {} });
}

export interface SignupView {
  email: string;
  status: Contact['status'];
  wardCodes: string[];
  wards: { code: string; name: string; districtName: string }[];
  topics: Topic[];
}

async function view(repositories: Repositories, contact: Pick<Contact, 'email' | 'status' | 'wardCodes' | 'topics'>, mask: boolean): Promise<SignupView> {
  const vintage = await repositories.geography.currentVintage();
  const wards = vintage ? new Map((await repositories.geography.listWards(vintage)).map((ward) => [ward.code, ward])) : new Map<string, Ward>();
  return {
    email: mask ? maskEmail(contact.email) : contact.email,
    status: contact.status,
    wardCodes: contact.wardCodes,
    wards: contact.wardCodes.map((code) => ({ code, name: wards.get(code)?.name ?? code, districtName: wards.get(code)?.districtName ?? '' })),
    topics: contact.topics,
  };
}

/** What a confirmation link would confirm, without changing anything (mail scanners follow links). */
export async function previewConfirmation(ctx: SignupContext, token: string): Promise<SignupView> {
  const claim = checkLink(await verifyConfirmToken(ctx.messaging.linkSecret, token));
  const contact = await ctx.repositories.contacts.get(claim.contactId);
  if (!contact) throw new NotFoundError('We have no sign-up for this link any more. Please sign up again.', 'signup.not_found');
  return view(ctx.repositories, { ...contact, wardCodes: claim.wardCodes, topics: claim.topics }, true);
}

/**
 * The second half of double opt-in: the contact becomes `active` with the choices the link
 * carries, and is counted. Confirming twice is harmless; a link issued before a later change
 * (e.g. an unsubscribe) is refused, so an old e-mail cannot re-subscribe anyone.
 */
export async function confirmSignup(ctx: SignupContext, token: string): Promise<SignupView & { manageToken: string }> {
  const secret = ctx.messaging.linkSecret;
  const claim = checkLink(await verifyConfirmToken(secret, token));
  const now = (ctx.now ?? (() => new Date()))();
  const live = await liveWards(ctx.repositories);
  const wardCodes = claim.wardCodes.filter((code) => live.has(code));
  if (wardCodes.length === 0) throw new LinkError('The wards in this link have changed since you signed up. Please sign up again.', 'link.stale');
  const contact = await withFreshContact(ctx.repositories, claim.contactId, async (current) => {
    if (current.status === 'active' && sameChoice(current, wardCodes, claim.topics)) return current;
    if (current.revision !== claim.revision) throw new LinkError('This link has already been used, or a newer e-mail replaced it. Use the most recent e-mail, or sign up again.', 'link.used');
    const { unsubscribedAt: _u, suppressedReason: _s, ...rest } = current;
    const next: Contact = { ...rest, status: 'active', wardCodes, topics: claim.topics, confirmedAt: now.toISOString() };
    return ctx.repositories.contacts.save(current, next, { expiresAt: expiresAtFor(next, now) });
  });
  return { ...(await view(ctx.repositories, contact, true)), manageToken: await signContactToken(secret, 'manage', contact.id) };
}

/** What the unsubscribe page shows before the button is pressed. */
export async function unsubscribeInfo(ctx: SignupContext, token: string): Promise<SignupView> {
  const { contactId } = checkLink(await verifyContactToken(ctx.messaging.linkSecret, token, 'unsubscribe'));
  const contact = await ctx.repositories.contacts.get(contactId);
  if (!contact) throw new NotFoundError('We have no sign-up for this link any more: it was deleted or has lapsed, so you will get no more messages.', 'signup.not_found');
  return view(ctx.repositories, contact, true);
}

/**
 * One-click unsubscribe (RFC 8058): works without a login, is idempotent, and never turns a
 * suppressed address back into something else. An address we no longer hold is, in effect,
 * unsubscribed already.
 */
export async function unsubscribe(ctx: SignupContext, token: string): Promise<{ status: Contact['status'] }> {
  const { contactId } = checkLink(await verifyContactToken(ctx.messaging.linkSecret, token, 'unsubscribe'));
  const now = (ctx.now ?? (() => new Date()))();
  try {
    return await withFreshContact(ctx.repositories, contactId, async (current) => {
      if (current.status === 'unsubscribed' || current.status === 'suppressed') return { status: current.status };
      const next: Contact = { ...current, status: 'unsubscribed', unsubscribedAt: now.toISOString() };
      await ctx.repositories.contacts.save(current, next, { expiresAt: expiresAtFor(next, now) });
      return { status: next.status };
    });
  } catch (error) {
    if (error instanceof NotFoundError) return { status: 'unsubscribed' };
    throw error;
  }
}

async function manageClaim(ctx: SignupContext, token: string) {
  return checkLink(await verifyContactToken(ctx.messaging.linkSecret, token, 'manage'));
}

export async function getSignup(ctx: SignupContext, token: string): Promise<SignupView> {
  const { contactId } = await manageClaim(ctx, token);
  const contact = await ctx.repositories.contacts.get(contactId);
  if (!contact) throw new NotFoundError('We have no sign-up for this link any more: it was deleted or has lapsed.', 'signup.not_found');
  return view(ctx.repositories, contact, false);
}

/** Changes areas and topics from the manage link; the status (and so the counters) carry over. */
export async function updateSignup(ctx: SignupContext, token: string, change: { postcode?: string | undefined; wardCodes?: string[] | undefined; topics: Topic[] }): Promise<SignupView> {
  const { contactId } = await manageClaim(ctx, token);
  const now = (ctx.now ?? (() => new Date()))();
  const wards = await resolveWards(ctx.repositories, change);
  const topics = sortedTopics(change.topics);
  const contact = await withFreshContact(ctx.repositories, contactId, async (current) => {
    if (sameChoice(current, wards.map((ward) => ward.code), topics)) return current;
    const next: Contact = { ...current, wardCodes: wards.map((ward) => ward.code), topics };
    return ctx.repositories.contacts.save(current, next, { expiresAt: expiresAtFor(next, now) });
  });
  return view(ctx.repositories, contact, false);
}

/**
 * "Delete my data": the contact, its e-mail claim and ward memberships go, and it leaves the
 * counters. Delivery records stay, holding only the random contact id that now points at nothing.
 */
export async function deleteSignup(ctx: SignupContext, token: string): Promise<void> {
  const { contactId } = await manageClaim(ctx, token);
  await withFreshContact(ctx.repositories, contactId, (current) => ctx.repositories.contacts.delete(current));
}

/**
 * A hard bounce or a complaint: the address gets nothing more until its owner signs up and
 * confirms again. False when the address is not (or no longer) signed up.
 */
export async function suppressAddress(repositories: Repositories, email: string, reason: 'bounce' | 'complaint'): Promise<boolean> {
  const existing = await repositories.contacts.byEmail(email);
  if (!existing) return false;
  try {
    await withFreshContact(repositories, existing.id, async (current) => {
      if (current.status === 'suppressed' && current.suppressedReason === reason) return;
      const next: Contact = { ...current, status: 'suppressed', suppressedReason: reason };
      await repositories.contacts.save(current, next, {});
    });
  } catch (error) {
    if (error instanceof NotFoundError) return false;
    throw error;
  }
  return true;
}
