import { setTimeout as delay } from 'node:timers/promises';
import { Client } from 'pg';
import { classifyDatabaseError, DatabaseUnavailableReason } from './database-errors';

export interface DatabaseRetry {
  attempt: number;
  reason: DatabaseUnavailableReason;
  /** How long until the next attempt. */
  delayMs: number;
  error: unknown;
}

export interface WaitForDatabaseOptions {
  /** How long to keep trying; after that the last error is thrown. */
  timeoutMs: number;
  /** The longest one attempt may take (a frozen server answers nothing). */
  attemptTimeoutMs?: number;
  /** First pause between attempts; it doubles up to `maxDelayMs`. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  onRetry?: (retry: DatabaseRetry) => void;
}

/**
 * Waits until the database at `url` answers a statement, retrying with exponential backoff while
 * it is unavailable (not running yet, starting up, refusing connections), so the order in which
 * the database and the API start does not matter. Any other error (a wrong password, a missing
 * database) is thrown at once.
 */
export async function waitForDatabase(url: string, options: WaitForDatabaseOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  const attemptTimeoutMs = options.attemptTimeoutMs ?? 5000;
  let pause = options.initialDelayMs ?? 250;
  for (let attempt = 1; ; attempt++) {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: attemptTimeoutMs, query_timeout: attemptTimeoutMs });
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return;
    } catch (error) {
      client.end().catch(() => undefined);
      const unavailable = classifyDatabaseError(error);
      const delayMs = Math.min(pause, deadline - Date.now());
      if (!unavailable || delayMs <= 0) throw error;
      options.onRetry?.({ attempt, reason: unavailable.reason, delayMs, error });
      await delay(delayMs);
      pause = Math.min(pause * 2, options.maxDelayMs ?? 5000);
    }
  }
}
