import { Role } from '@common-ground/shared/auth';
import { ActionVisibility } from './action-status';
import { ActionViewer, mayChangeDueDate, mayListActions, mayUpdateAction, PUBLIC_VIEWER, seesAction, seesActionSql } from './action-visibility';

const viewer = (roles: Role[], organisationIds: string[] = [], partnerAgency = false, id = 'viewer'): ActionViewer => ({
  id,
  roles: [Role.RESIDENT, ...roles],
  organisationIds: new Set(organisationIds),
  partnerAgency,
});

describe('action visibility', () => {
  const internalForOrg = { visibility: ActionVisibility.INTERNAL, assigneeId: null, organisationId: 'org' };
  const internalForOfficer = { visibility: ActionVisibility.INTERNAL, assigneeId: 'officer', organisationId: null };
  const publicAction = { visibility: ActionVisibility.PUBLIC, assigneeId: 'officer', organisationId: null };

  it('shows PUBLIC actions to everyone, signed in or not', () => {
    expect(seesAction(publicAction, PUBLIC_VIEWER)).toBe(true);
    expect(seesAction(publicAction, viewer([]))).toBe(true);
  });

  it('shows INTERNAL actions to officers, partner agencies, the assignee and its organisation’s members only', () => {
    expect(seesAction(internalForOrg, PUBLIC_VIEWER)).toBe(false);
    expect(seesAction(internalForOrg, viewer([]))).toBe(false);
    expect(seesAction(internalForOrg, viewer([Role.MODERATOR]))).toBe(false);
    expect(seesAction(internalForOrg, viewer([], ['another org']))).toBe(false);
    expect(seesAction(internalForOrg, viewer([], ['org']))).toBe(true);
    expect(seesAction(internalForOrg, viewer([], ['agency'], true))).toBe(true);
    expect(seesAction(internalForOrg, viewer([Role.OFFICER]))).toBe(true);
    expect(seesAction(internalForOrg, viewer([Role.SUPERVISOR]))).toBe(true);
    expect(seesAction(internalForOfficer, viewer([], [], false, 'officer'))).toBe(true);
  });

  it('lets the assignee, its organisation’s members and officers update; not partner agencies or others', () => {
    expect(mayUpdateAction(internalForOrg, viewer([], ['org']))).toBe(true);
    expect(mayUpdateAction(internalForOrg, viewer([Role.OFFICER]))).toBe(true);
    expect(mayUpdateAction(internalForOrg, viewer([], ['agency'], true))).toBe(false);
    expect(mayUpdateAction(internalForOrg, viewer([], ['another org']))).toBe(false);
    expect(mayUpdateAction(publicAction, viewer([]))).toBe(false);
    expect(mayUpdateAction(publicAction, viewer([], [], false, 'officer'))).toBe(true);
    expect(mayUpdateAction(publicAction, PUBLIC_VIEWER)).toBe(false);
  });

  it('leaves due dates to officers', () => {
    expect(mayChangeDueDate(viewer([Role.OFFICER]))).toBe(true);
    expect(mayChangeDueDate(viewer([], ['org']))).toBe(false);
  });

  it('opens the list to officers and partner agencies, and to members for their own organisation', () => {
    expect(mayListActions(viewer([Role.OFFICER]), {})).toBe(true);
    expect(mayListActions(viewer([], ['agency'], true), {})).toBe(true);
    expect(mayListActions(viewer([], ['org']), { organisationId: 'org' })).toBe(true);
    expect(mayListActions(viewer([], ['org']), { organisationId: 'another org' })).toBe(false);
    expect(mayListActions(viewer([], ['org']), {})).toBe(false);
    expect(mayListActions(viewer([]), { assigneeId: 'viewer' })).toBe(true);
    expect(mayListActions(viewer([]), { assigneeId: 'someone else' })).toBe(false);
  });

  it('writes the same rule in SQL: no condition for those who see everything', () => {
    expect(seesActionSql(viewer([Role.OFFICER])).sql).toBe('TRUE');
    expect(seesActionSql(viewer([], ['agency'], true)).sql).toBe('TRUE');
    expect(seesActionSql(viewer([], ['org'])).parameters).toEqual({ actionViewerId: 'viewer', actionViewerOrganisationIds: ['org'] });
  });
});
