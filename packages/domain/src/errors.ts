/**
 * Typed domain errors. Each carries a namespaced `code`; the API's single `onError` maps the
 * class to an HTTP status, so handlers throw and never build error responses themselves.
 */

export interface ErrorIssue {
  /** Where the problem is, e.g. `["body", "retentionDays"]`. */
  path: (string | number)[];
  message: string;
  code?: string;
}

export abstract class DomainError extends Error {
  abstract readonly code: string;
  readonly issues: ErrorIssue[] | undefined;

  constructor(message: string, issues?: ErrorIssue[]) {
    super(message);
    this.name = new.target.name;
    this.issues = issues;
  }
}

/** The request is well-formed but breaks a rule (e.g. a closed survey). */
export class ValidationError extends DomainError {
  readonly code: string;
  constructor(message: string, issues?: ErrorIssue[], code = 'validation.failed') {
    super(message, issues);
    this.code = code;
  }
}

export class NotFoundError extends DomainError {
  readonly code: string;
  constructor(message: string, code = 'resource.not_found') {
    super(message);
    this.code = code;
  }
}

/** A conflicting write, e.g. a version that changed under you. */
export class ConflictError extends DomainError {
  readonly code: string;
  constructor(message: string, code = 'resource.conflict') {
    super(message);
    this.code = code;
  }
}

export class UnauthenticatedError extends DomainError {
  readonly code: string;
  constructor(message = 'Sign in to use this.', code = 'auth.unauthenticated') {
    super(message);
    this.code = code;
  }
}

export class ForbiddenError extends DomainError {
  readonly code: string;
  constructor(message = 'Your role does not allow this.', code = 'auth.forbidden') {
    super(message);
    this.code = code;
  }
}

export class RateLimitedError extends DomainError {
  readonly code = 'request.rate_limited';
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** A dependency (DynamoDB, the identity provider) did not answer. */
export class UnavailableError extends DomainError {
  readonly code: string;
  constructor(message: string, code = 'service.unavailable') {
    super(message);
    this.code = code;
  }
}
