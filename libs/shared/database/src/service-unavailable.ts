import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ServiceUnavailableError } from '@common-ground/shared/graphql';
import { classifyDatabaseError, DatabaseUnavailableReason } from './database-errors';

/**
 * SERVICE_UNAVAILABLE for a database that is unreachable, frozen or overloaded. `reason` says
 * which (`DATABASE_UNREACHABLE`, `DATABASE_BUSY`, `DATABASE_TIMEOUT`, `LOCK_TIMEOUT`), and
 * `reference` finds the logged cause.
 */
export class DatabaseUnavailableError extends ServiceUnavailableError {
  constructor(reason: DatabaseUnavailableReason, retryAfterSeconds: number, reference: string) {
    super(retryAfterSeconds);
    Object.assign(this.details, { reason, reference });
  }
}

/**
 * The error a client should see for `error`: a DatabaseUnavailableError when the database is
 * unavailable (its real cause logged with the reference), otherwise `error` unchanged.
 */
export function asServiceUnavailable(error: unknown, logger: Pick<Logger, 'warn'> = new Logger('GraphQLError')): unknown {
  const unavailable = classifyDatabaseError(error);
  if (!unavailable) return error;
  const reference = randomUUID();
  logger.warn({ reference, reason: unavailable.reason, err: error }, `Database unavailable: ${unavailable.reason} (reference ${reference})`);
  return new DatabaseUnavailableError(unavailable.reason, unavailable.retryAfterSeconds, reference);
}
