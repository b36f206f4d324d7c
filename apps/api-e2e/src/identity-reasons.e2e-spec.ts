import { Role } from '@common-ground/shared/auth';
import { TestApp } from './support/test-app';

/** Every refusal of the identity lib carries its code and a stable reason, on the GraphQL path of the field. */
describe('identity: error reasons', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('names the refused sign-up field under input, with its reason', async () => {
    const sameAsEmail = await t.gql.error(REGISTER, { input: { email: 'longlocalpart@example.org', password: 'LongLocalPart', displayName: 'Pat' } });
    expect(sameAsEmail.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PASSWORD_IS_EMAIL', fields: [{ field: 'input.password' }] });

    await t.gql.ok(REGISTER, { input: { email: 'dora@example.org', password: 'correct horse battery', displayName: 'Dora' } });
    const taken = await t.gql.error(REGISTER, { input: { email: ' DORA@example.org', password: 'correct horse battery', displayName: 'Dora' } });
    expect(taken.extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'EMAIL_TAKEN', fields: [{ field: 'input.email', message: 'is already registered' }] });
  });

  it('refuses to take ADMIN from the last admin with LAST_ADMIN, and lets it go once another admin exists', async () => {
    const admin = await t.user({ roles: [Role.ADMIN] });
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM users WHERE 'ADMIN' = ANY(roles)`);
    expect(count).toBe(1);
    const refused = await t.gql.error(REVOKE, { input: { userId: admin.id, role: 'ADMIN' } }, admin.token);
    expect(refused.extensions).toMatchObject({ code: 'CONFLICT', reason: 'LAST_ADMIN' });

    const other = await t.user();
    await t.gql.ok(GRANT, { input: { userId: other.id, role: 'ADMIN' } }, admin.token);
    const revoked = await t.gql.ok<{ revokeRole: { roles: string[] } }>(REVOKE, { input: { userId: admin.id, role: 'ADMIN' } }, admin.token);
    expect(revoked.revokeRole.roles).toEqual(['RESIDENT']);
  });
});

const REGISTER = `mutation ($input: RegisterInput!) { register(input: $input) { accessToken user { id } } }`;
const GRANT = `mutation ($input: GrantRoleInput!) { grantRole(input: $input) { id roles } }`;
const REVOKE = `mutation ($input: RevokeRoleInput!) { revokeRole(input: $input) { id roles } }`;
