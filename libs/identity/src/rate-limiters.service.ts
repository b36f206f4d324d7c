import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Redis } from 'ioredis';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import { APP_CONFIG, AppConfig } from '@common-ground/shared/config';

/** How long start-up waits for Redis before counting in memory until it answers. */
const REDIS_READY_TIMEOUT_MS = 3000;

/**
 * Makes the counters behind the abuse limits: in this process's memory, or in Redis when
 * REDIS_URL is set, so every replica shares them (each Redis limiter falls back to memory
 * while Redis is unreachable, rather than failing the request).
 */
@Injectable()
export class RateLimiters implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(RateLimiters.name);
  private readonly redis?: Redis;
  private unreachable = false;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    if (config.redisUrl) {
      this.redis = new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
      // ioredis keeps reconnecting; say so once per outage, not on every retry.
      this.redis.on('error', (error: Error) => {
        if (this.unreachable) return;
        this.unreachable = true;
        this.logger.warn(`Redis: ${error.message}; rate limits count in this process's memory until it answers`);
      });
      this.redis.on('ready', () => {
        if (this.unreachable) this.logger.log('Redis answers again; rate limits are shared');
        this.unreachable = false;
      });
    }
  }

  /** `points` events per key within `durationSeconds` from the key's first event. */
  create(keyPrefix: string, points: number, durationSeconds: number): RateLimiterAbstract {
    const memory = new RateLimiterMemory({ keyPrefix, points, duration: durationSeconds });
    if (!this.redis) return memory;
    return new RateLimiterRedis({ storeClient: this.redis, keyPrefix, points, duration: durationSeconds, insuranceLimiter: memory });
  }

  /** Without an offline queue, commands sent before the connection is up would go to memory. */
  async onModuleInit(): Promise<void> {
    const redis = this.redis;
    if (!redis || redis.status === 'ready') return;
    const ready = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), REDIS_READY_TIMEOUT_MS);
      redis.once('ready', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    if (!ready) this.logger.warn(`Redis did not answer within ${REDIS_READY_TIMEOUT_MS} ms; rate limits count in memory until it does`);
  }

  async onModuleDestroy(): Promise<void> {
    await this.redis?.quit().catch(() => this.redis?.disconnect());
  }
}
