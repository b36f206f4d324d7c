import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { ForbiddenError, UnauthenticatedError } from '@common-ground/shared/graphql';
import { AUTH_OPTIONS, AuthOptions } from './auth.decorators';
import { AuthenticatedUser } from './authenticated-user';
import { hasAnyRole } from './role';
import { requestOf } from './request';

/**
 * Applied globally. A token, when sent, must be valid (signature, expiry, issuer, audience,
 * HS256 only) and name a user who still exists; the user's roles are current (AUTH_USER_LOOKUP).
 * Operations are closed unless `@Auth({ public: true })` opens them.
 */
@Injectable()
export class GlobalAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override getRequest(context: ExecutionContext) {
    return requestOf(context);
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const options = this.reflector.getAllAndOverride<AuthOptions | undefined>(AUTH_OPTIONS, [context.getHandler(), context.getClass()]);
    if (options?.public && options.ignoreToken) return true;
    const request = requestOf(context);
    if (request.headers.authorization !== undefined && request.user === undefined) {
      await super.canActivate(context);
    }
    const user = request.user;
    if (options?.public) return true;
    if (!user) throw new UnauthenticatedError();
    if (options?.roles && !hasAnyRole(user, options.roles)) {
      throw new ForbiddenError(`This needs one of the roles ${options.roles.join(', ')}`);
    }
    return true;
  }

  /**
   * `error` is what looking the user up threw (the database being unavailable, say): that is no
   * verdict on the token, so it goes on unchanged, to be reported as what it is. A token that
   * fails verification, or names no user, arrives as `user === false`.
   */
  override handleRequest<TUser = AuthenticatedUser>(error: unknown, user: TUser | false): TUser {
    if (error) throw error;
    if (!user) throw new UnauthenticatedError('Invalid or expired access token');
    return user;
  }
}
