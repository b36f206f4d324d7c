import { setTimeout as pause } from 'node:timers/promises';
import { ControlledPostgres } from '@common-ground/shared/testing';
import { ApiProcess } from './support/api-process';
import { LoadUser, Refusal, WriteLoad } from './support/write-load';

/**
 * The API as its own process on a PostgreSQL of its own, under a bounded write load (every
 * reportProblem with an Idempotency-Key, retried until acknowledged), while the database is
 * restarted, has its sessions terminated, is stopped for seconds and is frozen. The process must
 * stay up, answer SERVICE_UNAVAILABLE (never UNAUTHENTICATED) while the database is away, work
 * again within RECOVERY_MS of the database, lose no acknowledged write and duplicate none.
 */
const DATABASE = 'cg_faults';
/** How soon after the database is back the API must serve again. */
const RECOVERY_MS = 5_000;
/** How long the database stays stopped in the outage test. */
const OUTAGE_MS = 3_000;
const LIMITS = { maxRequests: 4_000, maxDurationMs: 60_000, retryPauseMs: 100, requestTimeoutMs: 15_000 };

const ME = /* GraphQL */ `
  query Me {
    me {
      id
    }
  }
`;
const PROBLEMS = /* GraphQL */ `
  query Problems {
    problems(first: 1) {
      edges {
        node {
          id
        }
      }
    }
  }
`;
const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterInput!) {
    register(input: $input) {
      accessToken
      user {
        id
      }
    }
  }
`;

describe('the API while its database fails', () => {
  let pg: ControlledPostgres;
  let api: ApiProcess;
  let users: LoadUser[];

  beforeAll(async () => {
    pg = await ControlledPostgres.start();
    const url = await pg.createMigratedDatabase(DATABASE);
    api = await ApiProcess.start({
      DATABASE_URL: url,
      // Migrated above, as a deployment's migration step would.
      DB_MIGRATIONS_RUN: 'false',
      JWT_SECRET: 'fault-suite-secret-that-is-long-enough-0123456789',
      DB_POOL_SIZE: '8',
      DB_STATEMENT_TIMEOUT_MS: '1500',
      DB_LOCK_TIMEOUT_MS: '1000',
      DB_POOL_ACQUIRE_TIMEOUT_MS: '2000',
      DB_QUERY_TIMEOUT_MS: '2500',
      DB_CONNECT_RETRY_MS: '10000',
      SHUTDOWN_GRACE_MS: '0',
    });
    users = [];
    for (let n = 1; n <= 4; n++) {
      const answer = await api.graphql<{ register: { accessToken: string; user: { id: string } } }>(REGISTER, {
        input: { email: `fault${n}@example.org`, password: 'a perfectly fine password', displayName: `Fault ${n}` },
      });
      if (!answer.data?.register) throw new Error(`register failed: ${JSON.stringify(answer.errors)}`);
      users.push({ id: answer.data.register.user.id, token: answer.data.register.accessToken });
    }
  });

  afterAll(async () => {
    await api?.stop();
    if (pg) await pg.destroy();
  });

  afterEach(() => {
    // Whatever a test did, the process is still up.
    expect({ exit: api.exit, tail: api.exit ? api.tail() : '' }).toEqual({ exit: null, tail: '' });
  });

  /** A signed-in read that needs the database: it must answer SERVICE_UNAVAILABLE (503, Retry-After) now. */
  const expectUnavailable = async () => {
    for (const query of [ME, PROBLEMS]) {
      const answer = await api.graphql(query, {}, { token: users[0].token, timeoutMs: LIMITS.requestTimeoutMs });
      expect({ status: answer.status, code: answer.errors?.[0]?.extensions?.code, retryAfter: answer.retryAfter }).toEqual({
        status: 503,
        code: 'SERVICE_UNAVAILABLE',
        retryAfter: expect.stringMatching(/^\d+$/),
      });
    }
  };

  /**
   * Probes with a signed-in read until it succeeds; fails unless that is within RECOVERY_MS.
   * Every answer before then must be SERVICE_UNAVAILABLE.
   */
  const expectRecovery = async () => {
    const start = Date.now();
    const refusals = new Set<string>();
    for (;;) {
      const elapsed = Date.now() - start;
      if (elapsed > RECOVERY_MS) throw new Error(`not serving ${elapsed} ms after the database came back (answers: ${[...refusals].join(', ')})`);
      const answer = await api.graphql<{ me: { id: string } }>(ME, {}, { token: users[0].token, timeoutMs: RECOVERY_MS }).catch((error: Error) => error);
      if (!(answer instanceof Error) && answer.data?.me?.id === users[0].id) return;
      refusals.add(answer instanceof Error ? `no answer: ${answer.message}` : `${answer.status} ${answer.errors?.[0]?.extensions?.code}`);
      for (const refusal of refusals) expect(refusal).toBe('503 SERVICE_UNAVAILABLE');
      await pause(100);
    }
  };

  /**
   * Stops the load and checks its ledger against the database: every acknowledged write exists
   * exactly once, under its key; nothing was duplicated by a retry; every refusal was a 503.
   */
  const settle = async (load: WriteLoad) => {
    expect(load.unanswered).toEqual([]);
    expect(load.abandoned).toEqual([]);
    const answer = (r: Refusal) => `${r.status} ${r.code}${r.retryAfter === null ? ' without Retry-After' : ''}`;
    const wrong = load.refusals.filter((r) => answer(r) !== '503 SERVICE_UNAVAILABLE');
    // Each wrong answer once, with its message and what the API logged for it.
    const seen = [...new Map(wrong.map((r) => [answer(r), r])).values()];
    expect(seen.map((r) => ({ answer: answer(r), message: r.message, logged: r.reference ? api.loggedErrors(r.reference).slice(0, 1) : [] }))).toEqual([]);
    const acknowledged = load.acknowledged;
    expect(acknowledged.length).toBeGreaterThan(0);
    await pg.withClient(async (client) => {
      const rows = await client.query<{ id: string; title: string; reporter_id: string }>(
        'SELECT id, title, reporter_id FROM problems WHERE id = ANY($1::uuid[])',
        [acknowledged.map((a) => a.id)],
      );
      const stored = new Map(rows.rows.map((row) => [row.id, row]));
      const lost = acknowledged.filter((a) => stored.get(a.id)?.title !== a.title || stored.get(a.id)?.reporter_id !== a.userId);
      expect(lost).toEqual([]);
      // Titles are unique per key: a duplicate from a retry would share one.
      const copies = await client.query<{ title: string; n: number }>(
        'SELECT title, count(*)::int AS n FROM problems WHERE title = ANY($1::text[]) GROUP BY title HAVING count(*) <> 1',
        [acknowledged.map((a) => a.title)],
      );
      expect(copies.rows).toEqual([]);
      const keys = await client.query<{ user_id: string; key: string; result_id: string }>(
        'SELECT user_id, key, result_id FROM idempotency_keys WHERE key = ANY($1::text[])',
        [acknowledged.map((a) => a.key)],
      );
      const byKey = new Map(keys.rows.map((row) => [`${row.user_id} ${row.key}`, row.result_id]));
      expect(acknowledged.filter((a) => byKey.get(`${a.userId} ${a.key}`) !== a.id)).toEqual([]);
    }, DATABASE);
    return { acknowledged, retried: acknowledged.filter((a) => a.attempts > 1) };
  };

  /** Runs `faults` under a new write load, which is stopped however they end. */
  const underLoad = async (faults: (load: WriteLoad) => Promise<void>): Promise<WriteLoad> => {
    const load = new WriteLoad(api, users, LIMITS);
    try {
      await faults(load);
    } finally {
      await load.stop();
    }
    return load;
  };

  it('survives a fast restart of the database', async () => {
    const load = await underLoad(async (load) => {
      await load.acknowledgedMore(10);
      await pg.stop();
      await pg.restart();
      await expectRecovery();
      await load.acknowledgedMore(10);
    });
    const { retried } = await settle(load);
    expect(retried.length).toBeGreaterThan(0);
  });

  it('survives its sessions being terminated, again and again', async () => {
    let terminated = 0;
    const load = await underLoad(async (load) => {
      await load.acknowledgedMore(10);
      for (let round = 0; round < 3; round++) {
        terminated += await pg.terminateSessions(DATABASE);
        await expectRecovery();
        await load.acknowledgedMore(5);
      }
    });
    expect(terminated).toBeGreaterThan(0);
    await settle(load);
  });

  it('answers SERVICE_UNAVAILABLE, never UNAUTHENTICATED, while the database is stopped, and recovers', async () => {
    const load = await underLoad(async (load) => {
      await load.acknowledgedMore(10);
      await pg.stop();
      try {
        const stoppedAt = Date.now();
        await expectUnavailable();
        // The outage lasts a few seconds, whatever the probes took.
        await pause(Math.max(0, OUTAGE_MS - (Date.now() - stoppedAt)));
        await expectUnavailable();
      } finally {
        await pg.restart();
      }
      await expectRecovery();
      await load.acknowledgedMore(10);
    });
    const { retried } = await settle(load);
    expect(retried.length).toBeGreaterThan(0);
  });

  it('answers SERVICE_UNAVAILABLE in bounded time while the database is frozen, and recovers', async () => {
    const load = await underLoad(async (load) => {
      await load.acknowledgedMore(10);
      pg.freeze();
      try {
        await expectUnavailable();
      } finally {
        pg.thaw();
      }
      await expectRecovery();
      await load.acknowledgedMore(10);
    });
    await settle(load);
  });
});
