import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { APP_CONFIG, AppConfig } from '@common-ground/shared/config';
import { RateLimitedError } from '@common-ground/shared/graphql';

/**
 * Login attempts are limited per account and per client address, in memory on one process
 * or in Redis (REDIS_URL) when several replicas share the load.
 */
@Injectable()
export class LoginThrottle implements OnModuleDestroy {
  private readonly perAccount: RateLimiterAbstract;
  private readonly perAddress: RateLimiterAbstract;
  private readonly redis?: Redis;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const { loginPerAccount, loginPerAddress, loginWindowSeconds } = config.rateLimit;
    if (config.redisUrl) {
      this.redis = new Redis(config.redisUrl, { enableOfflineQueue: false, lazyConnect: false, maxRetriesPerRequest: 1 });
      const make = (keyPrefix: string, points: number) =>
        new RateLimiterRedis({
          storeClient: this.redis,
          keyPrefix,
          points,
          duration: loginWindowSeconds,
          insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration: loginWindowSeconds }),
        });
      this.perAccount = make('login:account', loginPerAccount);
      this.perAddress = make('login:address', loginPerAddress);
    } else {
      this.perAccount = new RateLimiterMemory({ keyPrefix: 'login:account', points: loginPerAccount, duration: loginWindowSeconds });
      this.perAddress = new RateLimiterMemory({ keyPrefix: 'login:address', points: loginPerAddress, duration: loginWindowSeconds });
    }
  }

  /** Counts an attempt against both limits; throws RATE_LIMITED once either is used up. */
  async attempt(account: string, address: string): Promise<void> {
    await this.consume(this.perAddress, address);
    await this.consume(this.perAccount, account);
  }

  /** A successful login clears the account's count (the address keeps its own). */
  async succeeded(account: string): Promise<void> {
    await this.perAccount.delete(account);
  }

  async onModuleDestroy(): Promise<void> {
    await this.redis?.quit().catch(() => undefined);
  }

  private async consume(limiter: RateLimiterAbstract, key: string): Promise<void> {
    try {
      await limiter.consume(key);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        throw new RateLimitedError(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
      }
      throw rejection;
    }
  }
}
