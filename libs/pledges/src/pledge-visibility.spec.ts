import { Role } from '@common-ground/shared/auth';
import { seesEvidence } from './pledge-visibility';

describe('pledge visibility', () => {
  const pledge = { pledgedById: 'pledger' };

  it('shows the evidence of a delivery to officers and the pledger only', () => {
    expect(seesEvidence(pledge, { id: 'pledger', roles: [Role.RESIDENT] })).toBe(true);
    for (const role of [Role.OFFICER, Role.SUPERVISOR, Role.ADMIN]) expect(seesEvidence(pledge, { id: 'x', roles: [Role.RESIDENT, role] })).toBe(true);
    expect(seesEvidence(pledge, { id: 'x', roles: [Role.RESIDENT, Role.MODERATOR] })).toBe(false);
    expect(seesEvidence(pledge, { id: 'x', roles: [Role.RESIDENT] })).toBe(false);
    expect(seesEvidence(pledge, undefined)).toBe(false);
  });
});
