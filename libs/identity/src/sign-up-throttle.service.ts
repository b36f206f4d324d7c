import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { APP_CONFIG, AppConfig } from '@common-ground/shared/config';
import { clientAddressKey } from './client-address';
import { IdentityReason, TooManyAttemptsError } from './identity.exception';
import { RateLimiters } from './rate-limiters.service';

/**
 * Sign-ups per client address (REGISTER_RATE_LIMIT_PER_ADDRESS per
 * REGISTER_RATE_LIMIT_WINDOW_SECONDS). Every `register` field counts, whatever its outcome and
 * however many of them one document holds under aliases.
 */
@Injectable()
export class SignUpThrottle {
  private readonly perAddress: RateLimiterAbstract;

  constructor(@Inject(APP_CONFIG) config: AppConfig, limiters: RateLimiters) {
    const { registerPerAddress, registerWindowSeconds } = config.rateLimit;
    this.perAddress = limiters.create('register:address', registerPerAddress, registerWindowSeconds);
  }

  /** Counts one sign-up attempt; RATE_LIMITED once the address has used up its allowance. */
  async attempt(clientIp: string | undefined): Promise<void> {
    try {
      await this.perAddress.consume(clientAddressKey(clientIp));
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        throw new TooManyAttemptsError(rejection.msBeforeNext, IdentityReason.REGISTER_LIMIT_FOR_ADDRESS);
      }
      throw rejection;
    }
  }
}
