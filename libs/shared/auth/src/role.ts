import { registerEnumType } from '@nestjs/graphql';

export enum Role {
  RESIDENT = 'RESIDENT',
  OFFICER = 'OFFICER',
  SUPERVISOR = 'SUPERVISOR',
  MODERATOR = 'MODERATOR',
  ADMIN = 'ADMIN',
}

registerEnumType(Role, { name: 'Role', description: 'What a user may do. Everyone who signs up is a RESIDENT.' });

/** "OFFICER+" in the contract: those who run the SARA cycle and actions. */
export const OFFICER_ROLES: readonly Role[] = [Role.OFFICER, Role.SUPERVISOR, Role.ADMIN];
/**
 * The police side of the platform: officers and supervisors, not admins (who run the platform).
 * What they write in a conversation is an official answer.
 */
export const POLICE_ROLES: readonly Role[] = [Role.OFFICER, Role.SUPERVISOR];
/** Supervisors (and admins) also assign officers to areas and reopen resolved problems. */
export const SUPERVISOR_ROLES: readonly Role[] = [Role.SUPERVISOR, Role.ADMIN];
/** Moderators (and admins) hide and restore content, and read what is hidden. */
export const MODERATOR_ROLES: readonly Role[] = [Role.MODERATOR, Role.ADMIN];

export function hasAnyRole(user: { roles: readonly Role[] } | undefined | null, roles: readonly Role[]): boolean {
  return !!user && user.roles.some((role) => roles.includes(role));
}

/** Whether the viewer may read content hidden by moderation: moderators, and its author. */
export function seesHiddenContent(authorId: string, viewer?: { id: string; roles: readonly Role[] }): boolean {
  // `!!viewer`: a missing author id must never match a missing viewer.
  return hasAnyRole(viewer, MODERATOR_ROLES) || (!!viewer && viewer.id === authorId);
}
