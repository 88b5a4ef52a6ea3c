/** The community-messages API as the console uses it: types come from the API's own route definitions. */
import type { ResultLevel } from '@wardpulse/domain';
import type { InferRequestType, InferResponseType } from 'hono/client';
import { useMemo } from 'react';
import type { api} from '../../shared/api.ts';
import { ApiError, unwrap } from '../../shared/api.ts';
import { useStaffApi, type StaffApi } from '../shared/api.tsx';

type Messages = typeof api.api.staff.messages;
type One = Messages[':id'];

export type MessageDetail = InferResponseType<One['$get'], 200>;
export type DraftInput = Omit<InferRequestType<One['$put']>['json'], 'expectedRevision'>;
export type StaffReply = InferResponseType<One['replies']['$get'], 200>['replies'][number];
export type KpiDetail = InferResponseType<One['kpis']['$get'], 200>;
export type KpiUnit = KpiDetail['units'][number];
export type KpiReport = InferResponseType<Messages['kpis']['$get'], 200>;
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

/** The message calls, on the signed-in client. */
export function messagesClient({ staff }: StaffApi) {
  const messages = staff.messages;
  const one = messages[':id'];
  return {
    list: () => unwrap(messages.$get({})),
    create: (input: DraftInput) => unwrap(messages.$post({ json: input })),
    get: (id: string) => unwrap(one.$get({ param: { id } })),
    update: (id: string, input: DraftInput, expectedRevision: number) => unwrap(one.$put({ param: { id }, json: { ...input, expectedRevision } })),
    audience: (id: string) => unwrap(one.audience.$get({ param: { id } })),
    send: (id: string, at?: string) => unwrap(one.send.$post({ param: { id }, json: at ? { at } : {} })),
    preview: (id: string) => unwrap(one.preview.$get({ param: { id } })),
    replies: (id: string) => unwrap(one.replies.$get({ param: { id } })),
    setFollowUp: (id: string, replyId: string, done: boolean) => unwrap(one.replies[':replyId'].$patch({ param: { id, replyId }, json: { followUpDone: done } })),
    kpis: (id: string) => unwrap(one.kpis.$get({ param: { id } })),
    report: (params: Period & { level: ResultLevel }) => unwrap(messages.kpis.$get({ query: { level: params.level, ...defined({ from: params.from, to: params.to, compareFrom: params.compareFrom, compareTo: params.compareTo }) } })),
    signupCounts: () => unwrap(staff.signups.counts.$get({})),
    outbox: () => unwrap(staff.outbox.$get({ query: {} })),
    outboxFile: (file: string) => unwrap(staff.outbox[':file'].$get({ param: { file } })),
  };
}

export type MessagesClient = ReturnType<typeof messagesClient>;

export function useMessagesApi(): MessagesClient {
  const api = useStaffApi();
  return useMemo(() => messagesClient(api), [api]);
}

/**
 * The KPI table as a file. The API streams it and needs the access token, so it is fetched and
 * handed over as a blob rather than linked.
 */
export async function downloadKpis({ staff }: StaffApi, params: { level: ResultLevel; from?: string | null; to?: string | null; format: 'csv' | 'xlsx' }): Promise<{ blob: Blob; name: string }> {
  let response: Response;
  try {
    response = await staff.messages.kpis.export.$get({ query: { level: params.level, format: params.format, ...defined({ from: params.from, to: params.to }) } });
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
