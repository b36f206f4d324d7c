import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { GlobalAuthGuard } from './auth.guard';
import { JwtStrategy } from './jwt.strategy';
import { TokenService } from './token.service';

/**
 * Authentication for every process that serves the API. The users themselves come through the
 * AUTH_USER_LOOKUP port, provided (globally) by the identity lib.
 */
@Global()
@Module({
  imports: [PassportModule, JwtModule.register({})],
  providers: [JwtStrategy, TokenService, { provide: APP_GUARD, useClass: GlobalAuthGuard }],
  exports: [TokenService],
})
export class AuthModule {}
