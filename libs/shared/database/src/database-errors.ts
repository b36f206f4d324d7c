/**
 * Why the database could not serve a statement, when the cause is the database being
 * unreachable, frozen or overloaded rather than the statement itself. A caller should retry.
 *
 * - `DATABASE_UNREACHABLE`: no connection (refused, reset, terminated, shutting down, starting up).
 * - `DATABASE_BUSY`: no free connection (the pool stayed exhausted, too many connections, out of resources).
 * - `DATABASE_TIMEOUT`: no answer in time (statement time-out, or a frozen server that answers nothing).
 * - `LOCK_TIMEOUT`: a statement waited too long for a lock another session holds.
 */
export type DatabaseUnavailableReason = 'DATABASE_UNREACHABLE' | 'DATABASE_BUSY' | 'DATABASE_TIMEOUT' | 'LOCK_TIMEOUT';

export interface DatabaseUnavailable {
  reason: DatabaseUnavailableReason;
  /** When a retry may succeed, in seconds. */
  retryAfterSeconds: number;
}

const RETRY_AFTER_SECONDS: Record<DatabaseUnavailableReason, number> = {
  DATABASE_UNREACHABLE: 5,
  DATABASE_BUSY: 2,
  DATABASE_TIMEOUT: 2,
  LOCK_TIMEOUT: 1,
};

/** SQLSTATEs (https://www.postgresql.org/docs/current/errcodes-appendix.html) by reason; classes end in `*`. */
const SQLSTATES: [pattern: string, reason: DatabaseUnavailableReason][] = [
  ['08*', 'DATABASE_UNREACHABLE'], // connection exception
  ['57P01', 'DATABASE_UNREACHABLE'], // admin_shutdown (server stopping, or the backend terminated)
  ['57P02', 'DATABASE_UNREACHABLE'], // crash_shutdown
  ['57P03', 'DATABASE_UNREACHABLE'], // cannot_connect_now (starting up, shutting down, in recovery)
  ['57P05', 'DATABASE_UNREACHABLE'], // idle_session_timeout
  ['53*', 'DATABASE_BUSY'], // insufficient resources, among them 53300 too_many_connections
  ['57014', 'DATABASE_TIMEOUT'], // query_canceled (statement_timeout, or cancelled by an operator)
  ['25P03', 'DATABASE_TIMEOUT'], // idle_in_transaction_session_timeout
  ['55P03', 'LOCK_TIMEOUT'], // lock_not_available (lock_timeout)
];

/** Errors of the operating system's network stack when talking to the server. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
]);

/** node-postgres and pg-pool raise these as plain errors, without a code. */
const DRIVER_MESSAGES: [pattern: RegExp, reason: DatabaseUnavailableReason][] = [
  [/^timeout exceeded when trying to connect$/, 'DATABASE_BUSY'], // pool acquisition time-out
  [/^Connection terminated due to connection timeout$/, 'DATABASE_TIMEOUT'], // a new connection got no answer in time
  [/^Query read timeout$/, 'DATABASE_TIMEOUT'], // query_timeout: the server never answered
  [/^Connection terminated( unexpectedly)?$/, 'DATABASE_UNREACHABLE'],
  [/^Client has encountered a connection error and is not queryable$/, 'DATABASE_UNREACHABLE'],
  [/^Client was closed and is not queryable$/, 'DATABASE_UNREACHABLE'],
  [/^Cannot use a pool after calling end on the pool$/, 'DATABASE_UNREACHABLE'], // the process is shutting down
  // TypeORM, after the connection of a transaction was killed: the next statement finds its
  // query runner released.
  [/^Query runner already released/, 'DATABASE_UNREACHABLE'],
];

/**
 * Whether an error means the database is unavailable or overloaded (and why), or undefined for
 * any other error (a bad statement, a constraint, a bug). Looks through TypeORM's
 * `driverError`, `cause` chains, the `errors` of an AggregateError (a connect to every
 * address of a host name) and graphql-js's `thrownValue`.
 */
export function classifyDatabaseError(error: unknown): DatabaseUnavailable | undefined {
  const reason = reasonOf(error, 0);
  return reason ? { reason, retryAfterSeconds: RETRY_AFTER_SECONDS[reason] } : undefined;
}

export function isDatabaseUnavailable(error: unknown): boolean {
  return classifyDatabaseError(error) !== undefined;
}

function reasonOf(error: unknown, depth: number): DatabaseUnavailableReason | undefined {
  if (depth > 8 || typeof error !== 'object' || error === null) return undefined;
  const { code, syscall, message, driverError, cause, errors, thrownValue } = error as {
    code?: unknown;
    syscall?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
    errors?: unknown;
    /** graphql-js wraps a thrown value that is no Error of its realm in a NonErrorThrown. */
    thrownValue?: unknown;
  };
  if (typeof code === 'string') {
    if (/^[0-9A-Z]{5}$/.test(code)) {
      const match = SQLSTATES.find(([pattern]) => (pattern.endsWith('*') ? code.startsWith(pattern.slice(0, -1)) : code === pattern));
      if (match) return match[1];
    }
    if (SOCKET_CODES.has(code)) return 'DATABASE_UNREACHABLE';
    // A Unix socket that is not there: the server is not running.
    if (code === 'ENOENT' && syscall === 'connect') return 'DATABASE_UNREACHABLE';
  }
  if (typeof message === 'string') {
    const match = DRIVER_MESSAGES.find(([pattern]) => pattern.test(message));
    if (match) return match[1];
  }
  for (const inner of [driverError, cause, thrownValue, ...(Array.isArray(errors) ? errors : [])]) {
    const reason = reasonOf(inner, depth + 1);
    if (reason) return reason;
  }
  return undefined;
}
