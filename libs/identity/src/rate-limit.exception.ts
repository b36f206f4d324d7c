import { RateLimitedError } from '@common-ground/shared/graphql';

/** Why a sign-up or login was refused with RATE_LIMITED (`extensions.reason`). */
export enum RateLimitReason {
  /** REGISTER_RATE_LIMIT_PER_ADDRESS sign-ups from this client address in the window. */
  REGISTER_LIMIT_FOR_ADDRESS = 'REGISTER_LIMIT_FOR_ADDRESS',
  /** LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS failures for this account from this address. */
  LOGIN_LOCKED_FOR_ACCOUNT_AND_ADDRESS = 'LOGIN_LOCKED_FOR_ACCOUNT_AND_ADDRESS',
  /** LOGIN_FAILURES_PER_ACCOUNT failures for this account from all addresses. */
  LOGIN_LOCKED_FOR_ACCOUNT = 'LOGIN_LOCKED_FOR_ACCOUNT',
  /** LOGIN_FAILURES_PER_ADDRESS failures from this address, for any accounts. */
  LOGIN_LOCKED_FOR_ADDRESS = 'LOGIN_LOCKED_FOR_ADDRESS',
}

/** RATE_LIMITED with `retryAfterSeconds` (at least 1) and the `reason`. */
export class TooManyAttemptsError extends RateLimitedError {
  constructor(msBeforeNext: number, reason: RateLimitReason) {
    super(Math.max(1, Math.ceil(msBeforeNext / 1000)));
    this.details['reason'] = reason;
  }
}
