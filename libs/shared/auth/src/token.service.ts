import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '@common-ground/shared/config';

@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A signed access token for a user; roles are not in it, they are read on every request. */
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
}
