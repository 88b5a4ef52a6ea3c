import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
  UnauthenticatedError,
  UnavailableError,
  ValidationError,
  type ErrorIssue,
} from '@wardpulse/domain';
import type { AppEnv } from './context.ts';
import { BadRequestError } from './router.ts';

/** The one error body every failing request gets. */
export interface ErrorBody {
  error: { code: string; message: string; issues?: ErrorIssue[]; correlationId?: string };
}

export class UnsupportedMediaTypeError extends DomainError {
  readonly code = 'request.unsupported_media_type';
}

export class PayloadTooLargeError extends DomainError {
  readonly code = 'request.too_large';
}

export function zodIssues(error: ZodError, prefix: string[] = []): ErrorIssue[] {
  return error.issues.map((issue) => ({
    path: [...prefix, ...issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part))],
    message: issue.message,
    code: issue.code,
  }));
}

function statusOf(error: DomainError): ContentfulStatusCode {
  if (error instanceof BadRequestError) return 400;
  if (error instanceof ValidationError) return 422;
  if (error instanceof UnauthenticatedError) return 401;
  if (error instanceof ForbiddenError) return 403;
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ConflictError) return 409;
  if (error instanceof PayloadTooLargeError) return 413;
  if (error instanceof UnsupportedMediaTypeError) return 415;
  if (error instanceof RateLimitedError) return 429;
  if (error instanceof UnavailableError) return 503;
  return 400;
}

export function errorJson(c: Context, status: ContentfulStatusCode, body: ErrorBody['error']) {
  return c.json({ error: body } satisfies ErrorBody, status);
}

/** Maps every thrown error to `{ error: { code, message, issues? } }`; unknown ones to a bare 500. */
export function onError(error: Error, c: Context<AppEnv>) {
  const log = c.get('log');
  if (error instanceof DomainError) {
    if (error instanceof RateLimitedError) c.header('Retry-After', String(error.retryAfterSeconds));
    // A busy table or identity provider: ask clients (the resident outbox) to come back shortly.
    if (error instanceof UnavailableError) c.header('Retry-After', '5');
    if (error instanceof UnauthenticatedError) c.header('WWW-Authenticate', 'Bearer');
    const status = statusOf(error);
    log?.info('request failed', { code: error.code, status });
    return errorJson(c, status, { code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) });
  }
  if (error instanceof ZodError) {
    return errorJson(c, 422, { code: 'validation.failed', message: 'The request did not match the schema.', issues: zodIssues(error) });
  }
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    const malformed = /malformed json/i.test(error.message);
    return errorJson(c, status, {
      code: malformed ? 'request.malformed_json' : `http.${status}`,
      message: malformed ? 'The request body is not valid JSON.' : error.message || 'The request could not be handled.',
    });
  }
  const correlationId = c.get('requestId') ?? 'unknown';
  log?.error('unhandled error', { error });
  return errorJson(c, 500, {
    code: 'internal.error',
    message: `Something went wrong on our side. Quote reference ${correlationId} if you contact us.`,
    correlationId,
  });
}
