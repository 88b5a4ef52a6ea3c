import { randomUUID } from 'node:crypto';
import type { Repositories, StoredReply } from '@wardpulse/data';
import {
  checkMessage,
  coachMessage,
  ConflictError,
  measureReadability,
  NotFoundError,
  ValidationError,
  type CoachingNote,
  type ErrorIssue,
  type Message,
  type MessageContent,
  type MessageKpiDetail,
  type MessageKpiReport,
  type MessageTargeting,
} from '@wardpulse/domain';
import { messageKpiReport, messageKpiTable, publishedKpiRows, type KpiMessage, type KpiOptions, type PublishedRow } from '@wardpulse/analytics/kpis';
import type { ResultGeography } from '@wardpulse/analytics/results';
import type { AudienceCount, AudienceService, SendStarter } from './contracts.ts';
import { solve } from '../results/solve-cache.ts';

/**
 * Composing and sending community messages (staff), and reading their KPIs. Readability is
 * measured and stored on every save; coaching is worked out live on every read.
 */

export interface MessageServiceDeps {
  repositories: Repositories;
  audience: AudienceService;
  sender: SendStarter;
  now?: () => Date;
}

/** What an officer saves: the three parts and the rest of the content, and whom it is for. */
export type MessageDraftInput = MessageContent & { targeting: MessageTargeting };

export interface MessageDetail {
  message: Message;
  /** Live coaching on the saved text (long sentences, passive voice, jargon, missing parts…). */
  coaching: CoachingNote[];
  /** What must be fixed before the message can be sent (the `error` notes of `checkMessage`). */
  problems: CoachingNote[];
}

const nowOf = (deps: { now?: () => Date }) => (deps.now ? deps.now() : new Date());

function contentOf(input: MessageContent): MessageContent {
  return {
    title: input.title,
    concern: input.concern,
    action: input.action,
    advice: input.advice,
    ...(input.link ? { link: input.link } : {}),
    ...(input.image ? { image: input.image } : {}),
  };
}

export function detailOf(message: Message): MessageDetail {
  return { message, coaching: coachMessage(message), problems: checkMessage(message).filter((note) => note.severity === 'error') };
}

/** Targeted wards, districts and areas must exist in the live boundaries (when any are loaded). */
async function checkTargeting(repositories: Repositories, targeting: MessageTargeting): Promise<void> {
  const { scope } = targeting;
  if (scope.scope === 'force') return;
  const vintage = await repositories.geography.currentVintage();
  if (!vintage) return;
  let known: Set<string>;
  let listed: string[];
  let field: 'codes' | 'ids';
  if (scope.scope === 'wards') {
    known = new Set((await repositories.geography.listWards(vintage)).map((w) => w.code));
    [listed, field] = [scope.codes, 'codes'];
  } else if (scope.scope === 'districts') {
    known = new Set((await repositories.geography.listDistricts(vintage)).map((d) => d.code));
    [listed, field] = [scope.codes, 'codes'];
  } else {
    known = new Set((await repositories.geography.listAreas(vintage)).map((a) => a.id));
    [listed, field] = [scope.ids, 'ids'];
  }
  const issues: ErrorIssue[] = listed.flatMap((code, index) =>
    known.has(code) ? [] : [{ path: ['json', 'targeting', 'scope', field, index], message: `There is no ${scope.scope.replace(/s$/, '')} “${code}” in the live boundaries (${vintage}).`, code: 'unknown_unit' }],
  );
  if (issues.length > 0) throw new ValidationError('The message targets places that do not exist.', issues, 'message.unknown_target');
}

export async function createMessage(deps: Pick<MessageServiceDeps, 'repositories' | 'now'>, input: MessageDraftInput, actor: string): Promise<MessageDetail> {
  await checkTargeting(deps.repositories, input.targeting);
  const now = nowOf(deps).toISOString();
  const content = contentOf(input);
  const message: Message = { ...content, id: randomUUID(), status: 'draft', targeting: input.targeting, readability: measureReadability(content), createdBy: actor, createdAt: now, updatedAt: now, revision: 1 };
  await deps.repositories.messages.create(message);
  return detailOf(message);
}

/**
 * Saves a draft if `expectedRevision` is current (409 otherwise). Editing a scheduled message
 * takes it back to draft: it has to be scheduled again, so nobody sends text they have not checked.
 */
export async function updateMessage(deps: Pick<MessageServiceDeps, 'repositories' | 'now'>, id: string, input: MessageDraftInput, expectedRevision: number): Promise<MessageDetail> {
  const current = await deps.repositories.messages.get(id);
  if (!current) throw new NotFoundError('No message with that id.', 'message.not_found');
  if (current.status !== 'draft' && current.status !== 'scheduled') throw new ConflictError(`This message is ${current.status} and can no longer be edited.`, 'message.not_editable');
  await checkTargeting(deps.repositories, input.targeting);
  const content = contentOf(input);
  const { title: _t, concern: _c, action: _a, advice: _d, link: _l, image: _i, scheduledFor: _s, ...kept } = current;
  const next: Message = {
    ...kept,
    ...content,
    status: 'draft',
    targeting: input.targeting,
    readability: measureReadability(content),
    updatedAt: nowOf(deps).toISOString(),
    revision: current.revision + 1,
  };
  await deps.repositories.messages.update(next, expectedRevision, ['draft', 'scheduled']);
  return detailOf(next);
}

export async function getMessage(repositories: Repositories, id: string): Promise<Message> {
  const message = await repositories.messages.get(id);
  if (!message) throw new NotFoundError('No message with that id.', 'message.not_found');
  return message;
}

export async function audienceOf(deps: Pick<MessageServiceDeps, 'repositories' | 'audience'>, id: string): Promise<AudienceCount> {
  const message = await getMessage(deps.repositories, id);
  return deps.audience.count(message.targeting);
}

/**
 * Sends a message now, or schedules it for `at`. Refused (422, each problem named) while the
 * message has blocking problems or nobody would receive it; refused (409) once it is sending or
 * sent, so a double click never sends twice. "Now" moves it to `sending` and starts the send job.
 */
export async function sendMessage(deps: MessageServiceDeps, id: string, options: { at?: string | undefined }, actor: string): Promise<{ message: Message; audience: AudienceCount }> {
  const message = await getMessage(deps.repositories, id);
  if (message.status === 'sending' || message.status === 'sent') throw new ConflictError(`This message is already ${message.status}.`, 'message.already_sent');
  const now = nowOf(deps);
  const issues: ErrorIssue[] = checkMessage(message)
    .filter((note) => note.severity === 'error')
    .map((note) => ({ path: [note.part], message: note.message, code: note.kind }));
  if (options.at !== undefined && Date.parse(options.at) <= now.getTime()) issues.push({ path: ['json', 'at'], message: 'Choose a time in the future, or leave it out to send now.', code: 'in_past' });
  const audience = await deps.audience.count(message.targeting);
  if (audience.total === 0) issues.push({ path: ['targeting'], message: 'Nobody who has signed up would receive this message: choose other places or topics.', code: 'no_audience' });
  if (issues.length > 0) throw new ValidationError(`Fix ${issues.length} problem${issues.length === 1 ? '' : 's'} before sending.`, issues, 'message.not_sendable');

  // The answer describes the state this request made; the send job may move on from it at once.
  const { scheduledFor: _previous, ...rest } = message;
  const at = now.toISOString();
  if (options.at !== undefined) {
    const scheduledFor = new Date(options.at).toISOString();
    if (!(await deps.repositories.messages.setStatus(id, ['draft', 'scheduled'], 'scheduled', { scheduledFor, actor }))) {
      throw new ConflictError('This message changed while you were scheduling it; reload.', 'message.already_sent');
    }
    return { message: { ...rest, status: 'scheduled', scheduledFor, updatedAt: at, revision: message.revision + 1 }, audience };
  }
  if (!(await deps.repositories.messages.setStatus(id, ['draft', 'scheduled', 'failed'], 'sending', { sentAt: at, actor }))) {
    throw new ConflictError('This message is already being sent.', 'message.already_sent');
  }
  try {
    await deps.sender.start(id);
  } catch (error) {
    // Not started: mark it failed so "send" can be pressed again (the job resumes without resending).
    await deps.repositories.messages.setStatus(id, ['sending'], 'failed');
    throw error;
  }
  return { message: { ...rest, status: 'sending', sentAt: message.sentAt ?? at, updatedAt: at, revision: message.revision + 1 }, audience };
}

/**
 * Starts every scheduled message whose time has come. In AWS a scheduled rule runs this each
 * minute; locally the stack's ticker does. Safe to run twice at once: only one wins each message.
 */
export async function releaseDueMessages(deps: Pick<MessageServiceDeps, 'repositories' | 'sender' | 'now'>, listed?: MessageList): Promise<string[]> {
  const now = nowOf(deps);
  const due = (listed ?? (await deps.repositories.messages.list())).filter((m) => m.status === 'scheduled' && m.scheduledFor !== undefined && Date.parse(m.scheduledFor) <= now.getTime());
  const started: string[] = [];
  for (const message of due) {
    if (await deps.repositories.messages.setStatus(message.id, ['scheduled'], 'sending', { sentAt: now.toISOString(), actor: 'scheduler' })) {
      await deps.sender.start(message.id);
      started.push(message.id);
    }
  }
  return started;
}

/** The messages as one `list()` read them, shared by the scheduler's two sweeps. */
type MessageList = Awaited<ReturnType<MessageServiceDeps['repositories']['messages']['list']>>;

/** A send whose progress has not moved for this long is taken to have died (it saves progress each second). */
export const STALLED_SEND_MS = 5 * 60_000;

/**
 * Starts again every send left `sending` whose progress stopped moving: its job timed out, crashed,
 * or failed to invoke its continuation. The job is resumable and at most once per recipient, so a
 * send that was only slow, started twice, still e-mails each recipient once.
 */
export async function resumeStalledSends(deps: Pick<MessageServiceDeps, 'repositories' | 'sender' | 'now'>, listed?: MessageList): Promise<string[]> {
  const now = nowOf(deps).getTime();
  const stalled = (listed ?? (await deps.repositories.messages.list())).filter((m) => m.status === 'sending' && now - Date.parse(m.updatedAt) >= STALLED_SEND_MS);
  for (const message of stalled) await deps.sender.start(message.id);
  return stalled.map((m) => m.id);
}

/** Each minute's scheduler work: due messages started, stalled sends resumed. */
export async function runScheduler(deps: Pick<MessageServiceDeps, 'repositories' | 'sender' | 'now'>): Promise<{ started: string[]; resumed: string[] }> {
  // One read of the messages serves both sweeps (each re-checks status as it changes one).
  const listed = await deps.repositories.messages.list();
  const resumed = await resumeStalledSends(deps, listed);
  return { started: await releaseDueMessages(deps, listed), resumed };
}

/** Runs `runScheduler` every `intervalMs` (the local stack); returns a stop function. */
export function startScheduleTicker(deps: Pick<MessageServiceDeps, 'repositories' | 'sender'>, onError: (error: unknown) => void, intervalMs = 60_000): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() => runScheduler(deps)).catch(onError);
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

// ---------------------------------------------------------------- replies (staff only)

export interface StaffReply {
  id: string;
  text: string;
  sentiment: StoredReply['sentiment'];
  needsFollowUp: boolean;
  followUpReasons: string[];
  followUpDone: boolean;
  followUpDoneAt: string | null;
  followUpDoneBy: string | null;
  wardCode: string;
  /** Whether the reply came through a recipient's own link (else a shared link). */
  fromRecipient: boolean;
  receivedAt: string;
}

const staffReply = (reply: StoredReply): StaffReply => ({
  id: reply.id,
  text: reply.text,
  sentiment: reply.sentiment,
  needsFollowUp: reply.needsFollowUp,
  followUpReasons: reply.followUpReasons,
  followUpDone: Boolean(reply.followUpDoneAt),
  followUpDoneAt: reply.followUpDoneAt ?? null,
  followUpDoneBy: reply.followUpDoneBy ?? null,
  wardCode: reply.wardCode,
  fromRecipient: !reply.rater.startsWith('device#'),
  receivedAt: reply.receivedAt,
});

export async function listReplies(repositories: Repositories, id: string): Promise<StaffReply[]> {
  await getMessage(repositories, id);
  return (await repositories.messageEngagement.listReplies(id)).map(staffReply);
}

export async function setFollowUp(deps: Pick<MessageServiceDeps, 'repositories' | 'now'>, id: string, replyId: string, done: boolean, actor: string): Promise<StaffReply> {
  await getMessage(deps.repositories, id);
  return staffReply(await deps.repositories.messageEngagement.setFollowUpDone(id, replyId, done, actor, nowOf(deps).toISOString()));
}

// ---------------------------------------------------------------- KPIs

async function loadGeography(repositories: Repositories): Promise<ResultGeography> {
  const vintage = await repositories.geography.currentVintage();
  if (!vintage) return { vintage, districts: [], wards: [], areas: [] };
  const [districts, wards, areas] = await Promise.all([repositories.geography.listDistricts(vintage), repositories.geography.listWards(vintage), repositories.geography.listAreas(vintage)]);
  return { vintage, districts, wards, areas };
}

/** Reads many messages' aggregates, a few at a time. */
async function kpiMessages(repositories: Repositories, messages: readonly Message[]): Promise<KpiMessage[]> {
  const out: KpiMessage[] = new Array<KpiMessage>(messages.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < messages.length; index = next++) {
      const message = messages[index]!;
      out[index] = { id: message.id, title: message.title, sentAt: message.sentAt ?? null, readability: message.readability.score, counters: await repositories.messageEngagement.aggregates(message.id) };
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, messages.length) }, worker));
  return out;
}

async function kpiInputs(repositories: Repositories) {
  const [messages, geography, settings] = await Promise.all([repositories.messages.list(), loadGeography(repositories), repositories.settings.get()]);
  const sent = messages.filter((m) => m.sentAt !== undefined && m.status !== 'draft');
  return { messages: await kpiMessages(repositories, sent), geography, threshold: settings.disclosureThreshold };
}

/** The KPI report of the messages sent in a period (see @wardpulse/analytics/kpis); disclosure solves are remembered (solve-cache.ts). */
export async function kpiReport(repositories: Repositories, options: Omit<KpiOptions, 'threshold' | 'solve'>): Promise<MessageKpiReport> {
  const { messages, geography, threshold } = await kpiInputs(repositories);
  return await messageKpiReport(geography, messages, { ...options, threshold, solve });
}

/** The KPI table for publication or export: the level's units and the force, counts under disclosure control. */
export async function kpiExport(repositories: Repositories, options: Pick<KpiOptions, 'level' | 'period'>): Promise<{ rows: PublishedRow[]; threshold: number; generatedAt: string }> {
  const { messages, geography, threshold } = await kpiInputs(repositories);
  return { rows: await publishedKpiRows(geography, messages, { ...options, threshold, solve }), threshold, generatedAt: new Date().toISOString() };
}

/** One message's KPIs, by ward and in total. */
export async function messageKpis(repositories: Repositories, id: string): Promise<MessageKpiDetail> {
  const message = await getMessage(repositories, id);
  const [geography, settings, [loaded]] = await Promise.all([loadGeography(repositories), repositories.settings.get(), kpiMessages(repositories, [message])]);
  const threshold = settings.disclosureThreshold;
  const { totals, units } = await messageKpiTable(geography, loaded!, threshold, solve);
  return {
    message: { id: message.id, title: message.title, status: message.status, sentAt: message.sentAt ?? null, readability: message.readability.score },
    disclosure: { threshold, description: `Figures from fewer than ${threshold} recipients, ratings, replies or shares are withheld, and so is any figure that would let a withheld one be worked out by subtraction.` },
    totals,
    units,
  };
}
