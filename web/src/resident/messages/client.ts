/**
 * The public message and sign-up API as residents' pages use it: the typed client, whose request
 * and response types come from the API's own routes. Nothing here may pull zod into the
 * residents' bundle (the client is `hono/client` only).
 */
import type { SignupRequest, Topic } from '@wardpulse/domain';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from '../../shared/api.ts';

const linkHeader = (token: string) => ({ 'x-link-token': token });

/** Who is engaging: the e-mail link's recipient token, or this device's random id for shared links. */
export type Rater = { recipientToken: string } | { deviceId: string };

const messages = api.api.public.messages[':id'];
const signups = api.api.public.signups;

export type SignupSettings = InferResponseType<typeof signups.me.$get, 200>;
export type WardChoices = InferResponseType<typeof api.api.public.wards.$get, 200>;

/** Counting requests may outlive the page (a share opens another app): let the browser finish them. */
const keepalive = { init: { keepalive: true } };

export const publicApi = {
  message: (id: string) => unwrap(messages.$get({ param: { id } })),
  view: (id: string, rater: Partial<Rater>) => unwrap(messages.view.$post({ param: { id }, json: rater }, keepalive)),
  rate: (id: string, stars: number, rater: Rater) => unwrap(messages.rating.$post({ param: { id }, json: { stars, ...rater } })),
  reply: (id: string, reply: { id: string; text: string }, rater: Rater) => unwrap(messages.reply.$post({ param: { id }, json: { ...reply, ...rater } })),
  share: (id: string, share: { id: string; channel: Parameters<typeof messages.share.$post>[0]['json']['channel'] }, rater: Rater) =>
    unwrap(messages.share.$post({ param: { id }, json: { ...share, ...rater } }, keepalive)),

  signUp: (signup: SignupRequest) => unwrap(signups.$post({ json: signup })),
  // The token goes in a header, never the URL: every URL is in the CDN's and API Gateway's logs.
  previewConfirmation: (token: string) => unwrap(signups.confirm.$get({ header: linkHeader(token) })),
  confirm: (token: string) => unwrap(signups.confirm.$post({ header: linkHeader(token) })),
  mySignup: (token: string) => unwrap(signups.me.$get({ header: linkHeader(token) })),
  updateSignup: (token: string, change: { wardCodes: string[]; topics: Topic[] }) => unwrap(signups.me.$put({ header: linkHeader(token), json: change })),
  deleteSignup: (token: string) => unwrap(signups.me.$delete({ header: linkHeader(token) })),
  unsubscribeInfo: (token: string) => unwrap(api.api.public.unsubscribe.$get({ header: linkHeader(token), query: {} })),
  unsubscribe: (token: string) => unwrap(api.api.public.unsubscribe.$post({ header: linkHeader(token), query: {} })),

  wards: () => unwrap(api.api.public.wards.$get()),
  settings: () => unwrap(api.api.public.settings.$get()),
};
