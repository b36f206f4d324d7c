import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { Agent, request as httpRequest } from 'node:http';
import { createServer, Socket } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Client } from 'pg';
import request from 'supertest';
import type { App } from 'supertest/types';
import { TokenService } from '@common-ground/shared/auth';
import { ensureDatabase, newId } from '@common-ground/shared/database';
import { ControlledPostgres } from '@common-ground/shared/testing';
import { suiteSwitches, TEST_JWT_SECRET, TestApp, TestUser } from './support/test-app';

/**
 * The API when PostgreSQL is unreachable, frozen, overloaded or contended, on a PostgreSQL of
 * this file's own that it stops, restarts, freezes and whose sessions it terminates; and the real
 * process (`main.js`) starting before its database and shutting down on SIGTERM.
 */
describe('outage: SERVICE_UNAVAILABLE, bounded waits, graceful shutdown, patient start-up', () => {
  const DATABASE = 'cg_outage';
  /** Short bounds, so each failure shows quickly. */
  const BOUNDS = {
    DB_POOL_SIZE: '4',
    DB_STATEMENT_TIMEOUT_MS: '1000',
    DB_LOCK_TIMEOUT_MS: '300',
    DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '1000',
    DB_POOL_ACQUIRE_TIMEOUT_MS: '800',
    DB_QUERY_TIMEOUT_MS: '1500',
  };
  const centre = { lat: 51.5072, lng: -0.1276 };

  let pg: ControlledPostgres;
  let t: TestApp;
  /** Same database, no lock time-out and a longer statement time-out: a lock wait ends by the statement time-out. */
  let patient: TestApp;
  let resident: TestUser;
  let solutionId: string;
  let problemId: string;

  beforeAll(async () => {
    pg = await ControlledPostgres.start();
    const url = await pg.createMigratedDatabase(DATABASE);
    t = await TestApp.start(BOUNDS, { databaseUrl: url });
    patient = await TestApp.start({ ...BOUNDS, DB_LOCK_TIMEOUT_MS: '0', DB_STATEMENT_TIMEOUT_MS: '2000', DB_QUERY_TIMEOUT_MS: '3000' }, { databaseUrl: url });
    resident = await t.user();
    problemId = (await t.gql.ok<{ reportProblem: { id: string } }>(REPORT, { input: problemInput(centre) }, resident.token)).reportProblem.id;
    solutionId = (
      await t.gql.ok<{ proposeSolution: { id: string } }>(
        PROPOSE,
        { input: { problemId, title: 'Better lighting on the path', description: 'LED lamps and trimmed hedges.' } },
        resident.token,
      )
    ).proposeSolution.id;
  });

  afterAll(async () => {
    await patient?.close();
    await t?.close();
    await pg?.destroy();
  });

  /** A session of the test's own that locks the solution's row, as a slow transaction elsewhere would. */
  async function lockSolutionRow(): Promise<Client> {
    const session = await pg.connect(DATABASE);
    await session.query('BEGIN');
    await session.query('SELECT 1 FROM solutions WHERE id = $1 FOR UPDATE', [solutionId]);
    return session;
  }

  async function release(session: Client): Promise<void> {
    await session.query('ROLLBACK');
    await session.end();
  }

  /** The app's backend that waits for a lock, once it does (PostgreSQL shows it in pg_stat_activity). */
  async function backendWaitingForLock(): Promise<number> {
    return pg.withClient(async (client) => {
      for (;;) {
        const { rows } = await client.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock' AND application_name = 'common-ground'`,
          [DATABASE],
        );
        if (rows.length) return rows[0].pid;
        await client.query('SELECT pg_sleep(0.02)');
      }
    });
  }

  describe('bounded waits', () => {
    it('sets statement, lock and idle-in-transaction time-outs on every connection of the pool', async () => {
      const settings = await t.dataSource.query(
        `SELECT current_setting('statement_timeout') AS statement, current_setting('lock_timeout') AS lock,
                current_setting('idle_in_transaction_session_timeout') AS idle`,
      );
      expect(settings).toEqual([{ statement: '1s', lock: '300ms', idle: '1s' }]);
    });

    it('fails votes behind a row lock held elsewhere with SERVICE_UNAVAILABLE (LOCK_TIMEOUT) instead of waiting, and keeps reads going', async () => {
      const voters = await t.users(20);
      const session = await lockSolutionRow();
      try {
        const votes = await Promise.all(voters.map((voter) => graphql(t, CAST_VOTE, { input: { solutionId, value: 'UP' } }, voter.token)));
        for (const vote of votes) {
          expect(vote.status).toBe(503);
          expect(vote.body.errors[0].extensions).toMatchObject({
            code: 'SERVICE_UNAVAILABLE',
            reason: expect.stringMatching(/^(LOCK_TIMEOUT|DATABASE_BUSY)$/),
          });
          expect(Number(vote.headers['retry-after'])).toBe(vote.body.errors[0].extensions.retryAfterSeconds);
        }
        expect(votes.filter((vote) => vote.body.errors[0].extensions.reason === 'LOCK_TIMEOUT').length).toBeGreaterThan(0);
        // The lock is still held: unrelated reads (and the solution itself) are served.
        const read = await graphql(t, SOLUTION, { id: solutionId });
        expect(read.status).toBe(200);
        expect(read.body.data.solution).toEqual({ id: solutionId, upVotes: 0 });
      } finally {
        await release(session);
      }
      const vote = await graphql(t, CAST_VOTE, { input: { solutionId, value: 'UP' } }, voters[0].token);
      expect(vote.body.data.castVote).toMatchObject({ id: solutionId, upVotes: 1 });
    });

    it('ends a lock wait by the statement time-out when there is no lock time-out: SERVICE_UNAVAILABLE (DATABASE_TIMEOUT)', async () => {
      const voter = await t.user();
      const session = await lockSolutionRow();
      try {
        const vote = await graphql(patient, CAST_VOTE, { input: { solutionId, value: 'DOWN' } }, voter.token);
        expect(vote.status).toBe(503);
        expect(vote.headers['retry-after']).toBe('2');
        expect(vote.body.errors[0]).toMatchObject({
          message: 'The service is unavailable for a moment; try again shortly',
          extensions: { code: 'SERVICE_UNAVAILABLE', reason: 'DATABASE_TIMEOUT', retryAfterSeconds: 2, reference: expect.stringMatching(UUID) },
        });
      } finally {
        await release(session);
      }
    });

    it('gives up waiting for a pooled connection after the acquisition time-out: SERVICE_UNAVAILABLE (DATABASE_BUSY)', async () => {
      // Every connection of the pool (4) is taken, as by four long requests.
      const runners = await Promise.all(
        Array.from({ length: 4 }, async () => {
          const runner = t.dataSource.createQueryRunner();
          await runner.connect();
          return runner;
        }),
      );
      try {
        const read = await graphql(t, SOLUTION, { id: solutionId });
        expect(read.status).toBe(503);
        expect(read.body.errors[0].extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', reason: 'DATABASE_BUSY', retryAfterSeconds: 2 });
      } finally {
        await Promise.all(runners.map((runner) => runner.release()));
      }
      expect((await graphql(t, SOLUTION, { id: solutionId })).body.data.solution.id).toBe(solutionId);
    });

    it('ends a session left idle inside a transaction (idle-in-transaction time-out)', async () => {
      const runner = t.dataSource.createQueryRunner();
      const connection = (await runner.connect()) as Client;
      const ended = once(connection, 'error');
      await runner.startTransaction();
      const [error] = (await ended) as [{ code: string }];
      expect(error.code).toBe('25P03');
      await runner.release();
      expect((await graphql(t, SOLUTION, { id: solutionId })).body.data.solution.id).toBe(solutionId);
    });
  });

  it('serves health checks whatever Authorization says (no 500 for a bad token)', async () => {
    for (const authorization of ['Bearer not-a-token', `Bearer ${resident.token}x`, 'Basic abc', `Bearer ${resident.token}`]) {
      const live = await get(t, '/health/live', authorization);
      expect([live.status, live.body]).toEqual([200, { status: 'ok' }]);
      for (const path of ['/health', '/health/ready']) {
        const ready = await get(t, path, authorization);
        expect([ready.status, ready.body]).toEqual([200, { status: 'ok', info: { database: { status: 'up' } }, error: {} }]);
      }
    }
  });

  describe('a database that is down, terminated or frozen', () => {
    it('answers SERVICE_UNAVAILABLE with 503 and Retry-After while PostgreSQL is stopped, on every path, and recovers', async () => {
      const unknown = t.app.get(TokenService).issue(newId());
      await pg.stop();
      try {
        const publicRead = await graphql(t, SOLUTION, { id: solutionId });
        expect({ status: publicRead.status, body: publicRead.body }).toMatchObject({ status: 503, body: { data: { solution: null } } });
        expect(publicRead.headers['retry-after']).toBe('5');
        expect(publicRead.body.errors[0]).toEqual({
          message: 'The service is unavailable for a moment; try again shortly',
          path: ['solution'],
          locations: expect.any(Array),
          extensions: { code: 'SERVICE_UNAVAILABLE', reason: 'DATABASE_UNREACHABLE', retryAfterSeconds: 5, reference: expect.stringMatching(UUID) },
        });

        // A valid token is not "invalid or expired" because its user cannot be looked up.
        for (const token of [resident.token, unknown]) {
          const me = await graphql(t, ME, {}, token);
          expect(me.status).toBe(503);
          expect(me.body.errors[0].extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', reason: 'DATABASE_UNREACHABLE' });
        }
        const vote = await graphql(t, CAST_VOTE, { input: { solutionId, value: 'DOWN' } }, resident.token);
        expect(vote.status).toBe(503);
        expect(vote.body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');

        // A token that is really bad is still UNAUTHENTICATED: no database is needed to tell.
        for (const token of ['not-a-token', `${resident.token.slice(0, -4)}AAAA`]) {
          const bad = await graphql(t, ME, {}, token);
          expect(bad.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
        }

        // Liveness does not need the database and ignores Authorization; readiness says 503 and names no address.
        for (const authorization of [undefined, `Bearer ${resident.token}`, 'Bearer not-a-token', 'Basic abc']) {
          const live = await get(t, '/health/live', authorization);
          expect([live.status, live.body]).toEqual([200, { status: 'ok' }]);
          const ready = await get(t, '/health/ready', authorization);
          expect(ready.status).toBe(503);
          expect(ready.headers['retry-after']).toBe('5');
          expect(ready.body).toEqual({
            status: 'error',
            info: {},
            error: { database: { status: 'down', reason: 'DATABASE_UNREACHABLE', reference: expect.stringMatching(UUID) } },
          });
          expect(ready.text).not.toMatch(/127\.0\.0\.1|localhost|\/tmp|cg-|\.s\.PGSQL|ECONN|ENOENT/);
          expect(ready.text).not.toContain(String(pg.port));
        }
      } finally {
        await pg.restart();
      }
      const me = await graphql(t, ME, {}, resident.token);
      expect(me.body.data.me.id).toBe(resident.id);
      expect((await get(t, '/health/ready')).status).toBe(200);
      const stranger = await graphql(t, ME, {}, unknown);
      expect(stranger.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    });

    it('answers SERVICE_UNAVAILABLE (DATABASE_UNREACHABLE) when the session of a request is terminated', async () => {
      const voter = await t.user();
      const session = await lockSolutionRow();
      try {
        const vote = graphql(patient, CAST_VOTE, { input: { solutionId, value: 'UP' } }, voter.token);
        const backend = await backendWaitingForLock();
        await session.query('SELECT pg_terminate_backend($1)', [backend]);
        const answer = await vote;
        expect({ status: answer.status, body: answer.body }).toMatchObject({
          status: 503,
          body: { errors: [{ extensions: { code: 'SERVICE_UNAVAILABLE', reason: 'DATABASE_UNREACHABLE', retryAfterSeconds: 5 } }] },
        });
      } finally {
        await release(session);
      }
      const again = await graphql(patient, CAST_VOTE, { input: { solutionId, value: 'UP' } }, voter.token);
      expect(again.body.data.castVote.id).toBe(solutionId);
    });

    it('bounds every wait on a frozen PostgreSQL (SIGSTOP) with SERVICE_UNAVAILABLE (DATABASE_TIMEOUT), and recovers after SIGCONT', async () => {
      await graphql(t, SOLUTION, { id: solutionId }); // a pooled connection is open
      pg.freeze();
      try {
        for (const [query, token] of [
          [SOLUTION, undefined],
          [ME, resident.token],
        ] as const) {
          const answer = await graphql(t, query, { id: solutionId }, token);
          expect({ status: answer.status, body: answer.body }).toMatchObject({
            status: 503,
            body: { errors: [{ extensions: { code: 'SERVICE_UNAVAILABLE', reason: 'DATABASE_TIMEOUT' } }] },
          });
        }
        expect((await get(t, '/health/live', `Bearer ${resident.token}`)).status).toBe(200);
        const ready = await get(t, '/health/ready');
        expect(ready.status).toBe(503);
        expect(ready.body.error.database).toMatchObject({ status: 'down', reason: 'DATABASE_TIMEOUT' });
      } finally {
        pg.thaw();
      }
      expect((await graphql(t, SOLUTION, { id: solutionId })).body.data.solution.id).toBe(solutionId);
      expect((await graphql(t, ME, {}, resident.token)).body.data.me.id).toBe(resident.id);
    });
  });

  describe('the process: start-up before the database, SIGTERM', () => {
    const root = join(__dirname, '../../..');
    let api: ChildProcess | undefined;

    afterAll(() => {
      if (api && api.exitCode === null) api.kill('SIGKILL');
    });

    it('waits for a database that starts after it, then drains on SIGTERM: readiness 503 while serving, listener closed, in-flight finished', async () => {
      const build = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8' });
      expect(build.status).toBe(0);
      const database = 'cg_outage_process';
      await ensureDatabase(pg.serverUrl, database); // empty: the process migrates it
      const port = await freePort();
      await pg.stop();

      api = spawn(process.execPath, [join(root, 'dist/apps/api/src/main.js')], {
        cwd: root,
        env: {
          PATH: process.env['PATH'],
          NODE_ENV: 'test',
          HOST: '127.0.0.1',
          PORT: String(port),
          LOG_LEVEL: 'info',
          JWT_SECRET: TEST_JWT_SECRET,
          DATABASE_URL: pg.url(database),
          DB_CONNECT_RETRY_MS: '60000',
          // The in-flight request below waits for a table lock until the test lets it go.
          DB_LOCK_TIMEOUT_MS: '0',
          DB_STATEMENT_TIMEOUT_MS: '30000',
          DB_QUERY_TIMEOUT_MS: '40000',
          SHUTDOWN_GRACE_MS: '1500',
          SHUTDOWN_TIMEOUT_MS: '20000',
          ...suiteSwitches(),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const logs = new LogLines(api);

      // Before: TypeORM tried three times in 1.5 s and the process exited.
      await logs.next((line) => String(line.msg).startsWith('database unavailable') && line.attempt === 5);
      expect(api.exitCode).toBeNull();
      await pg.restart();
      await logs.next((line) => String(line.msg).startsWith('Common Ground API on'));
      expect((await call(port, 'GET', '/health/ready')).status).toBe(200);

      // An idle keep-alive connection, and a request that will be in flight during shutdown.
      const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 });
      const first = await call(port, 'POST', '/graphql', { query: CATEGORIES }, keepAlive);
      expect(first.headers['connection']).toBe('keep-alive');
      const idleSocket = Object.values(keepAlive.freeSockets).flat()[0] as Socket;
      expect(idleSocket).toBeDefined();
      const idleClosed = once(idleSocket, 'close');

      const lock = await pg.connect(database);
      await lock.query('BEGIN');
      await lock.query('LOCK TABLE problems IN ACCESS EXCLUSIVE MODE');
      const inFlight = call(port, 'POST', '/graphql', { query: PROBLEMS });
      await pg.withClient(async (client) => {
        for (;;) {
          const { rows } = await client.query(`SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'`, [database]);
          if (rows.length) return;
          await client.query('SELECT pg_sleep(0.02)');
        }
      });

      api.kill('SIGTERM');
      await logs.next((line) => String(line.msg).startsWith('shutting down'));
      // The grace period: readiness fails, requests are still served, and their connections close.
      const ready = await call(port, 'GET', '/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.headers['connection']).toBe('close');
      expect(JSON.parse(ready.body)).toEqual({ status: 'error', info: {}, error: { process: { status: 'draining' } } });
      const served = await call(port, 'POST', '/graphql', { query: CATEGORIES });
      expect(served.status).toBe(200);
      expect(served.headers['connection']).toBe('close');
      expect(JSON.parse(served.body).data.categories.length).toBeGreaterThan(0);

      await logs.next((line) => String(line.msg).startsWith('listener closed'));
      await idleClosed; // the idle keep-alive connection was closed between requests
      await expect(call(port, 'GET', '/health/live')).rejects.toMatchObject({ code: 'ECONNREFUSED' });

      // The in-flight request still finishes, with its answer.
      await lock.query('ROLLBACK');
      await lock.end();
      const finished = await inFlight;
      expect(finished.status).toBe(200);
      expect(JSON.parse(finished.body)).toEqual({ data: { problems: { edges: [] } } });
      const [code] = await once(api, 'exit');
      expect(code).toBe(0);
      expect(logs.seen((line) => line.msg === 'stopped')).toBe(true);
      keepAlive.destroy();
    });
  });
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function problemInput(location: { lat: number; lng: number }) {
  return { title: 'Dealing behind the library', description: 'Every evening after 8.', categoryCode: 'ANTISOCIAL_BEHAVIOUR', location };
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  text: string;
}

async function graphql(app: TestApp, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<Answer> {
  let call = request(app.app.getHttpServer() as App)
    .post('/graphql')
    .set('content-type', 'application/json');
  if (token) call = call.set('authorization', `Bearer ${token}`);
  const response = await call.send({ query, variables });
  return { status: response.status, headers: response.headers as Record<string, string>, body: response.body, text: response.text };
}

async function get(app: TestApp, path: string, authorization?: string): Promise<Answer> {
  let call = request(app.app.getHttpServer() as App).get(path);
  if (authorization) call = call.set('authorization', authorization);
  const response = await call;
  return { status: response.status, headers: response.headers as Record<string, string>, body: response.body, text: response.text };
}

/** One HTTP request to the spawned process. */
function call(
  port: number,
  method: string,
  path: string,
  body?: unknown,
  agent: Agent | false = false,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = httpRequest({ host: '127.0.0.1', port, method, path, agent, headers: payload ? { 'content-type': 'application/json' } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface LogLine {
  msg?: string;
  attempt?: number;
  [key: string]: unknown;
}

/** The JSON log lines of a process, awaited one condition at a time. */
class LogLines {
  private readonly lines: LogLine[] = [];
  private waiting: { match: (line: LogLine) => boolean; resolve: (line: LogLine) => void; reject: (error: Error) => void }[] = [];
  private exited?: Error;
  private readonly stderr: string[] = [];

  constructor(child: ChildProcess) {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (text) => {
      let line: LogLine;
      try {
        line = JSON.parse(text) as LogLine;
      } catch {
        return;
      }
      this.lines.push(line);
      const matched = this.waiting.filter((waiter) => waiter.match(line));
      this.waiting = this.waiting.filter((waiter) => !matched.includes(waiter));
      for (const waiter of matched) waiter.resolve(line);
    });
    child.stderr?.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString('utf8')));
    child.once('exit', (code, signal) => {
      this.exited = new Error(`the process exited (${code ?? signal}): ${this.stderr.join('').slice(-2000)}`);
      for (const waiter of this.waiting) waiter.reject(this.exited);
      this.waiting = [];
    });
  }

  seen(match: (line: LogLine) => boolean): boolean {
    return this.lines.some(match);
  }

  /** The first line (seen already or to come) that matches; fails if the process exits first. */
  next(match: (line: LogLine) => boolean): Promise<LogLine> {
    const seen = this.lines.find(match);
    if (seen) return Promise.resolve(seen);
    if (this.exited) return Promise.reject(this.exited);
    return new Promise((resolve, reject) => this.waiting.push({ match, resolve, reject }));
  }
}

const REPORT = `mutation ($input: ReportProblemInput!) { reportProblem(input: $input) { id } }`;
const PROPOSE = `mutation ($input: ProposeSolutionInput!) { proposeSolution(input: $input) { id } }`;
const CAST_VOTE = `mutation ($input: CastVoteInput!) { castVote(input: $input) { id upVotes downVotes } }`;
const SOLUTION = `query ($id: ID!) { solution(id: $id) { id upVotes } }`;
const ME = `{ me { id } }`;
const CATEGORIES = `{ categories { code } }`;
const PROBLEMS = `{ problems(first: 1) { edges { node { id } } } }`;
