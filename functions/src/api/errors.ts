import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import { z } from 'zod';
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
import { isTransientStorageError } from '@wardpulse/data';
import type { PublicEnv } from './context.ts';

/** The one error body every failing request gets. */
export interface ErrorBody {
  error: { code: string; message: string; issues?: ErrorIssue[]; correlationId?: string };
}

export class UnsupportedMediaTypeError extends DomainError {
  readonly code = 'request.unsupported_media_type';
}

/** A JSON body that is not UTF-8: refused, rather than read with replacement characters. */
export class InvalidEncodingError extends DomainError {
  readonly code = 'request.invalid_encoding';
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

type RawIssue = Parameters<NonNullable<Parameters<typeof z.config>[0]>['customError'] & {}>[0];

/** `disclosureThreshold` → "Disclosure threshold"; an index → "Item 3". */
export function fieldLabel(path: readonly PropertyKey[] = []): string {
  const last = path.at(-1);
  if (last === undefined) return 'The request';
  if (typeof last === 'number') return `Item ${last + 1} of ${fieldLabel(path.slice(0, -1)).toLowerCase()}`;
  const words = String(last)
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'a set of fields',
  date: 'a date',
};

const quoted = (values: readonly unknown[]) => values.map((value) => `\u201c${String(value)}\u201d`).join(', ');

/**
 * zod's error customisation for the whole API (installed once with `z.config` below): each issue
 * names its field and says what is allowed, e.g. "Retention days must be at least 30.". A schema's
 * own message (e.g. the settings ranges in `@wardpulse/domain`) takes precedence over this one.
 */
export function plainIssueMessage(issue: RawIssue): string | undefined {
  const label = fieldLabel(issue.path);
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `${label} is required.`;
      return `${label} must be ${TYPE_WORDS[issue.expected] ?? issue.expected}.`;
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? `${label} must not be empty.` : `${label} must be at least ${min} characters long.`;
      if (issue.origin === 'array' || issue.origin === 'set') return `${label} must have at least ${min} ${min === 1 ? 'item' : 'items'}.`;
      return issue.inclusive === false ? `${label} must be more than ${min}.` : `${label} must be at least ${min}.`;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return `${label} must be at most ${max} characters long.`;
      if (issue.origin === 'array' || issue.origin === 'set') return `${label} must have at most ${max} ${max === 1 ? 'item' : 'items'}.`;
      return issue.inclusive === false ? `${label} must be less than ${max}.` : `${label} must be at most ${max}.`;
    }
    case 'not_multiple_of':
      return `${label} must be a multiple of ${String(issue.divisor)}.`;
    case 'invalid_value':
      return issue.values.length === 1 ? `${label} must be ${quoted(issue.values)}.` : `${label} must be one of ${quoted(issue.values)}.`;
    case 'unrecognized_keys':
      return issue.keys.length === 1
        ? `${label} has a field WardPulse does not recognise: ${quoted(issue.keys)}. Remove it.`
        : `${label} has fields WardPulse does not recognise: ${quoted(issue.keys)}. Remove them.`;
    case 'invalid_format':
      if (issue.format === 'email') return `${label} must be an e-mail address, like name@example.org.`;
      if (issue.format === 'datetime') return `${label} must be a date and time, like 2026-11-05T09:30:00Z.`;
      if (issue.format === 'date') return `${label} must be a date, like 2026-11-05.`;
      return `${label} is not in the form WardPulse expects.`;
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
      return `${label} is not in a form WardPulse accepts.`;
    default:
      return `${label} is not valid.`;
  }
}

z.config({ customError: plainIssueMessage });

/** Request bodies that wrap one named collection, and what one of its members is called. */
const COLLECTION_NOUNS: Readonly<Record<string, string>> = { settings: 'setting', answers: 'answer', questions: 'question' };

/**
 * The one-line summary of a request's problems, e.g. "2 settings need changing: Retention days
 * must be … Disclosure threshold must be …". A body whose problems all sit in one named
 * collection (`settings`) is summarised with that name; otherwise they are "fields".
 */
export function summariseIssues(issues: readonly ErrorIssue[], target: string): string {
  const inner = issues.map((issue) => (issue.path[0] === target ? issue.path.slice(1) : issue.path));
  const first = inner[0]?.[0];
  const collection = typeof first === 'string' && inner.every((path) => path[0] === first) ? COLLECTION_NOUNS[first] : undefined;
  const [one, many] = target === 'json' ? [collection ?? 'field', `${collection ?? 'field'}s`] : ['value in the address', 'values in the address'];
  const count = issues.length;
  const lead = count === 1 ? `1 ${one} needs changing` : `${count} ${many} need changing`;
  return `${lead}: ${issues.map((issue) => issue.message).join(' ')}`;
}

function statusOf(error: DomainError): ContentfulStatusCode {
  if (error instanceof BadRequestError || error instanceof InvalidEncodingError) return 400;
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
export function onError<E extends PublicEnv>(error: Error, c: Context<E>) {
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
  // Requests are validated by the routes' schemas (their hooks answer 400/422); a ZodError that
  // reaches here came from reading stored data, so it is our fault: a 500, which clients retry —
  // never a 422, which the resident outbox would take as a refusal and drop the answers.
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    const malformed = /malformed json/i.test(error.message);
    return errorJson(c, status, {
      code: malformed ? 'request.malformed_json' : `http.${status}`,
      message: malformed ? 'The request body is not valid JSON.' : error.message || 'The request could not be handled.',
    });
  }
  const correlationId = c.get('requestId') ?? 'unknown';
  // Throttled, conflicting or out of reach after every retry: a 503 to come back to, never a 500.
  if (isTransientStorageError(error)) {
    log?.warn('storage unavailable', { error: { name: error.name, message: error.message } });
    c.header('Retry-After', '5');
    return errorJson(c, 503, { code: 'service.busy', message: 'We are very busy right now. Please try again in a few seconds.', correlationId });
  }
  log?.error('unhandled error', { error });
  return errorJson(c, 500, {
    code: 'internal.error',
    message: `Something went wrong on our side. Quote reference ${correlationId} if you contact us.`,
    correlationId,
  });
}

/** A malformed request (query or path parameter), as opposed to a well-formed one that breaks a rule. */
export class BadRequestError extends ValidationError {
  constructor(message: string, issues: ValidationError['issues']) {
    super(message, issues, 'request.invalid');
  }
}
