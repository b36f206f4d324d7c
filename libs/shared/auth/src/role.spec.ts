import { hasAnyRole, OFFICER_ROLES, POLICE_ROLES, Role, seesHiddenContent, SUPERVISOR_ROLES } from './role';

describe('roles', () => {
  it('counts officers, supervisors and admins as OFFICER+', () => {
    expect(OFFICER_ROLES).toEqual([Role.OFFICER, Role.SUPERVISOR, Role.ADMIN]);
    expect(hasAnyRole({ roles: [Role.RESIDENT, Role.SUPERVISOR] }, OFFICER_ROLES)).toBe(true);
    expect(hasAnyRole({ roles: [Role.RESIDENT, Role.MODERATOR] }, OFFICER_ROLES)).toBe(false);
    expect(hasAnyRole({ roles: [Role.OFFICER] }, SUPERVISOR_ROLES)).toBe(false);
    expect(hasAnyRole(undefined, OFFICER_ROLES)).toBe(false);
  });

  it('shows hidden content to moderators, admins and its author only', () => {
    const user = (id: string, ...roles: Role[]) => ({ id, roles: [Role.RESIDENT, ...roles] });
    expect(seesHiddenContent('author', user('author'))).toBe(true);
    expect(seesHiddenContent('author', user('mod', Role.MODERATOR))).toBe(true);
    expect(seesHiddenContent('author', user('admin', Role.ADMIN))).toBe(true);
    expect(seesHiddenContent('author', user('someone'))).toBe(false);
    expect(seesHiddenContent('author', user('officer', Role.OFFICER, Role.SUPERVISOR))).toBe(false);
    expect(seesHiddenContent('author', undefined)).toBe(false);
  });
});

describe('POLICE_ROLES', () => {
  it('are the officers and supervisors: an admin alone does not speak for the police', () => {
    expect(hasAnyRole({ roles: [Role.OFFICER] }, POLICE_ROLES)).toBe(true);
    expect(hasAnyRole({ roles: [Role.RESIDENT, Role.SUPERVISOR] }, POLICE_ROLES)).toBe(true);
    expect(hasAnyRole({ roles: [Role.RESIDENT, Role.ADMIN] }, POLICE_ROLES)).toBe(false);
    expect(hasAnyRole({ roles: [Role.MODERATOR] }, POLICE_ROLES)).toBe(false);
  });
});
