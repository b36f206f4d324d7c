import { hasAnyRole, OFFICER_ROLES, Role, SUPERVISOR_ROLES } from './role';

describe('roles', () => {
  it('counts officers, supervisors and admins as OFFICER+', () => {
    expect(OFFICER_ROLES).toEqual([Role.OFFICER, Role.SUPERVISOR, Role.ADMIN]);
    expect(hasAnyRole({ roles: [Role.RESIDENT, Role.SUPERVISOR] }, OFFICER_ROLES)).toBe(true);
    expect(hasAnyRole({ roles: [Role.RESIDENT, Role.MODERATOR] }, OFFICER_ROLES)).toBe(false);
    expect(hasAnyRole({ roles: [Role.OFFICER] }, SUPERVISOR_ROLES)).toBe(false);
    expect(hasAnyRole(undefined, OFFICER_ROLES)).toBe(false);
  });
});
