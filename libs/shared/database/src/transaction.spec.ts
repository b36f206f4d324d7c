import { ConflictError, ErrorCode } from '@common-ground/shared/graphql';
import {
  DEFAULT_TRANSACTION_RETRIES,
  isRetryableTransactionError,
  RETRY_BASE_DELAY_MS,
  RETRY_MAX_DELAY_MS,
  retryDelayMs,
  shouldRetryTransaction,
  TRANSACTION_CONTENDED,
  transactionContendedError,
  TransactionRaceError,
} from './transaction';

/** What TypeORM's QueryFailedError carries: the driver's error, whose fields it also copies. */
const queryFailed = (code: string) => Object.assign(new Error(`failed with ${code}`), { code, driverError: { code } });

describe('transaction retries', () => {
  it('retries deadlocks, serialization failures and races the work reports', () => {
    expect(isRetryableTransactionError(queryFailed('40P01'))).toBe(true);
    expect(isRetryableTransactionError(queryFailed('40001'))).toBe(true);
    expect(isRetryableTransactionError({ code: '40P01' })).toBe(true);
    expect(isRetryableTransactionError({ driverError: { code: '40001' } })).toBe(true);
    expect(isRetryableTransactionError(new TransactionRaceError('the vote row vanished'))).toBe(true);
  });

  it('does not retry anything else', () => {
    for (const code of ['23505', '23503', '57014', '55P03', '08006', '40002', '40003']) {
      expect(isRetryableTransactionError(queryFailed(code))).toBe(false);
    }
    expect(isRetryableTransactionError(new ConflictError('A DUPLICATE problem cannot be supported'))).toBe(false);
    expect(isRetryableTransactionError(new Error('40P01 in a message is not a code'))).toBe(false);
    expect(isRetryableTransactionError(undefined)).toBe(false);
    expect(isRetryableTransactionError(null)).toBe(false);
    expect(isRetryableTransactionError('40P01')).toBe(false);
  });

  it('retries a bounded number of times', () => {
    const deadlock = queryFailed('40P01');
    const retried = Array.from({ length: 10 }, (_, i) => i + 1).filter((attempt) => shouldRetryTransaction(deadlock, attempt, 3));
    expect(retried).toEqual([1, 2, 3]);
    expect(shouldRetryTransaction(deadlock, 1, 0)).toBe(false);
    expect(shouldRetryTransaction(queryFailed('23505'), 1, 3)).toBe(false);
    expect(DEFAULT_TRANSACTION_RETRIES).toBeGreaterThan(0);
  });

  it('pauses with full jitter under a doubling ceiling and a cap', () => {
    const ceilings = [1, 2, 3, 4, 5, 6, 10, 40].map((attempt) => retryDelayMs(attempt, () => 0.999999999));
    expect(ceilings).toEqual([
      RETRY_BASE_DELAY_MS - 1,
      2 * RETRY_BASE_DELAY_MS - 1,
      4 * RETRY_BASE_DELAY_MS - 1,
      8 * RETRY_BASE_DELAY_MS - 1,
      16 * RETRY_BASE_DELAY_MS - 1,
      RETRY_MAX_DELAY_MS - 1,
      RETRY_MAX_DELAY_MS - 1,
      RETRY_MAX_DELAY_MS - 1,
    ]);
    expect(retryDelayMs(3, () => 0)).toBe(0);
    expect(retryDelayMs(3, () => 0.5)).toBe(2 * RETRY_BASE_DELAY_MS);
    for (let i = 0; i < 1000; i++) {
      const delay = retryDelayMs(2);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(2 * RETRY_BASE_DELAY_MS);
    }
  });

  it('gives up with a CONFLICT that says why', () => {
    const error = transactionContendedError(5);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.code).toBe(ErrorCode.CONFLICT);
    expect(error.details).toEqual({ reason: TRANSACTION_CONTENDED, attempts: 5 });
  });
});
