import { createHmac } from 'node:crypto';
import { Role } from '@common-ground/shared/auth';
import { TEST_JWT_SECRET, TEST_PASSWORD, TestApp } from './support/test-app';

describe('identity: accounts, tokens, roles, organisations', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start({ LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS: '5', LOGIN_FAILURES_PER_ADDRESS: '1000' });
  });
  afterAll(() => t.close());

  describe('register, login, me', () => {
    it('registers a RESIDENT, logs in and answers me with the bearer token', async () => {
      const registered = await t.gql.ok<{ register: AuthPayload }>(REGISTER, {
        input: { email: '  Alice@Example.ORG ', password: 'correct horse battery', displayName: 'Alice' },
      });
      expect(registered.register.user).toMatchObject({ displayName: 'Alice', roles: ['RESIDENT'], email: 'alice@example.org' });
      expect(registered.register.accessToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);

      const loggedIn = await t.gql.ok<{ login: AuthPayload }>(LOGIN, {
        input: { email: 'ALICE@example.org', password: 'correct horse battery' },
      });
      expect(loggedIn.login.user.id).toBe(registered.register.user.id);

      const me = await t.gql.ok<{ me: User }>(ME, {}, loggedIn.login.accessToken);
      expect(me.me).toEqual({ id: registered.register.user.id, displayName: 'Alice', roles: ['RESIDENT'], email: 'alice@example.org' });
    });

    it('answers me with null without a token', async () => {
      expect(await t.gql.ok(ME)).toEqual({ me: null });
    });

    it('refuses a duplicate e-mail in any case as BAD_USER_INPUT on input.email', async () => {
      await t.gql.ok(REGISTER, { input: { email: 'bob@example.org', password: 'correct horse battery', displayName: 'Bob' } });
      const error = await t.gql.error(REGISTER, {
        input: { email: 'BOB@Example.org', password: 'another good password', displayName: 'Bobby' },
      });
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'EMAIL_TAKEN', fields: [{ field: 'input.email' }] });
    });

    it('lets exactly one of several concurrent sign-ups with one e-mail through', async () => {
      const attempts = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          t.gql.request(REGISTER, { input: { email: `race@example.org`, password: 'correct horse battery', displayName: `R${i}` } }),
        ),
      );
      expect(attempts.filter((a) => !a.errors).length).toBe(1);
      expect(attempts.filter((a) => a.errors?.[0]?.extensions?.code === 'BAD_USER_INPUT').length).toBe(5);
    });

    it.each([
      [{ email: 'not-an-email', password: 'correct horse battery', displayName: 'X' }, 'input.email'],
      [{ email: 'short@example.org', password: 'too short', displayName: 'X' }, 'input.password'],
      [{ email: 'same@example.org', password: 'same@example.org', displayName: 'X' }, 'input.password'],
      [{ email: 'blank@example.org', password: 'correct horse battery', displayName: ' \u0007 ' }, 'input.displayName'],
    ])('refuses bad sign-up input %j naming %s', async (input, field) => {
      const error = await t.gql.error(REGISTER, { input });
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      expect((error.extensions?.fields as { field: string }[]).map((f) => f.field)).toContain(field);
      const count = await t.dataSource.query('SELECT count(*)::int AS n FROM users WHERE email = $1', [input.email.toLowerCase()]);
      expect(count[0].n).toBe(0);
    });

    it('gives the same error for a wrong password and an unknown e-mail', async () => {
      await t.gql.ok(REGISTER, { input: { email: 'carol@example.org', password: 'correct horse battery', displayName: 'Carol' } });
      const wrongPassword = await t.gql.error(LOGIN, { input: { email: 'carol@example.org', password: 'wrong password!!' } });
      const unknownEmail = await t.gql.error(LOGIN, { input: { email: 'nobody@example.org', password: 'wrong password!!' } });
      expect(wrongPassword).toEqual(unknownEmail);
      expect(wrongPassword.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'INVALID_CREDENTIALS' });
    });

    it('locks an account for the address that failed 5 times with RATE_LIMITED, even for the right password', async () => {
      await t.gql.ok(REGISTER, { input: { email: 'dave@example.org', password: 'correct horse battery', displayName: 'Dave' } });
      for (let i = 0; i < 5; i++) {
        const error = await t.gql.error(LOGIN, { input: { email: 'dave@example.org', password: `wrong password ${i}` } });
        expect(error.extensions?.code).toBe('UNAUTHENTICATED');
      }
      const limited = await t.gql.error(LOGIN, { input: { email: 'DAVE@example.org', password: 'correct horse battery' } });
      expect(limited.extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'LOGIN_LOCKED_FOR_ACCOUNT_AND_ADDRESS' });
      expect(limited.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    });
  });

  describe('tokens', () => {
    let user: Awaited<ReturnType<TestApp['user']>>;
    beforeAll(async () => {
      user = await t.user();
    });

    const sign = (header: object, claims: object, secret = TEST_JWT_SECRET) => {
      const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
      const body = `${encode(header)}.${encode(claims)}`;
      return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
    };
    const now = () => Math.floor(Date.now() / 1000);
    const claims = () => ({ sub: user.id, iss: 'common-ground', aud: 'common-ground-api', iat: now(), exp: now() + 600 });

    it('accepts a well-formed token (control for the cases below)', async () => {
      const token = sign({ alg: 'HS256', typ: 'JWT' }, claims());
      expect((await t.gql.ok<{ me: User }>(ME, {}, token)).me.id).toBe(user.id);
    });

    it.each([
      ['expired', () => sign({ alg: 'HS256', typ: 'JWT' }, { ...claims(), iat: now() - 7200, exp: now() - 3600 })],
      ['forged (other secret)', () => sign({ alg: 'HS256', typ: 'JWT' }, claims(), 'another-secret-of-sufficient-length-000000')],
      ['alg none', () => `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims())).toString('base64url')}.`],
      ['wrong audience', () => sign({ alg: 'HS256', typ: 'JWT' }, { ...claims(), aud: 'someone-else' })],
      ['wrong issuer', () => sign({ alg: 'HS256', typ: 'JWT' }, { ...claims(), iss: 'someone-else' })],
      ['unknown user', () => sign({ alg: 'HS256', typ: 'JWT' }, { ...claims(), sub: '01890000-0000-7000-8000-000000000000' })],
      ['garbage', () => 'not.a.token'],
    ])('refuses a %s token with UNAUTHENTICATED', async (_name, token) => {
      const response = await t.gql.request(ME, {}, { token: token() });
      expect(response.data?.me ?? null).toBeNull();
      expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('needs a token for every mutation', async () => {
      const error = await t.gql.error(CREATE_ORGANISATION, { input: { name: 'Anonymous club', description: '' } });
      expect(error.extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('roles', () => {
    it('lets an ADMIN grant and revoke, and a revoked role stops working on the next request', async () => {
      const admin = await t.make.users.admin();
      const target = await t.user();
      const other = await t.user();

      const granted = await t.gql.ok<{ grantRole: User }>(GRANT, { input: { userId: target.id, role: 'ADMIN' } }, admin.token);
      expect(granted.grantRole.roles.sort()).toEqual(['ADMIN', 'RESIDENT']);
      expect(granted.grantRole.email).toBe(target.email); // admins see e-mails

      // The same token now carries admin power, read from the database
      const asNewAdmin = await t.gql.ok<{ grantRole: User }>(GRANT, { input: { userId: other.id, role: 'OFFICER' } }, target.token);
      expect(asNewAdmin.grantRole.roles).toContain('OFFICER');

      await t.gql.ok(REVOKE, { input: { userId: target.id, role: 'ADMIN' } }, admin.token);
      const refused = await t.gql.error(GRANT, { input: { userId: other.id, role: 'MODERATOR' } }, target.token);
      expect(refused.extensions?.code).toBe('FORBIDDEN');
    });

    it.each([Role.RESIDENT, Role.OFFICER, Role.SUPERVISOR, Role.MODERATOR])('refuses grantRole and revokeRole to a %s', async (role) => {
      const caller = await t.user({ roles: [role] });
      const target = await t.user();
      for (const doc of [GRANT, REVOKE]) {
        const error = await t.gql.error(doc, { input: { userId: target.id, role: 'ADMIN' } }, caller.token);
        expect(error.extensions?.code).toBe('FORBIDDEN');
      }
      const [{ roles }] = await t.dataSource.query('SELECT roles FROM users WHERE id = $1', [target.id]);
      expect(roles).toBe('{RESIDENT}');
    });

    it('refuses an anonymous grantRole with UNAUTHENTICATED', async () => {
      const target = await t.user();
      expect((await t.gql.error(GRANT, { input: { userId: target.id, role: 'ADMIN' } })).extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('validates grantRole input and reports unknown users', async () => {
      const admin = await t.make.users.admin();
      const badId = await t.gql.error(GRANT, { input: { userId: 'nope', role: 'OFFICER' } }, admin.token);
      expect(badId.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.userId' }] });
      const unknown = await t.gql.error(GRANT, { input: { userId: '01890000-0000-7000-8000-000000000000', role: 'OFFICER' } }, admin.token);
      expect(unknown.extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'USER_NOT_FOUND' });
      const resident = await t.gql.error(REVOKE, { input: { userId: admin.id, role: 'RESIDENT' } }, admin.token);
      expect(resident.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'RESIDENT_ROLE_PERMANENT', fields: [{ field: 'input.role' }] });
    });

    it('is idempotent: granting a role twice keeps one copy', async () => {
      const admin = await t.make.users.admin();
      const target = await t.user();
      await t.gql.ok(GRANT, { input: { userId: target.id, role: 'OFFICER' } }, admin.token);
      const again = await t.gql.ok<{ grantRole: User }>(GRANT, { input: { userId: target.id, role: 'OFFICER' } }, admin.token);
      expect(again.grantRole.roles.filter((r) => r === 'OFFICER')).toHaveLength(1);
    });

    it('hides e-mails from other users', async () => {
      const admin = await t.make.users.admin();
      const resident = await t.user();
      const organisation = await t.gql.ok<{ createOrganisation: { id: string } }>(
        CREATE_ORGANISATION,
        { input: { name: `Visible ${resident.id}`, description: '' } },
        admin.token,
      );
      const seen = await t.gql.ok<{ organisation: { members: { user: User }[] } }>(ORGANISATION, { id: organisation.createOrganisation.id }, resident.token);
      expect(seen.organisation.members[0].user.email).toBeNull();
    });
  });

  describe('organisations', () => {
    it('makes the creator OWNER, lets the OWNER add members, and refuses members and strangers', async () => {
      const owner = await t.user({ displayName: 'Owner' });
      const member = await t.user({ displayName: 'Member' });
      const stranger = await t.user({ displayName: 'Stranger' });

      const created = await t.gql.ok<{ createOrganisation: Organisation }>(
        CREATE_ORGANISATION,
        { input: { name: 'Eastside Residents Association', description: 'We look after Eastside.', website: 'https://eastside.example.org' } },
        owner.token,
      );
      const id = created.createOrganisation.id;
      expect(created.createOrganisation).toMatchObject({
        name: 'Eastside Residents Association',
        website: 'https://eastside.example.org',
        viewerRole: 'OWNER',
        members: [{ role: 'OWNER', user: { id: owner.id, displayName: 'Owner' } }],
      });

      const added = await t.gql.ok<{ addOrganisationMember: Organisation }>(
        ADD_MEMBER,
        { input: { organisationId: id, userId: member.id, role: 'MEMBER' } },
        owner.token,
      );
      expect(added.addOrganisationMember.members.map((m) => [m.user.id, m.role])).toEqual([
        [owner.id, 'OWNER'],
        [member.id, 'MEMBER'],
      ]);

      for (const caller of [member, stranger]) {
        const error = await t.gql.error(ADD_MEMBER, { input: { organisationId: id, userId: stranger.id, role: 'OWNER' } }, caller.token);
        expect(error.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_AN_OWNER' });
      }
      const anonymous = await t.gql.error(ADD_MEMBER, { input: { organisationId: id, userId: stranger.id, role: 'MEMBER' } });
      expect(anonymous.extensions?.code).toBe('UNAUTHENTICATED');

      const publicView = await t.gql.ok<{ organisation: Organisation }>(ORGANISATION, { id });
      expect(publicView.organisation.members).toHaveLength(2);
      expect(publicView.organisation.viewerRole).toBeNull();
    });

    it('keeps at least one OWNER', async () => {
      const owner = await t.user();
      const created = await t.gql.ok<{ createOrganisation: Organisation }>(
        CREATE_ORGANISATION,
        { input: { name: `Solo ${owner.id}`, description: '' } },
        owner.token,
      );
      const error = await t.gql.error(ADD_MEMBER, { input: { organisationId: created.createOrganisation.id, userId: owner.id, role: 'MEMBER' } }, owner.token);
      expect(error.extensions).toMatchObject({ code: 'CONFLICT', reason: 'LAST_OWNER' });
    });

    it('validates organisation input and names the fields', async () => {
      const user = await t.user();
      const error = await t.gql.error(CREATE_ORGANISATION, { input: { name: 'x', description: '', website: 'ftp://nope' } }, user.token);
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      expect((error.extensions?.fields as { field: string }[]).map((f) => f.field).sort()).toEqual(['input.name', 'input.website']);

      await t.gql.ok(CREATE_ORGANISATION, { input: { name: 'Northside Watch', description: '' } }, user.token);
      const duplicate = await t.gql.error(CREATE_ORGANISATION, { input: { name: 'NORTHSIDE WATCH', description: '' } }, user.token);
      expect(duplicate.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ORGANISATION_NAME_TAKEN', fields: [{ field: 'input.name' }] });
    });

    it('answers null for an unknown organisation and BAD_USER_INPUT for a malformed id', async () => {
      expect(await t.gql.ok(ORGANISATION, { id: '01890000-0000-7000-8000-000000000000' })).toEqual({ organisation: null });
      expect((await t.gql.error(ORGANISATION, { id: 'x' })).extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('reports an unknown user or organisation as NOT_FOUND', async () => {
      const owner = await t.user();
      const created = await t.gql.ok<{ createOrganisation: Organisation }>(
        CREATE_ORGANISATION,
        { input: { name: `Finder ${owner.id}`, description: '' } },
        owner.token,
      );
      const unknownUser = await t.gql.error(
        ADD_MEMBER,
        { input: { organisationId: created.createOrganisation.id, userId: '01890000-0000-7000-8000-000000000000', role: 'MEMBER' } },
        owner.token,
      );
      expect(unknownUser.extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'USER_NOT_FOUND' });
      const unknownOrg = await t.gql.error(
        ADD_MEMBER,
        { input: { organisationId: '01890000-0000-7000-8000-000000000000', userId: owner.id, role: 'MEMBER' } },
        owner.token,
      );
      expect(unknownOrg.extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'ORGANISATION_NOT_FOUND' });
    });
  });

  it('logs in with the factory password (control for the factory)', async () => {
    const user = await t.user();
    const session = await t.gql.ok<{ login: AuthPayload }>(LOGIN, { input: { email: user.email, password: TEST_PASSWORD } });
    expect(session.login.user.id).toBe(user.id);
  });
});

interface User {
  id: string;
  displayName: string;
  roles: string[];
  email: string | null;
}
interface AuthPayload {
  accessToken: string;
  user: User;
}
interface Organisation {
  id: string;
  name: string;
  website: string | null;
  viewerRole: string | null;
  members: { role: string; user: User }[];
}

const USER_FIELDS = 'id displayName roles email';
const REGISTER = `mutation ($input: RegisterInput!) { register(input: $input) { accessToken user { ${USER_FIELDS} } } }`;
const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { accessToken user { ${USER_FIELDS} } } }`;
const ME = `query { me { ${USER_FIELDS} } }`;
const GRANT = `mutation ($input: GrantRoleInput!) { grantRole(input: $input) { ${USER_FIELDS} } }`;
const REVOKE = `mutation ($input: RevokeRoleInput!) { revokeRole(input: $input) { ${USER_FIELDS} } }`;
const ORGANISATION_FIELDS = `id name description website viewerRole members { role user { ${USER_FIELDS} } }`;
const CREATE_ORGANISATION = `mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { ${ORGANISATION_FIELDS} } }`;
const ADD_MEMBER = `mutation ($input: AddOrganisationMemberInput!) { addOrganisationMember(input: $input) { ${ORGANISATION_FIELDS} } }`;
const ORGANISATION = `query ($id: ID!) { organisation(id: $id) { ${ORGANISATION_FIELDS} } }`;
