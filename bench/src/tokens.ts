import { JwtService } from '@nestjs/jwt';
import { TokenService } from '@common-ground/shared/auth';
import { loadConfig } from '@common-ground/shared/config';

/** The defaults of JWT_ISSUER and JWT_AUDIENCE, which the bench's API process keeps. */
export const JWT_ISSUER = 'common-ground';
export const JWT_AUDIENCE = 'common-ground-api';

/** The fixed signing secret of the bench's servers (they only listen on 127.0.0.1). */
export const BENCH_JWT_SECRET = 'bench-only-signing-secret-0123456789-abcdefghijklmnop';

/** Access tokens exactly as the API issues them (its own TokenService), valid for two hours. */
export function issueTokens(userIds: string[]): string[] {
  const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: BENCH_JWT_SECRET, JWT_TTL_SECONDS: '7200' });
  if (config.jwt.issuer !== JWT_ISSUER || config.jwt.audience !== JWT_AUDIENCE) throw new Error('unexpected JWT issuer or audience');
  const tokens = new TokenService(new JwtService(), config);
  return userIds.map((id) => tokens.issue(id));
}
