import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { APP_CONFIG, AppConfig } from '@common-ground/shared/config';
import { AccessTokenClaims, AUTH_USER_LOOKUP, AuthenticatedUser, AuthUserLookup } from './authenticated-user';
import { TokenService } from './token.service';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(AUTH_USER_LOOKUP) private readonly users: AuthUserLookup,
    private readonly tokens: TokenService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.jwt.secret,
      issuer: config.jwt.issuer,
      audience: config.jwt.audience,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  /** Signature, issuer, audience and a past `exp` are checked before; here `exp` must be present and not too far ahead. */
  async validate(claims: Partial<AccessTokenClaims>): Promise<AuthenticatedUser | false> {
    if (typeof claims.sub !== 'string' || !this.tokens.acceptsExpiry(claims.exp)) return false;
    return (await this.users.findForAuth(claims.sub)) ?? false;
  }
}
