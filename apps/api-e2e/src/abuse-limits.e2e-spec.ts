import { spawnSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { createApp } from '@common-ground/api';
import { Role } from '@common-ground/shared/auth';
import { loadConfig } from '@common-ground/shared/config';
import { createTestDatabase, GraphQLClient, GraphQLResponse, TestDatabase } from '@common-ground/shared/testing';
import { suiteSwitches, TEST_JWT_SECRET, TEST_PASSWORD, TestApp } from './support/test-app';

/**
 * Sign-up and login limits, names without invisible characters, token expiry — over HTTP on a
 * real PostgreSQL. Client addresses come from X-Forwarded-For (TRUST_PROXY), one fresh address
 * per case, so cases never share a counter.
 */
const LIMITS = {
  TRUST_PROXY: '1',
  REGISTER_RATE_LIMIT_PER_ADDRESS: '3',
  LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS: '3',
  LOGIN_FAILURES_PER_ACCOUNT: '8',
  LOGIN_FAILURES_PER_ADDRESS: '12',
  LOGIN_LOCKOUT_SECONDS: '600',
};
const RIGHT = TEST_PASSWORD;
const WRONG = 'not the password at all';

const runTag = randomBytes(4).toString('hex');
const runByte = randomBytes(1)[0];
let addressCount = 0;
/** A private address no other case of this run uses (nor, likely, a recent run in a shared Redis). */
const freshAddress = () => {
  const n = addressCount++;
  return `10.${runByte}.${Math.floor(n / 250)}.${(n % 250) + 1}`;
};
let emailCount = 0;
const freshEmail = (who = 'user') => `${who}.${runTag}.${emailCount++}@example.org`;

describe('abuse limits, names and tokens', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(LIMITS);
  });
  afterAll(() => t.close());

  const from = <T = Record<string, unknown>>(address: string, query: string, variables: Record<string, unknown> = {}) =>
    t.gql.request<T>(query, variables, { headers: { 'x-forwarded-for': address } });
  const login = (address: string, email: string, password: string) => from<{ login: AuthPayload }>(address, LOGIN, { input: { email, password } });
  const codeOf = (response: GraphQLResponse<unknown>) => (response.errors?.[0]?.extensions?.code as string | undefined) ?? 'OK';

  describe('sign-up limit per client address', () => {
    it('lets 15 aliased register fields in one document make only as many accounts as the limit allows', async () => {
      const address = freshAddress();
      const emails = Array.from({ length: 15 }, () => freshEmail('alias'));
      const fields = emails.map(
        (email, i) => `r${i}: register(input: {email: "${email}", password: "correct horse battery", displayName: "Alias ${i}"}) { user { id } }`,
      );
      const response = await from(address, `mutation { ${fields.join(' ')} }`);

      // Root mutation fields run one after another; the first refused one ends the document
      // (its field is non-null), so the rest never run.
      expect(response.errors?.map((e) => [e.path?.[0], e.extensions?.code])).toEqual([['r3', 'RATE_LIMITED']]);
      expect(response.errors?.[0]?.extensions).toMatchObject({ reason: 'REGISTER_LIMIT_FOR_ADDRESS' });
      expect(response.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(3500);
      const rows: { email: string }[] = await t.dataSource.query('SELECT email FROM users WHERE email = ANY($1::text[]) ORDER BY email', [emails]);
      expect(rows.map((r) => r.email).sort()).toEqual(emails.slice(0, 3).sort());

      // The address stays limited; another address is not
      const again = await from(address, REGISTER, { input: { email: freshEmail(), password: 'correct horse battery', displayName: 'Late' } });
      expect(codeOf(again)).toBe('RATE_LIMITED');
      const elsewhere = await from<{ register: AuthPayload }>(freshAddress(), REGISTER, {
        input: { email: freshEmail(), password: 'correct horse battery', displayName: 'Elsewhere' },
      });
      expect(elsewhere.data?.register.user.displayName).toBe('Elsewhere');
    });

    it('lets exactly the limit through when sign-ups from one address race', async () => {
      const address = freshAddress();
      const emails = Array.from({ length: 10 }, () => freshEmail('race'));
      const responses = await Promise.all(
        emails.map((email) => from(address, REGISTER, { input: { email, password: 'correct horse battery', displayName: 'Racer' } })),
      );
      expect(responses.map(codeOf).sort()).toEqual([...Array(3).fill('OK'), ...Array(7).fill('RATE_LIMITED')]);
      const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM users WHERE email = ANY($1::text[])', [emails]);
      expect(n).toBe(3);
    });

    it('counts a refused sign-up (e-mail taken) too, so the limit also bounds probing for accounts', async () => {
      const address = freshAddress();
      const taken = (await t.user()).email;
      for (let i = 0; i < 3; i++) {
        const response = await from(address, REGISTER, { input: { email: taken, password: 'correct horse battery', displayName: 'Probe' } });
        expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.email' }] });
      }
      const fourth = await from(address, REGISTER, { input: { email: freshEmail(), password: 'correct horse battery', displayName: 'New' } });
      expect(codeOf(fourth)).toBe('RATE_LIMITED');
    });
  });

  describe('login limits count failures', () => {
    it('locks a stranger’s address for the account, while its owner signs in from elsewhere', async () => {
      const officer = await t.make.users.officer();
      const stranger = freshAddress();
      for (let i = 0; i < 3; i++) expect(codeOf(await login(stranger, officer.email, `${WRONG} ${i}`))).toBe('UNAUTHENTICATED');

      const locked = await login(stranger, officer.email, RIGHT);
      expect(locked.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'LOGIN_LOCKED_FOR_ACCOUNT_AND_ADDRESS' });
      expect(locked.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(590);
      expect(locked.errors?.[0]?.extensions?.retryAfterSeconds).toBeLessThanOrEqual(600);

      const owner = await login(freshAddress(), officer.email.toUpperCase(), RIGHT);
      expect(owner.data?.login.user.id).toBe(officer.id);
      // The lock is for this account only: other accounts still sign in from the stranger's address
      const other = await t.user();
      expect((await login(stranger, other.email, RIGHT)).data?.login.user.id).toBe(other.id);
    });

    it('never locks many officers signing in, again and again, from one station', async () => {
      const officers = await t.make.users.many(40, { roles: [Role.OFFICER] });
      const station = freshAddress();
      for (let round = 0; round < 2; round++) {
        const sessions = await Promise.all(officers.map((o) => login(station, o.email, RIGHT)));
        expect(sessions.map((s) => s.data?.login.user.id)).toEqual(officers.map((o) => o.id));
      }
      // one officer, many times: successes are not counted
      for (let i = 0; i < 10; i++) expect(codeOf(await login(station, officers[0].email, RIGHT))).toBe('OK');
    });

    it('forgets a pair’s failures after a success, so occasional typos never lock', async () => {
      const user = await t.user();
      const address = freshAddress();
      // 3 rounds: 6 failures stay under the account's 8, which a success does not clear
      for (let round = 0; round < 3; round++) {
        expect(codeOf(await login(address, user.email, WRONG))).toBe('UNAUTHENTICATED');
        expect(codeOf(await login(address, user.email, WRONG))).toBe('UNAUTHENTICATED');
        expect(codeOf(await login(address, user.email, RIGHT))).toBe('OK');
      }
    });

    it('checks and counts one guess per executed login field, aliases or not', async () => {
      const user = await t.user();
      const address = freshAddress();
      const fields = Array.from({ length: 15 }, (_, i) => `l${i}: login(input: {email: "${user.email}", password: "${WRONG} ${i}"}) { accessToken }`);
      const response = await from(address, `mutation { ${fields.join(' ')} }`);
      // The first failure ends the document (a non-null root field), so one guess was checked
      expect(response.errors?.map((e) => [e.path?.[0], e.extensions?.code])).toEqual([['l0', 'UNAUTHENTICATED']]);
      expect(codeOf(await login(address, user.email, WRONG))).toBe('UNAUTHENTICATED');
      expect(codeOf(await login(address, user.email, WRONG))).toBe('UNAUTHENTICATED');
      expect(codeOf(await login(address, user.email, RIGHT))).toBe('RATE_LIMITED');

      // Aliased successes are each checked, and none is counted
      const other = await t.user();
      const successes = Array.from({ length: 15 }, (_, i) => `s${i}: login(input: {email: "${other.email}", password: "${RIGHT}"}) { user { id } }`);
      const signedIn = await from<Record<string, { user: { id: string } }>>(address, `mutation { ${successes.join(' ')} }`);
      expect(Object.values(signedIn.data ?? {}).map((s) => s.user.id)).toEqual(Array(15).fill(other.id));
    });

    it('lets only the limit of racing wrong guesses be checked', async () => {
      const user = await t.user();
      const address = freshAddress();
      const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => login(address, user.email, `${WRONG} ${i}`)));
      expect(responses.map(codeOf).sort()).toEqual([...Array(17).fill('RATE_LIMITED'), ...Array(3).fill('UNAUTHENTICATED')]);
      expect(codeOf(await login(address, user.email, RIGHT))).toBe('RATE_LIMITED');
    });

    it('locks an account everywhere only after many failures from many addresses', async () => {
      const user = await t.user();
      // 7 failures from 4 addresses, none of them locked: the account still works from each
      const addresses = Array.from({ length: 4 }, freshAddress);
      for (const [i, address] of addresses.entries()) {
        for (let k = 0; k < (i < 3 ? 2 : 1); k++) expect(codeOf(await login(address, user.email, WRONG))).toBe('UNAUTHENTICATED');
      }
      expect(codeOf(await login(addresses[0], user.email, RIGHT))).toBe('OK');
      // the 8th failure locks the account, for the right password from a new address too
      expect(codeOf(await login(addresses[3], user.email, WRONG))).toBe('UNAUTHENTICATED');
      const locked = await login(freshAddress(), user.email, RIGHT);
      expect(locked.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'LOGIN_LOCKED_FOR_ACCOUNT' });
      expect(locked.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(590);
    });

    it('locks an address that fails on many accounts, for that address only', async () => {
      const users = await t.users(6);
      const sprayer = freshAddress();
      for (const user of users) {
        for (let k = 0; k < 2; k++) expect(codeOf(await login(sprayer, user.email, WRONG))).toBe('UNAUTHENTICATED');
      }
      const someoneElse = await t.user();
      const locked = await login(sprayer, someoneElse.email, RIGHT);
      expect(locked.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'LOGIN_LOCKED_FOR_ADDRESS' });
      expect((await login(freshAddress(), users[0].email, RIGHT)).data?.login.user.id).toBe(users[0].id);
    });

    it('counts unknown e-mail addresses like wrong passwords, with the same answer', async () => {
      const address = freshAddress();
      const unknown = freshEmail('nobody');
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await login(address, unknown, WRONG));
      expect(answers.map(codeOf)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'RATE_LIMITED']);
    });
  });

  describe('display and organisation names', () => {
    it.each([
      ['bidi override and zero-width', '\u202EAl\u200Bice\u202C', 'Alice'],
      ['isolates and marks', '\u2067Bob\u2069 \u200F\u200EJones\u2066', 'Bob Jones'],
      ['byte-order mark, word joiner, soft hyphen', '\uFEFFCa\u2060rol\u00AD', 'Carol'],
      ['Hangul filler between words', 'Dee \u3164 Dee', 'Dee Dee'],
      ['tag characters', 'Eve\u{E0041}\u{E0042}', 'Eve'],
      ['an ordinary name, untouched', 'Zoë Ó Briain-Łukasz', 'Zoë Ó Briain-Łukasz'],
    ])('stores a display name with %s as its visible text', async (_case, displayName, stored) => {
      const email = freshEmail();
      const response = await from<{ register: AuthPayload }>(freshAddress(), REGISTER, { input: { email, password: 'correct horse battery', displayName } });
      expect(response.data?.register.user.displayName).toBe(stored);
      const [row] = await t.dataSource.query('SELECT display_name FROM users WHERE email = $1', [email]);
      expect(row.display_name).toBe(stored);
    });

    it.each([
      ['zero-width characters only', '\u200B\u200C\u200D'],
      ['bidi controls and spaces', ' \u202E \u2066\u2069 \u200F '],
      ['Hangul fillers', '\u3164\u115F'],
      ['a lone combining mark', '\u0301'],
    ])('refuses a display name of %s as BAD_USER_INPUT on input.displayName', async (_case, displayName) => {
      const email = freshEmail();
      const response = await from(freshAddress(), REGISTER, { input: { email, password: 'correct horse battery', displayName } });
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect((response.errors?.[0]?.extensions?.fields as { field: string }[]).map((f) => f.field)).toContain('input.displayName');
      const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM users WHERE email = $1', [email]);
      expect(n).toBe(0);
    });

    it('stores an organisation name without invisible characters, and refuses one with nothing visible', async () => {
      const owner = await t.user();
      const created = await t.gql.ok<{ createOrganisation: { id: string; name: string } }>(
        CREATE_ORGANISATION,
        { input: { name: '\u202ECanal\u200B  Trust\u2066', description: '' } },
        owner.token,
      );
      expect(created.createOrganisation.name).toBe('Canal Trust');
      const [row] = await t.dataSource.query('SELECT name FROM organisations WHERE id = $1', [created.createOrganisation.id]);
      expect(row.name).toBe('Canal Trust');

      // An invisible variant of a taken name is the taken name
      const lookalike = await t.gql.error(CREATE_ORGANISATION, { input: { name: 'Canal\u200D Trust', description: '' } }, owner.token);
      expect(lookalike.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ORGANISATION_NAME_TAKEN', fields: [{ field: 'input.name' }] });

      const blank = await t.gql.error(CREATE_ORGANISATION, { input: { name: '\u200B\u202E\u2060\u200B', description: '' } }, owner.token);
      expect(blank.extensions?.code).toBe('BAD_USER_INPUT');
      expect((blank.extensions?.fields as { field: string }[]).map((f) => f.field)).toContain('input.name');
      const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM organisations WHERE created_by_id = $1', [owner.id]);
      expect(n).toBe(1);
    });
  });

  describe('token expiry', () => {
    const sign = (claims: object) => {
      const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
      const body = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
      return `${body}.${createHmac('sha256', TEST_JWT_SECRET).update(body).digest('base64url')}`;
    };
    const now = () => Math.floor(Date.now() / 1000);
    const me = (token: string) => t.gql.request<{ me: { id: string } | null }>('{ me { id } }', {}, { token });

    it('accepts exp up to the configured lifetime ahead, and a small clock skew beyond it', async () => {
      const user = await t.user();
      const ttl = t.config.jwt.ttlSeconds;
      const base = { sub: user.id, iss: 'common-ground', aud: 'common-ground-api', iat: now() };
      expect((await me(sign({ ...base, exp: now() + ttl }))).data?.me?.id).toBe(user.id);
      expect((await me(sign({ ...base, exp: now() + ttl + 30 }))).data?.me?.id).toBe(user.id);
    });

    it.each([
      ['without exp', () => ({})],
      ['with exp a year ahead', () => ({ exp: now() + 365 * 86_400 })],
      ['with exp just past the lifetime and skew', () => ({ exp: now() + 3600 + 120 })],
      ['with a non-numeric exp', () => ({ exp: 'never' })],
    ])('refuses a signed token %s as UNAUTHENTICATED', async (_case, extra) => {
      const user = await t.user();
      const response = await me(sign({ sub: user.id, iss: 'common-ground', aud: 'common-ground-api', iat: now(), ...extra() }));
      expect(response.data?.me ?? null).toBeNull();
      expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });
  });
});

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const redisAnswers = (() => {
  const { hostname, port } = new URL(REDIS_URL);
  const probe = `const s=require('node:net').connect(${Number(port) || 6379},${JSON.stringify(hostname)});
    s.setTimeout(1000,()=>process.exit(1));s.on('error',()=>process.exit(1));
    s.on('connect',()=>s.write('PING\\r\\n'));s.on('data',(d)=>process.exit(String(d).startsWith('+PONG')?0:1));`;
  return spawnSync(process.execPath, ['-e', probe], { timeout: 3000 }).status === 0;
})();

const describeWithRedis = redisAnswers ? describe : describe.skip;
describeWithRedis(
  redisAnswers ? `shared limits between two API replicas through Redis at ${REDIS_URL}` : `SKIPPED: no Redis answers at ${REDIS_URL} (set TEST_REDIS_URL)`,
  () => {
    let database: TestDatabase;
    let apps: INestApplication[];
    let clients: GraphQLClient[];

    beforeAll(async () => {
      database = await createTestDatabase();
      const config = () =>
        loadConfig({
          NODE_ENV: 'test',
          LOG_LEVEL: 'silent',
          DB_MIGRATIONS_RUN: 'false',
          JWT_SECRET: TEST_JWT_SECRET,
          ...suiteSwitches(),
          REDIS_URL,
          ...LIMITS,
          LOGIN_FAILURE_WINDOW_SECONDS: '120',
          REGISTER_RATE_LIMIT_WINDOW_SECONDS: '120',
          LOGIN_LOCKOUT_SECONDS: '120',
        });
      apps = [];
      for (let i = 0; i < 2; i++) {
        const app = await createApp(config(), database.url);
        await app.init();
        apps.push(app);
      }
      clients = apps.map((app) => new GraphQLClient(app.getHttpServer()));
    });
    afterAll(async () => {
      for (const app of apps ?? []) await app.close();
      await database?.drop();
    });

    it('counts sign-ups and login failures once for both replicas', async () => {
      const address = freshAddress();
      const as = (replica: number, query: string, variables: Record<string, unknown>) =>
        clients[replica].request<{ register?: AuthPayload; login?: AuthPayload }>(query, variables, { headers: { 'x-forwarded-for': address } });

      const email = freshEmail('shared');
      const signUps = [
        await as(0, REGISTER, { input: { email, password: 'correct horse battery', displayName: 'Shared' } }),
        await as(1, REGISTER, { input: { email: freshEmail(), password: 'correct horse battery', displayName: 'Shared' } }),
        await as(0, REGISTER, { input: { email: freshEmail(), password: 'correct horse battery', displayName: 'Shared' } }),
        await as(1, REGISTER, { input: { email: freshEmail(), password: 'correct horse battery', displayName: 'Shared' } }),
      ];
      expect(signUps.map((r) => r.errors?.[0]?.extensions?.code ?? 'OK')).toEqual(['OK', 'OK', 'OK', 'RATE_LIMITED']);

      const failures = [0, 1, 0].map((replica) => as(replica, LOGIN, { input: { email, password: WRONG } }));
      expect((await Promise.all(failures)).map((r) => r.errors?.[0]?.extensions?.code)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED']);
      const locked = await as(1, LOGIN, { input: { email, password: 'correct horse battery' } });
      expect(locked.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'LOGIN_LOCKED_FOR_ACCOUNT_AND_ADDRESS' });

      const elsewhere = await clients[0].request<{ login: AuthPayload }>(
        LOGIN,
        { input: { email, password: 'correct horse battery' } },
        { headers: { 'x-forwarded-for': freshAddress() } },
      );
      expect(elsewhere.data?.login.user.displayName).toBe('Shared');
    });
  },
);

interface AuthPayload {
  accessToken: string;
  user: { id: string; displayName: string };
}

const REGISTER = `mutation ($input: RegisterInput!) { register(input: $input) { accessToken user { id displayName } } }`;
const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { accessToken user { id displayName } } }`;
const CREATE_ORGANISATION = `mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id name } }`;
