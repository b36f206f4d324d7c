import { hasAnyRole, OFFICER_ROLES, Role } from '@common-ground/shared/auth';
import { ActionVisibility } from './action-status';

/**
 * Who may see and change an action: every path that reads or writes one asks here.
 *
 * - A PUBLIC action and its updates are seen by everyone.
 * - An INTERNAL action and its updates are seen by officers (OFFICER+), by members of partner
 *   agencies (the shared police-and-council record), by its assigned officer and by the members
 *   of its assigned organisation; to anyone else it does not exist (NOT_FOUND, never FORBIDDEN).
 * - An action is updated by its assigned officer, the members of its assigned organisation and
 *   officers; its due date by officers only.
 * - The actions list (workloads) is for officers and partner agencies; anyone else may list the
 *   actions of an organisation they belong to, or the ones assigned to themselves.
 */

/** The viewer as these rules need them: their roles and the organisations they belong to. */
export interface ActionViewer {
  id: string | null;
  roles: readonly Role[];
  organisationIds: ReadonlySet<string>;
  /** A member of at least one PARTNER_AGENCY organisation. */
  partnerAgency: boolean;
}

/** Nobody signed in. */
export const PUBLIC_VIEWER: ActionViewer = { id: null, roles: [], organisationIds: new Set(), partnerAgency: false };

/** What the rules read of an action. */
export interface ActionVisibilityFacts {
  visibility: ActionVisibility;
  assigneeId: string | null;
  organisationId: string | null;
}

/** Officers and partner agencies see every action, INTERNAL ones too. */
export function seesEveryAction(viewer: ActionViewer): boolean {
  return hasAnyRole(viewer, OFFICER_ROLES) || viewer.partnerAgency;
}

function isAssigned(action: ActionVisibilityFacts, viewer: ActionViewer): boolean {
  return (!!viewer.id && action.assigneeId === viewer.id) || (!!action.organisationId && viewer.organisationIds.has(action.organisationId));
}

/** Whether the viewer sees the action and its updates. */
export function seesAction(action: ActionVisibilityFacts, viewer: ActionViewer): boolean {
  return action.visibility === ActionVisibility.PUBLIC || seesEveryAction(viewer) || isAssigned(action, viewer);
}

/** Whether the viewer may update the action (status, progress, a note). */
export function mayUpdateAction(action: ActionVisibilityFacts, viewer: ActionViewer): boolean {
  return hasAnyRole(viewer, OFFICER_ROLES) || isAssigned(action, viewer);
}

/** Whether the viewer may change the action's due date. */
export function mayChangeDueDate(viewer: ActionViewer): boolean {
  return hasAnyRole(viewer, OFFICER_ROLES);
}

/** Whether the viewer may list actions with this filter. */
export function mayListActions(viewer: ActionViewer, filter: { assigneeId?: string | null; organisationId?: string | null }): boolean {
  if (seesEveryAction(viewer)) return true;
  if (filter.organisationId && viewer.organisationIds.has(filter.organisationId)) return true;
  return !!viewer.id && filter.assigneeId === viewer.id;
}

/**
 * The SQL condition "the viewer sees this action (alias `a`)", matching seesAction; parameters
 * named `actionViewerId` and `actionViewerOrganisationIds`.
 */
export function seesActionSql(viewer: ActionViewer): { sql: string; parameters: Record<string, unknown> } {
  if (seesEveryAction(viewer)) return { sql: 'TRUE', parameters: {} };
  return {
    sql: `(a.visibility = '${ActionVisibility.PUBLIC}' OR a.assignee_id = :actionViewerId OR a.organisation_id = ANY(CAST(:actionViewerOrganisationIds AS uuid[])))`,
    parameters: { actionViewerId: viewer.id, actionViewerOrganisationIds: [...viewer.organisationIds] },
  };
}
