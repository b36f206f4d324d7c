import { createHash } from 'node:crypto';
import { Global, Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@common-ground/shared/config';
import { inTransaction, returning } from '@common-ground/shared/database';
import { ConflictError } from '@common-ground/shared/graphql';

/** The reason of the CONFLICT for a key sent again with another operation or input. */
export const IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED';

/** What a creating mutation passes on from its request: the command's idempotency part. */
export interface CreateOptions {
  /** The request's Idempotency-Key (already validated), if it sent one. */
  idempotencyKey?: string;
}

/** One creating request under a key. */
export interface IdempotentRequest {
  userId: string;
  /** Without a key the work just runs. */
  key?: string;
  operation: string;
  /** The mutation's input: hashed to tell a retry from another request with the same key. */
  input: unknown;
}

/** A stable JSON text of a value: object keys sorted, undefined members dropped, dates as ISO. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, member]) => member !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([name, member]) => `${JSON.stringify(name)}:${canonicalJson(member)}`).join(',')}}`;
}

export function requestHash(operation: string, input: unknown): string {
  return createHash('sha256').update(operation).update('\n').update(canonicalJson(input)).digest('hex');
}

/**
 * Idempotency keys of creating mutations (the table idempotency_keys, IdempotencyKeyEntity in
 * shared/database, with the migrations), scoped to the user and kept for
 * IDEMPOTENCY_KEY_TTL_HOURS. A retry with the same key returns the first result and creates
 * nothing; the same key with another operation or input is a CONFLICT (IDEMPOTENCY_KEY_REUSED).
 */
@Injectable()
export class IdempotencyKeys implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('IdempotencyKeys');
  private readonly ttlHours: number;
  private purgeTimer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.ttlHours = config.idempotency.keyTtlHours;
  }

  /**
   * Runs `create` in one transaction that first claims the key for `resultId` (the id the work
   * will give its row). When the key was already used for the same request, nothing is created
   * and `replay(theFirstResultId)` answers instead. Concurrent requests with one key wait on the
   * key's unique index for the first one's transaction: one creates, the others replay (or, if
   * it rolled back, the next one creates). Through inTransaction: a deadlock victim runs again.
   */
  async create<T>(
    request: IdempotentRequest,
    resultId: string,
    create: (manager: EntityManager) => Promise<T>,
    replay: (firstResultId: string) => Promise<T>,
  ): Promise<T> {
    const key = request.key;
    const outcome = await inTransaction(this.dataSource, async (manager): Promise<{ earlier: string } | { created: T }> => {
      if (key !== undefined) {
        const earlier = await this.claim(manager, request, key, resultId);
        if (earlier) return { earlier };
      }
      return { created: await create(manager) };
    });
    return 'earlier' in outcome ? replay(outcome.earlier) : outcome.created;
  }

  /**
   * Takes the key for this request in the caller's transaction (an expired key is taken over).
   * Returns null when taken, or the first result's id when the key holds the same request.
   */
  private async claim(manager: EntityManager, request: IdempotentRequest, key: string, resultId: string): Promise<string | null> {
    const hash = requestHash(request.operation, request.input);
    const [taken] = await returning<{ result_id: string }>(
      manager,
      `INSERT INTO idempotency_keys (user_id, key, operation, request_hash, result_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id, key) DO UPDATE
          SET operation = EXCLUDED.operation, request_hash = EXCLUDED.request_hash, result_id = EXCLUDED.result_id, created_at = now()
        WHERE idempotency_keys.created_at < now() - make_interval(hours => $6)
       RETURNING result_id`,
      [request.userId, key, request.operation, hash, resultId, this.ttlHours],
    );
    if (taken) return null;
    // A live key of a committed request (the statement above waited for it and locked its row).
    const [first] = await returning<{ operation: string; request_hash: string; result_id: string }>(
      manager,
      'SELECT operation, request_hash, result_id FROM idempotency_keys WHERE user_id = $1 AND key = $2',
      [request.userId, key],
    );
    if (!first) throw new Error(`idempotency key of user ${request.userId} vanished while locked`);
    if (first.operation !== request.operation || first.request_hash !== hash) {
      throw new ConflictError(
        first.operation !== request.operation
          ? `This Idempotency-Key was used for ${first.operation}; send a new key for each new request`
          : 'This Idempotency-Key was used with another input; send a new key for each new request',
        { reason: IDEMPOTENCY_KEY_REUSED, header: 'Idempotency-Key', operation: first.operation },
      );
    }
    return first.result_id;
  }

  /** Deletes the keys older than the retention; returns how many. */
  async purgeExpired(): Promise<number> {
    const [, count] = (await this.dataSource.query('DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1)', [this.ttlHours])) as [
      unknown,
      number,
    ];
    return count;
  }

  onApplicationBootstrap(): void {
    // Every tenth of the retention, at most hourly. Expired keys are ignored meanwhile anyway.
    const every = Math.min(this.ttlHours * 360_000, 3_600_000);
    this.purgeTimer = setInterval(() => {
      this.purgeExpired().then(
        (count) => count && this.logger.log(`Deleted ${count} expired idempotency keys`),
        (error: unknown) => this.logger.warn(`Could not delete expired idempotency keys: ${(error as Error).message}`),
      );
    }, every);
    this.purgeTimer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.purgeTimer);
  }
}

/** Provides IdempotencyKeys to every module (imported once, by the app module). */
@Global()
@Module({ providers: [IdempotencyKeys], exports: [IdempotencyKeys] })
export class IdempotencyModule {}
