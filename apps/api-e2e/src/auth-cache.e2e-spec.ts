import { setTimeout as pause } from 'node:timers/promises';
import { Role } from '@common-ground/shared/auth';
import { CAST_VOTE, GRANT_ROLE, REPORT_PROBLEM, REVOKE_ROLE } from '@common-ground/shared/testing';
import { RecordedQuery, recordSql } from './support/sql-recorder';
import { TestApp, TestUser } from './support/test-app';

/** MODERATOR or ADMIN only. */
const QUEUE = `query { moderationQueue(first: 1) { pageInfo { hasNextPage } } }`;
const ME = `query { me { id roles } }`;
/** What UserService.findForAuth sends. */
const readsUser = (q: RecordedQuery) => /^SELECT id, display_name, roles::text\[\] AS roles FROM users WHERE id = \$1$/.test(q.query.trim());
/** A statement's kind and table, for comparing statement lists. */
const shape = (q: RecordedQuery) => {
  const sql = q.query.replace(/\s+/g, ' ').trim();
  if (/^WITH solution AS \(SELECT .* FOR NO KEY UPDATE\), inserted AS \(INSERT INTO solution_votes/.test(sql)) return 'lock solution + insert vote';
  if (/^UPDATE solutions SET up_votes/.test(sql)) return 'move counters';
  if (/^WITH category AS \(SELECT .* FROM categories .*INSERT INTO problems .*INSERT INTO problem_supports/.test(sql)) return 'insert problem + support';
  if (/^INSERT INTO "problem_events"/.test(sql)) return 'timeline event';
  if (readsUser(q)) return 'user look-up';
  return sql.slice(0, 60);
};
/** Bound of the waits for the cache to serve (they end as soon as it does). */
const ATTEMPTS = 200;

/**
 * The per-process cache of signed-in users (AUTH_CACHE_MAX_ENTRIES), and the statements of the
 * hot writes. The cache across processes, and with its listening connection kept away, is
 * proven by the fault suite (auth-cache.fault-spec.ts) with two API processes.
 */
describe('the signed-in user cache and the statements of the hot writes', () => {
  let t: TestApp;
  let admin: TestUser;
  let moderator: TestUser;

  /** Requests until one is answered without reading its user; fails after ATTEMPTS. */
  const untilServedFromCache = async (user: TestUser, app = t) => {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const { queries } = await recordSql(app.dataSource, () => app.gql.request(ME, {}, { token: user.token }));
      if (!queries.some(readsUser)) return;
      await pause(50);
    }
    throw new Error('the user was never served from the cache');
  };
  const queueAs = async (user: TestUser) => {
    const { result, queries } = await recordSql(t.dataSource, () => t.gql.request(QUEUE, {}, { token: user.token }));
    return { code: result.errors?.[0]?.extensions?.code ?? 'OK', lookups: queries.filter(readsUser).length };
  };

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.make.staff.admin();
    moderator = await t.user({ roles: [Role.MODERATOR] });
  });
  afterAll(() => t.close());

  it('reads a signed-in user once, then serves it from memory', async () => {
    await untilServedFromCache(moderator);
    expect(await queueAs(moderator)).toEqual({ code: 'OK', lookups: 0 });
    expect(await queueAs(moderator)).toEqual({ code: 'OK', lookups: 0 });
  });

  it('refuses a revoked role on the next request, and serves a granted one on the next', async () => {
    await untilServedFromCache(moderator);
    await t.gql.ok(REVOKE_ROLE, { input: { userId: moderator.id, role: 'MODERATOR' } }, admin.token);
    expect(await queueAs(moderator)).toEqual({ code: 'FORBIDDEN', lookups: 1 });
    expect(await queueAs(moderator)).toEqual({ code: 'FORBIDDEN', lookups: 0 });
    await t.gql.ok(GRANT_ROLE, { input: { userId: moderator.id, role: 'MODERATOR' } }, admin.token);
    expect(await queueAs(moderator)).toEqual({ code: 'OK', lookups: 1 });
  });

  it('refuses a deleted user once the deletion is heard, and does not keep the refusal', async () => {
    const [gone] = await t.make.users.many(1);
    await untilServedFromCache(gone);
    // No API deletes accounts: as an operator would.
    await t.dataSource.query('DELETE FROM users WHERE id = $1', [gone.id]);
    let code: unknown = 'OK';
    for (let attempt = 0; code !== 'UNAUTHENTICATED' && attempt < ATTEMPTS; attempt++) {
      if (attempt) await pause(50);
      code = (await t.gql.request(ME, {}, { token: gone.token })).errors?.[0]?.extensions?.code;
    }
    expect(code).toBe('UNAUTHENTICATED');
    const again = await recordSql(t.dataSource, () => t.gql.request(ME, {}, { token: gone.token }));
    expect(again.queries.filter(readsUser)).toHaveLength(1);
  });

  it('reads every user again after its listening connection was killed, then serves from memory once it listens again', async () => {
    await untilServedFromCache(moderator);
    const [{ ended }] = await t.dataSource.query(
      `SELECT bool_and(pg_terminate_backend(pid, 10000)) AS ended FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = 'common-ground-listener'`,
    );
    expect(ended).toBe(true);
    // Whether it is still down or listens again already (then it emptied the cache), the next request reads the user.
    expect(await queueAs(moderator)).toEqual({ code: 'OK', lookups: 1 });
    await untilServedFromCache(moderator);
    await t.gql.ok(REVOKE_ROLE, { input: { userId: moderator.id, role: 'MODERATOR' } }, admin.token);
    expect(await queueAs(moderator)).toMatchObject({ code: 'FORBIDDEN' });
    await t.gql.ok(GRANT_ROLE, { input: { userId: moderator.id, role: 'MODERATOR' } }, admin.token);
  });

  it('castVote: the solution locked and read with the vote inserted, then the counters; no user read', async () => {
    const [proposer, voter] = await t.make.users.many(2);
    const problem = await t.make.problems.report();
    const solution = await t.make.solutions.by(proposer).on(problem).propose();
    await untilServedFromCache(voter);
    const { result, queries } = await recordSql(t.dataSource, () =>
      t.gql.ok<{ castVote: { upVotes: number } }>(CAST_VOTE, { input: { solutionId: solution.id, value: 'UP' } }, voter.token),
    );
    expect(result.castVote.upVotes).toBe(1);
    // Between START TRANSACTION and COMMIT (which the recorder leaves out): 4 statements in all.
    expect(queries.map(shape)).toEqual(['lock solution + insert vote', 'move counters']);
  });

  it('reportProblem: one statement for the category, areas, problem and support, then the timeline event; no user read', async () => {
    const reporter = await t.user();
    await untilServedFromCache(reporter);
    for (const categoryCode of ['ENVIRONMENT', 'HARASSMENT']) {
      const { result, queries } = await recordSql(t.dataSource, () =>
        t.gql.ok<{ reportProblem: { id: string; status: string } }>(
          REPORT_PROBLEM,
          { input: { title: 'Broken lamp', description: 'Dark at night.', categoryCode, location: { lat: 53.4808, lng: -2.2426 }, anonymous: false } },
          reporter.token,
        ),
      );
      expect(result.reportProblem.status).toBe('REPORTED');
      expect(queries.map(shape)).toEqual(['insert problem + support', 'timeline event']);
    }
  });

  describe('with AUTH_CACHE_MAX_ENTRIES=0', () => {
    let off: TestApp;
    beforeAll(async () => {
      off = await TestApp.start({ AUTH_CACHE_MAX_ENTRIES: '0' });
    });
    afterAll(() => off?.close());

    it('reads the user on every request and opens no listening connection', async () => {
      const user = await off.user();
      for (let request = 0; request < 3; request++) {
        const { queries } = await recordSql(off.dataSource, () => off.gql.ok(ME, {}, user.token));
        expect(queries.filter(readsUser)).toHaveLength(1);
      }
      const [{ listeners }] = await off.dataSource.query(
        `SELECT count(*)::int AS listeners FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'common-ground-listener'`,
      );
      expect(listeners).toBe(0);
    });
  });
});
