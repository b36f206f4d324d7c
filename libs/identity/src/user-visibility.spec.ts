import { Role } from '@common-ground/shared/auth';
import { seesEmail } from './user-visibility';

describe('seesEmail', () => {
  const user = { id: 'u1' };

  it('shows the e-mail to the user themselves and to admins', () => {
    expect(seesEmail(user, { id: 'u1', roles: [Role.RESIDENT] })).toBe(true);
    expect(seesEmail(user, { id: 'a1', roles: [Role.RESIDENT, Role.ADMIN] })).toBe(true);
    expect(seesEmail({ ...user, isViewer: true }, undefined)).toBe(true);
  });

  it('hides it from anyone else, officers and moderators included, and from anonymous callers', () => {
    for (const roles of [[Role.RESIDENT], [Role.OFFICER, Role.SUPERVISOR], [Role.MODERATOR]]) {
      expect(seesEmail(user, { id: 'other', roles })).toBe(false);
    }
    expect(seesEmail(user, undefined)).toBe(false);
    expect(seesEmail(user, null)).toBe(false);
  });
});
