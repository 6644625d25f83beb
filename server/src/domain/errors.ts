/**
 * What can go wrong, in the domain's words. Domain and service code throw these; the HTTP edge
 * (server/src/http/error-handler.ts) alone turns each kind into a status, and the command line
 * into a message and an exit code. `code` is the API's error code (contract/common.ts), `details`
 * what a client needs to correct the request: the fields at fault, what exists instead.
 */
export abstract class DomainError extends Error {
  abstract readonly kind:
    'invalid_input' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'unavailable';
  readonly code: string;
  readonly details?: unknown;

  constructor(message: string, code: string, details?: unknown) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
}

/** One problem with one field of a request, for InvalidInput details. */
export interface FieldProblem {
  /** Where: `query.year`, `params.code`, `body.minutes.2`. */
  field: string;
  message: string;
}

interface ErrorOptions {
  /** The API error code, when more precise than the kind's (`year_not_available`). */
  code?: string;
  details?: unknown;
}

/** The request asks for something that cannot be: a bad value, a point outside the data. */
export class InvalidInput extends DomainError {
  readonly kind = 'invalid_input';
  constructor(message: string, { code = 'bad_request', details }: ErrorOptions = {}) {
    super(message, code, details);
  }
}

/** The request needs a signed-in user and has none (or the session has ended). */
export class Unauthenticated extends DomainError {
  readonly kind = 'unauthenticated';
  constructor(
    message = 'Sign in to do this',
    { code = 'unauthenticated', details }: ErrorOptions = {},
  ) {
    super(message, code, details);
  }
}

/** The signed-in user may not do this: another role, or a territory outside theirs. */
export class Forbidden extends DomainError {
  readonly kind = 'forbidden';
  constructor(message: string, { code = 'forbidden', details }: ErrorOptions = {}) {
    super(message, code, details);
  }
}

/** The write would overwrite a change made meanwhile, or break a uniqueness rule. */
export class Conflict extends DomainError {
  readonly kind = 'conflict';
  constructor(message: string, { code = 'conflict', details }: ErrorOptions = {}) {
    super(message, code, details);
  }
}

/** What was asked for does not exist, or is not loaded: a territory, a year, the roads. */
export class NotFound extends DomainError {
  readonly kind = 'not_found';
  constructor(message: string, { code = 'not_found', details }: ErrorOptions = {}) {
    super(message, code, details);
  }
}

/** The answer exists but cannot be given now (the database took too long). */
export class Unavailable extends DomainError {
  readonly kind = 'unavailable';
  constructor(message: string, { code, details }: ErrorOptions & { code: string }) {
    super(message, code, details);
  }
}
