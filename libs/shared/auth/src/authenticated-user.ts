import { Role } from './role';

/** Who is calling, as the AUTH_USER_LOOKUP port answers on every request. */
export interface AuthenticatedUser {
  id: string;
  displayName: string;
  roles: Role[];
}

/**
 * A port: the identity lib looks users up for the auth lib on every request. Its answer must be
 * the database's as of the request (it may come from a cache that every change to the user
 * invalidates when it commits), so that a revoked role stops working at once.
 */
export interface AuthUserLookup {
  findForAuth(userId: string): Promise<AuthenticatedUser | null>;
}

export const AUTH_USER_LOOKUP = Symbol('AUTH_USER_LOOKUP');

export interface AccessTokenClaims {
  sub: string;
  iss: string;
  aud: string | string[];
  exp: number;
  iat: number;
}
