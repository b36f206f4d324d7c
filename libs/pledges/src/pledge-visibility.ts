import { AuthenticatedUser, hasAnyRole, OFFICER_ROLES } from '@common-ground/shared/auth';

/**
 * Who may see what of a pledge; every path that shows one asks here.
 *
 * - The pledger is an actor like any other (libs/problems/src/problem-visibility.ts: only the
 *   actor of an anonymous report's REPORTED event is withheld): `pledgedBy`, the actor of each
 *   change and of the timeline events are shown to everyone, whoever pledged, so an anonymous
 *   reporter who pledges is shown as a pledger and nothing marks them as the reporter.
 * - The evidence of a delivery (what the confirming officer wrote: receipts, names) is for
 *   officers and the pledger only.
 */

export function seesEvidence(pledge: { pledgedById: string }, viewer?: Pick<AuthenticatedUser, 'id' | 'roles'>): boolean {
  return hasAnyRole(viewer, OFFICER_ROLES) || viewer?.id === pledge.pledgedById;
}
