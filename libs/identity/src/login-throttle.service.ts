import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { APP_CONFIG, AppConfig } from '@common-ground/shared/config';
import { clientAddressKey } from './client-address';
import { IdentityReason, RateLimitReason, TooManyAttemptsError } from './identity.exception';
import { RateLimiters } from './rate-limiters.service';

interface Counter {
  limiter: RateLimiterAbstract;
  /** Failures at which the key is locked. */
  limit: number;
  reason: RateLimitReason;
}

/** One login attempt that passed the limits; it must end as succeeded, failed or abandoned. */
export interface LoginAttempt {
  /** Clears the failures of this account from this address; the attempt itself is not counted. */
  succeeded(): Promise<void>;
  /** Counts the failure; a key that reached its limit is locked for LOGIN_LOCKOUT_SECONDS. */
  failed(): Promise<void>;
  /** The attempt was not decided (an internal error): it is not counted. */
  abandoned(): Promise<void>;
}

/**
 * Failed logins are counted, successful ones are not, in three counters:
 * - per account and client address (LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS, a few): someone
 *   guessing one account's password from one place is locked out there, while its owner,
 *   elsewhere, still gets in;
 * - per account (LOGIN_FAILURES_PER_ACCOUNT, many): guesses spread over many addresses;
 * - per client address (LOGIN_FAILURES_PER_ADDRESS, many): one address trying many accounts.
 * Failures count within LOGIN_FAILURE_WINDOW_SECONDS of a key's first one; a key that reaches
 * its limit is locked for LOGIN_LOCKOUT_SECONDS, and its attempts answer RATE_LIMITED even
 * with the right password. A success clears its pair's failures (the account's and the
 * address's stay, so an owner signing in does not hand a distributed guesser a fresh allowance).
 *
 * The pair's few are guarded atomically: each attempt reserves a point before the password is
 * checked (an increment in memory or Redis), so racing guesses cannot all slip past one read of
 * the count, and a success hands it back. The account's and address's many are read before and
 * counted after a failure (the library's login pattern): reserving there would make the
 * officers signing in at once at one station count against the station's failure limit.
 */
@Injectable()
export class LoginThrottle {
  private readonly perAccountAndAddress: Counter;
  private readonly perAccount: Counter;
  private readonly perAddress: Counter;
  private readonly lockoutSeconds: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig, limiters: RateLimiters) {
    const limits = config.rateLimit;
    const counter = (keyPrefix: string, limit: number, reason: RateLimitReason): Counter => ({
      limiter: limiters.create(keyPrefix, limit, limits.loginFailureWindowSeconds),
      limit,
      reason,
    });
    this.perAccountAndAddress = counter(
      'login-failures:account-address',
      limits.loginFailuresPerAccountAndAddress,
      IdentityReason.LOGIN_LOCKED_FOR_ACCOUNT_AND_ADDRESS,
    );
    this.perAccount = counter('login-failures:account', limits.loginFailuresPerAccount, IdentityReason.LOGIN_LOCKED_FOR_ACCOUNT);
    this.perAddress = counter('login-failures:address', limits.loginFailuresPerAddress, IdentityReason.LOGIN_LOCKED_FOR_ADDRESS);
    this.lockoutSeconds = limits.loginLockoutSeconds;
  }

  /**
   * Starts an attempt for `account` (a normalised e-mail) from `clientIp`; RATE_LIMITED, with
   * the longest wait among the locked counters and its reason, when any of them is locked.
   */
  async begin(account: string, clientIp: string | undefined): Promise<LoginAttempt> {
    const address = clientAddressKey(clientIp);
    const pairKey = JSON.stringify([account, address]);
    const pair = this.perAccountAndAddress.limiter;
    const [reservation, accountCount, addressCount] = await Promise.allSettled([
      pair.consume(pairKey),
      this.perAccount.limiter.get(account),
      this.perAddress.limiter.get(address),
    ]);

    const refusals: { ms: number; reason: RateLimitReason }[] = [];
    const failures: unknown[] = [];
    if (reservation.status === 'rejected') {
      if (reservation.reason instanceof RateLimiterRes) refusals.push({ ms: reservation.reason.msBeforeNext, reason: this.perAccountAndAddress.reason });
      else failures.push(reservation.reason);
    }
    for (const [result, counter] of [
      [accountCount, this.perAccount],
      [addressCount, this.perAddress],
    ] as const) {
      if (result.status === 'rejected') failures.push(result.reason);
      else if (result.value && result.value.consumedPoints >= counter.limit) refusals.push({ ms: result.value.msBeforeNext, reason: counter.reason });
    }
    if (refusals.length > 0 || failures.length > 0) {
      // Nothing was tried, so nothing counts. A refused reservation was counted too and is
      // handed back as well: a locked pair stays past its limit (locking sets it there), and a
      // pair pushed past it only by attempts in flight at once falls back.
      if (reservation.status === 'fulfilled' || reservation.reason instanceof RateLimiterRes) await pair.reward(pairKey);
      if (failures.length > 0) throw failures[0];
      const longest = refusals.reduce((a, b) => (b.ms > a.ms ? b : a));
      throw new TooManyAttemptsError(longest.ms, longest.reason);
    }
    const reservedCount = reservation.status === 'fulfilled' ? reservation.value.consumedPoints : 0;

    return {
      succeeded: async () => {
        await pair.delete(pairKey);
      },
      failed: async () => {
        const lockIf = async (counter: Counter, key: string, count: number) => {
          if (count >= counter.limit) await counter.limiter.block(key, this.lockoutSeconds);
        };
        const [accountNow, addressNow] = await Promise.all([this.perAccount.limiter.penalty(account), this.perAddress.limiter.penalty(address)]);
        await Promise.all([
          lockIf(this.perAccountAndAddress, pairKey, reservedCount),
          lockIf(this.perAccount, account, accountNow.consumedPoints),
          lockIf(this.perAddress, address, addressNow.consumedPoints),
        ]);
      },
      abandoned: async () => {
        await pair.reward(pairKey);
      },
    };
  }
}
