/**
 * The secret CloudFront adds to every `/api/*` request so that only its requests reach the API
 * Lambdas (functions/src/api/lambda/edge.ts). The API stack creates it; the web stack refers to it
 * by this name (a dynamic reference resolved at deploy time), so no stack exports its value.
 */
export const originSecretName = (stage: string) => `wardpulse-${stage}-origin`;

/** The header CloudFront sends the secret in, and the one its viewer-request function writes the viewer's address to. */
export const ORIGIN_HEADER = 'x-wardpulse-origin';
export const VIEWER_HEADER = 'x-wardpulse-viewer';

/**
 * CloudFront Function (viewer request, `/api/*`): the viewer's address as CloudFront saw it, in a
 * header of ours, overwriting whatever the client sent under that name. The API's per-address
 * limits read it (functions/src/api/middleware/rate-limit.ts).
 */
export const API_VIEWER = `function handler(event) {
  var request = event.request;
  request.headers['${VIEWER_HEADER}'] = { value: event.viewer.ip };
  return request;
}`;
