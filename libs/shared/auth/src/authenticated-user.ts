import { Role } from './role';

/** Who is calling, as re-read from the database on every request. */
export interface AuthenticatedUser {
  id: string;
  displayName: string;
  roles: Role[];
}

/**
 * A port: the identity lib looks users up for the auth lib, so that roles come from the
 * database on every request (a revoked role stops working at once).
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
