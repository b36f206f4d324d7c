import { setTimeout as pause } from 'node:timers/promises';
import type { Client } from 'pg';
import { ControlledPostgres } from '@common-ground/shared/testing';
import { ApiProcess, GraphQLAnswer } from './support/api-process';

/**
 * Two API processes on one database, each caching signed-in users and their roles: a role
 * revoked through one is refused on the very next request through the other; a change made in
 * SQL reaches both; with their listening connections killed and unable to come back, both read
 * every user from the database (the cache never serves while it cannot hear changes), and once
 * they listen again the cache serves again.
 */
const DATABASE = 'cg_auth_cache';
const ADMIN = { email: 'admin@example.org', password: 'a perfectly fine admin password' };
const PASSWORD = 'a perfectly fine password';
/** The statement UserService.findForAuth sends: counted in pg_stat_statements to see whether a request read its user. */
const USER_LOOKUP = 'SELECT id, display_name, roles::text[] AS roles FROM users WHERE id = $1';
/** Bounds of the waits for something to happen (never timed assertions: they end as soon as it does). */
const ATTEMPTS = 200;
const PAUSE_MS = 50;

const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { accessToken user { id } } }`;
const REGISTER = `mutation ($input: RegisterInput!) { register(input: $input) { accessToken user { id } } }`;
const GRANT = `mutation ($input: GrantRoleInput!) { grantRole(input: $input) { id roles } }`;
const REVOKE = `mutation ($input: RevokeRoleInput!) { revokeRole(input: $input) { id roles } }`;
/** MODERATOR or ADMIN only. */
const QUEUE = `query { moderationQueue(first: 1) { pageInfo { hasNextPage } } }`;

type Session = { accessToken: string; user: { id: string } };

describe('the user cache of two API processes', () => {
  let pg: ControlledPostgres;
  let a: ApiProcess;
  let b: ApiProcess;
  let stats: Client;
  let admin: string;
  let moderator: { id: string; token: string };

  const data = <T>(answer: GraphQLAnswer<T>): T => {
    if (!answer.data || answer.errors?.length) throw new Error(`the request failed: ${JSON.stringify(answer.errors)}`);
    return answer.data;
  };
  const codeOf = (answer: GraphQLAnswer) => answer.errors?.[0]?.extensions?.code ?? 'OK';
  /** How often the user look-up ran on this database so far (both processes). */
  const lookups = async (): Promise<number> => {
    const { rows } = await stats.query<{ calls: number }>(
      'SELECT coalesce(sum(calls), 0)::int AS calls FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = $1) AND query = $2',
      [DATABASE, USER_LOOKUP],
    );
    return rows[0].calls;
  };
  /** The moderator's queue through one process, and how many user look-ups that request sent. */
  const queue = async (api: ApiProcess) => {
    const before = await lookups();
    const answer = await api.graphql(QUEUE, {}, { token: moderator.token });
    return { code: codeOf(answer), lookups: (await lookups()) - before };
  };
  type Roles = { id: string; roles: string[] };
  const grant = async (api: ApiProcess) =>
    data(await api.graphql<{ grantRole: Roles }>(GRANT, { input: { userId: moderator.id, role: 'MODERATOR' } }, { token: admin }));
  const revoke = async (api: ApiProcess) =>
    data(await api.graphql<{ revokeRole: Roles }>(REVOKE, { input: { userId: moderator.id, role: 'MODERATOR' } }, { token: admin }));
  /** Requests through `api` until one is answered from the cache (it read no user); fails after ATTEMPTS. */
  const servedFromCache = async (api: ApiProcess) => {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const answer = await queue(api);
      if (answer.lookups === 0) return answer;
      await pause(PAUSE_MS);
    }
    throw new Error(`${api.baseUrl} never answered from its cache`);
  };

  beforeAll(async () => {
    pg = await ControlledPostgres.start();
    const url = await pg.createMigratedDatabase(DATABASE);
    stats = await pg.connect(DATABASE);
    await stats.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    const env = {
      DATABASE_URL: url,
      DB_MIGRATIONS_RUN: 'false',
      JWT_SECRET: 'auth-cache-suite-secret-that-is-long-enough-0123456789',
      DB_POOL_SIZE: '4',
      SHUTDOWN_GRACE_MS: '0',
      AUTH_CACHE_MAX_ENTRIES: '1000',
    };
    a = await ApiProcess.start({ ...env, BOOTSTRAP_ADMIN_EMAIL: ADMIN.email, BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password });
    b = await ApiProcess.start(env);
    admin = data(await a.graphql<{ login: Session }>(LOGIN, { input: ADMIN })).login.accessToken;
    const registered = data(
      await b.graphql<{ register: Session }>(REGISTER, { input: { email: 'moderator@example.org', password: PASSWORD, displayName: 'Moderator' } }),
    ).register;
    moderator = { id: registered.user.id, token: registered.accessToken };
    await grant(a);
  });

  afterAll(async () => {
    await stats?.end();
    await a?.stop();
    await b?.stop();
    if (pg) await pg.destroy();
  });

  afterEach(() => {
    expect({ a: a.exit, b: b.exit }).toEqual({ a: null, b: null });
  });

  /** Each change through the API waited for the other process's confirmation, never for its time-out. */
  const unconfirmed = () =>
    [a, b].flatMap((api) =>
      api
        .tail(5000)
        .split('\n')
        .filter((line) => line.includes('did not confirm dropping')),
    );

  it('serves a signed-in user from memory once read', async () => {
    await servedFromCache(b);
    expect(await queue(b)).toEqual({ code: 'OK', lookups: 0 });
    await servedFromCache(a);
    expect(await queue(a)).toEqual({ code: 'OK', lookups: 0 });
  });

  it('refuses a role revoked through one process on the very next request through the other, and restores it as promptly', async () => {
    for (let round = 0; round < 5; round++) {
      await servedFromCache(b);
      expect((await revoke(a)).revokeRole.roles).toEqual(['RESIDENT']);
      expect(await queue(b)).toMatchObject({ code: 'FORBIDDEN' });
      // ... and on the process that revoked it.
      expect(await queue(a)).toMatchObject({ code: 'FORBIDDEN' });
      expect((await grant(b)).grantRole.roles).toContain('MODERATOR');
      expect(await queue(a)).toMatchObject({ code: 'OK' });
      expect(await queue(b)).toMatchObject({ code: 'OK' });
    }
    expect(unconfirmed()).toEqual([]);
  });

  it('hears a change made in SQL, outside the API', async () => {
    await servedFromCache(b);
    await stats.query(`UPDATE users SET roles = array_remove(roles, 'MODERATOR') WHERE id = $1`, [moderator.id]);
    let answer = await queue(b);
    for (let attempt = 0; answer.code === 'OK' && attempt < ATTEMPTS; attempt++) {
      await pause(PAUSE_MS);
      answer = await queue(b);
    }
    expect(answer).toMatchObject({ code: 'FORBIDDEN' });
    await grant(a);
    expect(await queue(b)).toMatchObject({ code: 'OK' });
  });

  it('reads every user while it cannot listen (a revocation meanwhile works at once), and serves from memory again once it listens', async () => {
    await servedFromCache(a);
    await servedFromCache(b);
    const server = await pg.connect();
    try {
      // The listening connections are ended and cannot come back; the pools keep theirs.
      await server.query(`ALTER DATABASE ${DATABASE} ALLOW_CONNECTIONS false`);
      const { rows } = await server.query<{ ended: boolean }>(
        `SELECT pg_terminate_backend(pid, 10000) AS ended FROM pg_stat_activity WHERE datname = $1 AND application_name = 'common-ground-listener'`,
        [DATABASE],
      );
      expect(rows).toEqual([{ ended: true }, { ended: true }]);
      // No notification can reach either process now: only reading the user can refuse the next request.
      await stats.query(`UPDATE users SET roles = array_remove(roles, 'MODERATOR') WHERE id = $1`, [moderator.id]);
      expect(await queue(b)).toEqual({ code: 'FORBIDDEN', lookups: 1 });
      expect(await queue(a)).toEqual({ code: 'FORBIDDEN', lookups: 1 });
      await stats.query(`UPDATE users SET roles = array_append(roles, 'MODERATOR') WHERE id = $1`, [moderator.id]);
      for (let request = 0; request < 3; request++) {
        expect(await queue(b)).toEqual({ code: 'OK', lookups: 1 });
      }
    } finally {
      await server.query(`ALTER DATABASE ${DATABASE} ALLOW_CONNECTIONS true`);
      await server.end();
    }
    // Listening again (after its back-off), each process serves from memory again...
    await servedFromCache(b);
    await servedFromCache(a);
    // ... and hears changes again.
    expect((await revoke(a)).revokeRole.roles).toEqual(['RESIDENT']);
    expect(await queue(b)).toMatchObject({ code: 'FORBIDDEN' });
    await grant(a);
  });
});
