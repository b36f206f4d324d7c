import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Role } from './role';
import { requestOf } from './request';

export const AUTH_OPTIONS = 'common-ground:auth';

export interface AuthOptions {
  /** Anyone, with or without a token (a token, if sent, must still be valid). */
  public?: boolean;
  /**
   * With `public`: the `Authorization` header is not even read, so the operation never fails on a
   * token and never looks a user up (health checks, which must not depend on the database).
   */
  ignoreToken?: boolean;
  /** The caller needs at least one of these roles. Without it, any signed-in user. */
  roles?: readonly Role[];
}

/**
 * The one access decorator. Every operation is closed by default: without `@Auth(...)` a
 * signed-in user is required; `@Auth({ public: true })` opens it; `roles` narrows it.
 */
export const Auth = (options: AuthOptions = {}) => SetMetadata(AUTH_OPTIONS, options);

/** The signed-in user, or undefined on a public operation called without a token. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext) => requestOf(context).user);
