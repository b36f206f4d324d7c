import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel.js';
import { ConflictError } from '@common-ground/shared/graphql';

/*
 * LOCK ORDER
 *
 * Every transaction that changes a problem, its supports, its solutions, their votes, or merges
 * problems takes its row locks in this order and never goes back to an earlier step:
 *
 *   1. The merge lock (`pg_advisory_xact_lock(hashtext('problems.merge'))`), by merges only.
 *      Merges run one at a time, so each sees every merge before it, and a duplicate always
 *      points at the surviving problem, never at another duplicate.
 *   2. Problems, by id ascending (several in one `SELECT … ORDER BY id FOR NO KEY UPDATE`,
 *      never a bulk UPDATE in scan order). FOR SHARE where the transaction only needs the
 *      problem's status to hold (a solution's status change). A counter UPDATE of a problem not
 *      yet locked counts as this step. A category whose change rewrites its problems is locked
 *      before them.
 *   3. Solutions, by id ascending, in the same way.
 *   4. The rows that hang under them: problem_supports and solution_votes (the user's own row),
 *      moderation_states (after the item they count flags for); a solution's capacity needs,
 *      pledges and match offers (every write to them, and to the solution's pledge totals,
 *      locks the solution first, so all of one solution's pledge work queues on it; under it,
 *      the pledge rows by id, then the match offers in the order they were made).
 *   5. Actions, after their problem (which an action change locks FOR NO KEY UPDATE first, so
 *      the ASSESSMENT gate, run under the status change's lock on the problem, sees them settled).
 *   Rows that are only inserted (timeline events, comments, the moderation audit) come last and
 *   hold no lock that another transaction waits for.
 *
 * The exclusive lock on a problem or solution is FOR NO KEY UPDATE, never FOR UPDATE: inserting
 * a row that references one (a support, vote, timeline event or comment) takes FOR KEY SHARE on
 * it for the foreign key, which FOR NO KEY UPDATE lets through and FOR UPDATE would block.
 *
 * Work that follows the order does not deadlock. inTransaction still retries a transaction that
 * PostgreSQL aborted as a deadlock (40P01) or a serialization failure (40001): a bounded number of
 * times, after a random pause (full jitter), then answers CONFLICT with reason
 * TRANSACTION_CONTENDED. The work must be safe to run again: all it changes is in the database.
 */

/** SQLSTATE of a transaction PostgreSQL aborted as a deadlock victim. */
export const DEADLOCK_DETECTED = '40P01';
/** SQLSTATE of a transaction that could not be serialized (SERIALIZABLE or REPEATABLE READ). */
export const SERIALIZATION_FAILURE = '40001';
/** `extensions.reason` of the CONFLICT answered when every attempt lost a race. */
export const TRANSACTION_CONTENDED = 'TRANSACTION_CONTENDED';

/** Further attempts after the first, unless the caller says otherwise. */
export const DEFAULT_TRANSACTION_RETRIES = 4;
/** The pause before the first retry is at most this long; it doubles per attempt up to the cap. */
export const RETRY_BASE_DELAY_MS = 20;
export const RETRY_MAX_DELAY_MS = 500;

export interface TransactionOptions {
  /** Further attempts after the first (0: none). Default DEFAULT_TRANSACTION_RETRIES. */
  retries?: number;
  /** Isolation level; PostgreSQL's default (READ COMMITTED) when left out. */
  isolation?: IsolationLevel;
}

/**
 * Thrown by work that met a race it cannot settle inside its own transaction (a row it read is
 * gone): the transaction rolls back and runs again, as after a deadlock.
 */
export class TransactionRaceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** True when running the transaction again may succeed: a deadlock, a serialization failure or a race the work reported. */
export function isRetryableTransactionError(error: unknown): boolean {
  if (error instanceof TransactionRaceError) return true;
  const driverError = (error as { driverError?: { code?: unknown } })?.driverError ?? error;
  const code = (driverError as { code?: unknown })?.code;
  return code === DEADLOCK_DETECTED || code === SERIALIZATION_FAILURE;
}

/** Whether attempt number `attempt` (1 for the first), which failed with `error`, is followed by another. */
export function shouldRetryTransaction(error: unknown, attempt: number, retries: number): boolean {
  return attempt <= retries && isRetryableTransactionError(error);
}

/**
 * The pause after failed attempt number `attempt` (1 for the first): full jitter, uniformly
 * random between 0 and min(cap, base × 2^(attempt − 1)), so transactions that collided once
 * spread out instead of colliding again in step.
 */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RETRY_MAX_DELAY_MS, RETRY_BASE_DELAY_MS * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/** The answer when every attempt lost a race: CONFLICT, retryable by the client. */
export function transactionContendedError(attempts: number): ConflictError {
  return new ConflictError('Too many requests changed the same data at once; try again', { reason: TRANSACTION_CONTENDED, attempts });
}

const logger = new Logger('Transaction');

/**
 * Runs `work` in a transaction, following the lock order above; runs it again on a deadlock,
 * a serialization failure or a TransactionRaceError, at most `retries` more times, and then
 * throws CONFLICT (reason TRANSACTION_CONTENDED). Any other error goes to the caller unchanged.
 */
export async function inTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  const retries = options.retries ?? DEFAULT_TRANSACTION_RETRIES;
  for (let attempt = 1; ; attempt++) {
    try {
      return options.isolation ? await dataSource.transaction(options.isolation, work) : await dataSource.transaction(work);
    } catch (error) {
      if (!isRetryableTransactionError(error)) throw error;
      if (!shouldRetryTransaction(error, attempt, retries)) {
        logger.warn(`Transaction gave up after ${attempt} attempts: ${(error as Error).message}`);
        throw transactionContendedError(attempt);
      }
      logger.debug(`Transaction attempt ${attempt} lost a race (${(error as Error).message}); running it again`);
      await sleep(retryDelayMs(attempt));
    }
  }
}
