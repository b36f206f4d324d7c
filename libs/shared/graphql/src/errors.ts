/** The error codes of the API contract (`extensions.code`). */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  CONFLICT = 'CONFLICT',
  RATE_LIMITED = 'RATE_LIMITED',
  /** The database is unreachable, frozen or overloaded: retry after `retryAfterSeconds`. */
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

export interface FieldProblem {
  /** Path of the offending field, e.g. `input.location.lat`. */
  field: string;
  message: string;
}

/**
 * A domain error: a code from the contract, a message meant for the caller, and optional details
 * that go to `extensions` — among them a stable `reason` (UPPER_SNAKE) where a client must know
 * why, so clients never parse sentences. Services throw these; one formatter maps them onto
 * GraphQL errors.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'Authentication required') {
    super(ErrorCode.UNAUTHENTICATED, message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'You are not allowed to do this') {
    super(ErrorCode.FORBIDDEN, message);
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, id?: string) {
    super(ErrorCode.NOT_FOUND, id === undefined ? `${what} not found` : `${what} ${id} not found`);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(ErrorCode.CONFLICT, message, details);
  }
}

export class RateLimitedError extends DomainError {
  constructor(retryAfterSeconds: number) {
    super(ErrorCode.RATE_LIMITED, `Too many attempts; try again in ${retryAfterSeconds} s`, { retryAfterSeconds });
  }
}

export class ServiceUnavailableError extends DomainError {
  constructor(retryAfterSeconds = 1, message = 'The service is unavailable for a moment; try again shortly') {
    super(ErrorCode.SERVICE_UNAVAILABLE, message, { retryAfterSeconds });
  }
}

export class BadUserInputError extends DomainError {
  readonly fields: FieldProblem[];

  constructor(fields: FieldProblem[] | FieldProblem) {
    const list = Array.isArray(fields) ? fields : [fields];
    super(ErrorCode.BAD_USER_INPUT, list.map((f) => `${f.field}: ${f.message}`).join('; '), { fields: list });
    this.fields = list;
  }

  static field(field: string, message: string): BadUserInputError {
    return new BadUserInputError({ field, message });
  }
}
