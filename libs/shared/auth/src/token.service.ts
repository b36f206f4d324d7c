import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '@common-ground/shared/config';

/** How far apart the clocks of the replicas that issue and check tokens may be. */
export const TOKEN_CLOCK_SKEW_SECONDS = 60;

@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A signed access token for a user; roles are not in it, they are looked up on every request. */
  issue(userId: string): string {
    return this.jwt.sign(
      {},
      {
        subject: userId,
        issuer: this.config.jwt.issuer,
        audience: this.config.jwt.audience,
        expiresIn: this.config.jwt.ttlSeconds,
        algorithm: 'HS256',
        secret: this.config.jwt.secret,
      },
    );
  }

  /**
   * A token must say when it expires, and no later than a token issued now would
   * (JWT_TTL_SECONDS, plus the clock skew): a token without `exp`, or one that claims to live
   * longer, was not issued under this configuration.
   */
  acceptsExpiry(exp: unknown, nowSeconds = Math.floor(Date.now() / 1000)): boolean {
    return typeof exp === 'number' && Number.isFinite(exp) && exp <= nowSeconds + this.config.jwt.ttlSeconds + TOKEN_CLOCK_SKEW_SECONDS;
  }
}
