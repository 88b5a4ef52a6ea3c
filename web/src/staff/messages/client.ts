/** The community-messages API as the console uses it: types come from the API's own route definitions. */
import type { ResultLevel } from '@wardpulse/domain';
import type { InferRequestType, InferResponseType } from 'hono/client';
import { api, ApiError, unwrap } from '../../shared/api.ts';
import { bearer } from '../surveys/client.ts';

const messages = api.api.staff.messages;
const one = messages[':id'];

export type MessageDetail = InferResponseType<typeof one.$get, 200>;
export type DraftInput = Omit<InferRequestType<typeof one.$put>['json'], 'expectedRevision'>;
export type StaffReply = InferResponseType<typeof one.replies.$get, 200>['replies'][number];
export type KpiDetail = InferResponseType<typeof one.kpis.$get, 200>;
export type KpiUnit = KpiDetail['units'][number];
export type KpiReport = InferResponseType<typeof messages.kpis.$get, 200>;
export type KpiChangeRow = NonNullable<KpiReport['comparison']>['rows'][number];
export type KpiMeasure = KpiChangeRow['measure'];
export type SignupCounts = InferResponseType<typeof api.api.staff.signups.counts.$get, 200>;
export type OutboxEntry = InferResponseType<typeof api.api.staff.outbox.$get, 200>['mails'][number];
export type OutboxMail = InferResponseType<(typeof api.api.staff.outbox)[':file']['$get'], 200>;

/** Query values the API takes: empty ones left out. */
function defined<T extends Record<string, string | null | undefined>>(params: T): { [K in keyof T]?: string } {
  return Object.fromEntries(Object.entries(params).filter(([, value]) => typeof value === 'string' && value !== '')) as { [K in keyof T]?: string };
}

type Period = { from?: string | null; to?: string | null; compareFrom?: string | null; compareTo?: string | null };

export const messagesApi = {
  list: (token: string) => unwrap(messages.$get({}, bearer(token))),
  create: (token: string, input: DraftInput) => unwrap(messages.$post({ json: input }, bearer(token))),
  get: (token: string, id: string) => unwrap(one.$get({ param: { id } }, bearer(token))),
  update: (token: string, id: string, input: DraftInput, expectedRevision: number) => unwrap(one.$put({ param: { id }, json: { ...input, expectedRevision } }, bearer(token))),
  audience: (token: string, id: string) => unwrap(one.audience.$get({ param: { id } }, bearer(token))),
  send: (token: string, id: string, at?: string) => unwrap(one.send.$post({ param: { id }, json: at ? { at } : {} }, bearer(token))),
  preview: (token: string, id: string) => unwrap(one.preview.$get({ param: { id } }, bearer(token))),
  replies: (token: string, id: string) => unwrap(one.replies.$get({ param: { id } }, bearer(token))),
  setFollowUp: (token: string, id: string, replyId: string, done: boolean) => unwrap(one.replies[':replyId'].$patch({ param: { id, replyId }, json: { followUpDone: done } }, bearer(token))),
  kpis: (token: string, id: string) => unwrap(one.kpis.$get({ param: { id } }, bearer(token))),
  report: (token: string, params: Period & { level: ResultLevel }) => unwrap(messages.kpis.$get({ query: { level: params.level, ...defined({ from: params.from, to: params.to, compareFrom: params.compareFrom, compareTo: params.compareTo }) } }, bearer(token))),
  signupCounts: (token: string) => unwrap(api.api.staff.signups.counts.$get({}, bearer(token))),
  outbox: (token: string) => unwrap(api.api.staff.outbox.$get({ query: {} }, bearer(token))),
  outboxFile: (token: string, file: string) => unwrap(api.api.staff.outbox[':file'].$get({ param: { file } }, bearer(token))),
};

/**
 * The KPI table as a file. The API streams it and needs the access token, so it is fetched and
 * handed over as a blob rather than linked.
 */
export async function downloadKpis(token: string, params: { level: ResultLevel; from?: string | null; to?: string | null; format: 'csv' | 'xlsx' }): Promise<{ blob: Blob; name: string }> {
  let response: Response;
  try {
    response = await messages.kpis.export.$get({ query: { level: params.level, format: params.format, ...defined({ from: params.from, to: params.to }) } }, bearer(token));
  } catch {
    throw new ApiError(0, 'network.offline', 'Could not reach WardPulse. Check your connection and try again.');
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
    throw new ApiError(response.status, body.error?.code ?? `http.${response.status}`, body.error?.message ?? `The server answered ${response.status}.`);
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? `message-kpis.${params.format}`;
  return { blob: await response.blob(), name };
}
