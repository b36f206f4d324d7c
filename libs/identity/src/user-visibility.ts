import { hasAnyRole, Role } from '@common-ground/shared/auth';

interface Viewer {
  id: string;
  roles: readonly Role[];
}

/**
 * Whether `viewer` may read the e-mail address of `user`: the user themselves and admins.
 * `isViewer` is set when the caller is known to be that user without a token (the answer to
 * `register` and `login`).
 */
export function seesEmail(user: { id: string; isViewer?: boolean }, viewer?: Viewer | null): boolean {
  return !!user.isViewer || (!!viewer && (viewer.id === user.id || hasAnyRole(viewer, [Role.ADMIN])));
}
