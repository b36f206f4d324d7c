import type { ClientBase } from 'pg';

/** Bounds on every wait of a process's database work, in milliseconds; 0 turns a bound off. */
export interface DatabaseTimeouts {
  /** PostgreSQL's `statement_timeout`: the longest a statement may run (lock waits included). */
  statementMs: number;
  /** PostgreSQL's `lock_timeout`: the longest a statement may wait for one lock. */
  lockMs: number;
  /** PostgreSQL's `idle_in_transaction_session_timeout`: a session idle inside a transaction is ended. */
  idleInTransactionMs: number;
  /** The longest a caller waits for a pooled connection, and for a new connection to open. */
  acquireMs: number;
  /**
   * The longest the driver waits for any answer to a statement (a frozen or unreachable server
   * answers nothing, so the server-side time-outs never fire); the connection is then dropped.
   */
  queryMs: number;
}

/** The pg pool and client settings for these bounds (the server-side ones go in the start-up packet). */
export function timeoutPoolOptions(timeouts: DatabaseTimeouts): Record<string, number> {
  const options: Record<string, number> = {};
  if (timeouts.statementMs > 0) options['statement_timeout'] = timeouts.statementMs;
  if (timeouts.lockMs > 0) options['lock_timeout'] = timeouts.lockMs;
  if (timeouts.idleInTransactionMs > 0) options['idle_in_transaction_session_timeout'] = timeouts.idleInTransactionMs;
  if (timeouts.acquireMs > 0) options['connectionTimeoutMillis'] = timeouts.acquireMs;
  if (timeouts.queryMs > 0) options['query_timeout'] = timeouts.queryMs;
  return options;
}

type Callback = (error: unknown, result?: unknown) => void;
type Query = (config: unknown, values?: unknown, callback?: unknown) => unknown;

/**
 * After a `query_timeout` the statement is still in flight on the connection, so every statement
 * queued behind it would wait for an answer that may never come. The connection is dropped
 * instead (its socket destroyed); the pool then discards it and opens a fresh one when needed.
 */
export function dropConnectionOnReadTimeout(client: ClientBase): void {
  const target = client as unknown as { query: Query };
  const query = target.query.bind(client) as Query;
  const drop = (error: unknown) => {
    if ((error as { message?: unknown } | undefined)?.message === 'Query read timeout') {
      (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
    }
  };
  target.query = (config, values, callback) => {
    if (typeof values === 'function' || typeof callback === 'function') {
      const given = (typeof values === 'function' ? values : callback) as Callback;
      const wrapped: Callback = (error, result) => {
        if (error) drop(error);
        given(error, result);
      };
      return typeof values === 'function' ? query(config, wrapped) : query(config, values, wrapped);
    }
    const result = query(config, values);
    if (result instanceof Promise) {
      return result.catch((error: unknown) => {
        drop(error);
        throw error;
      });
    }
    return result;
  };
}
