import type { AppType, ErrorBody } from '@wardpulse/functions';
import { hc } from 'hono/client';

/** The typed API client: request and response types come from the API's own route definitions. */
export const api = hc<AppType>('/');

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: NonNullable<ErrorBody['error']['issues']> = [],
  ) {
    super(message);
  }
}

type JsonResponse = { ok: boolean; status: number; json(): Promise<unknown> };
type SuccessBody<R extends JsonResponse> = Exclude<Awaited<ReturnType<R['json']>>, ErrorBody>;

/** Awaits a typed API call and returns its success body, or throws an ApiError carrying the API's message. */
export async function unwrap<R extends JsonResponse>(request: Promise<R>): Promise<SuccessBody<R>> {
  let response: R;
  try {
    response = await request;
  } catch {
    throw new ApiError(0, 'network.offline', 'Could not reach WardPulse. Check your connection and try again.');
  }
  if (response.ok) return (await response.json()) as SuccessBody<R>;
  let body: Partial<ErrorBody> = {};
  try {
    body = (await response.json()) as Partial<ErrorBody>;
  } catch {
    // Not JSON (e.g. a proxy's error page): fall through to a generic message.
  }
  throw new ApiError(
    response.status,
    body.error?.code ?? `http.${response.status}`,
    body.error?.message ?? `The server answered ${response.status}. Try again in a moment.`,
    body.error?.issues ?? [],
  );
}
