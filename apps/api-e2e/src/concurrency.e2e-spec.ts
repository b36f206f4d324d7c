import { EntityManager } from 'typeorm';
import { inTransaction, MIGRATIONS, TRANSACTION_CONTENDED } from '@common-ground/shared/database';
import { DomainError } from '@common-ground/shared/graphql';
import { GraphQLResponse } from '@common-ground/shared/testing';
import { TestApp, TestUser } from './support/test-app';

const OPEN = ['REPORTED', 'SCANNING', 'ANALYSIS', 'RESPONSE', 'ASSESSMENT'];

/** A promise and the function that settles it: one transaction waits for a step of the other. */
function signal(): { reached: Promise<void>; reach: () => void } {
  let reach = () => undefined as void;
  const reached = new Promise<void>((resolve) => (reach = resolve));
  return { reached, reach };
}

describe('concurrency: lock order and retries', () => {
  let t: TestApp;
  let officer: TestUser;
  let reporter: TestUser;
  let n = 0;

  const report = async (title = `Problem ${++n}`): Promise<string> => {
    const data = await t.gql.ok<{ reportProblem: { id: string } }>(
      REPORT,
      { input: { title, description: 'Seen every evening.', categoryCode: 'ANTISOCIAL_BEHAVIOUR', location: { lat: 53.48, lng: -2.24 } } },
      reporter.token,
    );
    return data.reportProblem.id;
  };

  /** support_count as stored, and the support rows it counts. */
  const counted = async (problemId: string): Promise<{ counter: number; rows: number }> => {
    const [row]: { counter: number; rows: number }[] = await t.dataSource.query(
      'SELECT support_count AS counter, (SELECT count(*)::int FROM problem_supports WHERE problem_id = $1) AS rows FROM problems WHERE id = $1',
      [problemId],
    );
    return row;
  };

  const supporters = async (problemIds: string[]): Promise<string[]> => {
    const rows: { user_id: string }[] = await t.dataSource.query(
      'SELECT DISTINCT user_id FROM problem_supports WHERE problem_id = ANY($1::uuid[]) ORDER BY user_id',
      [problemIds],
    );
    return rows.map((row) => row.user_id);
  };

  const errorsOf = (responses: GraphQLResponse<unknown>[]) => responses.flatMap((response) => response.errors ?? []);

  beforeAll(async () => {
    t = await TestApp.start();
    [officer, reporter] = await Promise.all([t.make.users.officer({ displayName: 'Officer Olu' }), t.make.users.resident({ displayName: 'Rita Reporter' })]);
  });
  afterAll(() => t.close());

  describe('the transaction helper', () => {
    /**
     * Two transactions lock the same two problem rows in opposite orders, each waiting until the
     * other holds its first row: a real deadlock, which PostgreSQL breaks by aborting one.
     */
    const deadlock = async (retries: number) => {
      const [first, second] = [await report(), await report()];
      const attempts = { a: 0, b: 0 };
      const aHolds = signal();
      const bHolds = signal();
      const lock = (manager: EntityManager, id: string) => manager.query('SELECT 1 FROM problems WHERE id = $1 FOR NO KEY UPDATE', [id]);
      const a = inTransaction(
        t.dataSource,
        async (manager) => {
          attempts.a++;
          await lock(manager, first);
          aHolds.reach();
          await bHolds.reached;
          await lock(manager, second);
          return 'a';
        },
        { retries },
      );
      const b = inTransaction(
        t.dataSource,
        async (manager) => {
          attempts.b++;
          await aHolds.reached;
          await lock(manager, second);
          bHolds.reach();
          await lock(manager, first);
          return 'b';
        },
        { retries },
      );
      return { results: await Promise.allSettled([a, b]), attempts };
    };

    it('runs the deadlock victim again, and both transactions succeed', async () => {
      const { results, attempts } = await deadlock(3);
      expect(results).toEqual([
        { status: 'fulfilled', value: 'a' },
        { status: 'fulfilled', value: 'b' },
      ]);
      expect([attempts.a, attempts.b].sort()).toEqual([1, 2]);
    });

    it('answers CONFLICT with a reason when no retry is left', async () => {
      const { results, attempts } = await deadlock(0);
      expect(attempts).toEqual({ a: 1, b: 1 });
      const rejected = results.filter((result) => result.status === 'rejected');
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      expect(rejected).toHaveLength(1);
      const error = (rejected[0] as PromiseRejectedResult).reason as DomainError;
      expect(error).toBeInstanceOf(DomainError);
      expect(error.code).toBe('CONFLICT');
      expect(error.details).toEqual({ reason: TRANSACTION_CONTENDED, attempts: 1 });
    });
  });

  describe('supports', () => {
    it('takes 200 users double-clicking (support, withdraw, support at once) without an error, counting every row once', async () => {
      const problemId = await report('Motorbikes racing round the estate');
      const users = await t.users(200);
      const responses = await Promise.all(
        users.flatMap((user) => [SUPPORT, WITHDRAW, SUPPORT].map((mutation) => t.gql.request(mutation, { problemId }, { token: user.token }))),
      );
      expect(errorsOf(responses)).toEqual([]);
      expect(responses.every((response) => response.status === 200)).toBe(true);
      const { counter, rows } = await counted(problemId);
      expect(counter).toBe(rows);
      // The reporter's support stays; each double-click leaves its user supporting or not.
      expect(rows).toBeGreaterThanOrEqual(1);
      expect(rows).toBeLessThanOrEqual(201);
      const { problem } = await t.gql.ok<{ problem: { supportCount: number } }>(PROBLEM, { id: problemId });
      expect(problem.supportCount).toBe(rows);
    });

    it('takes withdrawals racing a merge of the problem without an error, and counts every row once', async () => {
      for (let round = 0; round < 3; round++) {
        const [original, copy] = [await report('Bins set alight on Spear Street'), await report('Fires in the Spear Street bins')];
        const users = await t.users(60);
        // 40 support the copy, of whom 20 also support the original; 20 more support only the original.
        await Promise.all(users.slice(0, 40).map((user) => t.gql.ok(SUPPORT, { problemId: copy }, user.token)));
        await Promise.all(users.slice(20).map((user) => t.gql.ok(SUPPORT, { problemId: original }, user.token)));
        const withdrawing = users.slice(0, 30);
        const responses = await Promise.all([
          ...withdrawing.slice(0, 15).map((user) => t.gql.request(WITHDRAW, { problemId: copy }, { token: user.token })),
          t.gql.request(MARK_DUPLICATE, { input: { problemId: copy, duplicateOfId: original } }, { token: officer.token }),
          ...withdrawing.slice(15).map((user) => t.gql.request(WITHDRAW, { problemId: copy }, { token: user.token })),
          ...users.slice(50).map((user) => t.gql.request(WITHDRAW, { problemId: original }, { token: user.token })),
        ]);
        expect(errorsOf(responses)).toEqual([]);
        for (const problemId of [original, copy]) {
          const { counter, rows } = await counted(problemId);
          expect(counter).toBe(rows);
        }
        expect(await counted(copy)).toEqual({ counter: 0, rows: 0 });
        const { rows } = await counted(original);
        // At least the reporter, users 30–49 (supported the copy, never withdrew) and 20–29 via the original.
        expect(rows).toBeGreaterThanOrEqual(31);
        expect(rows).toBeLessThanOrEqual(61);
      }
    });
  });

  describe('merges', () => {
    /** The problems' state: status and where each duplicate points. */
    const states = async (ids: string[]) => {
      const rows: { id: string; status: string; duplicate_of_id: string | null }[] = await t.dataSource.query(
        'SELECT id, status, duplicate_of_id FROM problems WHERE id = ANY($1::uuid[])',
        [ids],
      );
      return new Map(rows.map((row) => [row.id, row]));
    };

    /**
     * No duplicate of a duplicate; every "support that one instead" hint names an open problem;
     * counters equal their rows; and nobody's support was lost on the way.
     */
    const expectNoChains = async (ids: string[], supportersBefore: string[]) => {
      const found = await states(ids);
      const duplicates = [...found.values()].filter((row) => row.status === 'DUPLICATE');
      const survivors = [...found.values()].filter((row) => row.status !== 'DUPLICATE');
      expect(survivors.length).toBeGreaterThanOrEqual(1);
      for (const duplicate of duplicates) {
        expect(duplicate.duplicate_of_id).not.toBeNull();
        expect(OPEN).toContain(found.get(duplicate.duplicate_of_id as string)?.status);
        const hint = await t.gql.error(SUPPORT, { problemId: duplicate.id }, reporter.token);
        expect(hint.extensions).toMatchObject({ code: 'CONFLICT', currentStatus: 'DUPLICATE', duplicateOfId: duplicate.duplicate_of_id });
        const { problem } = await t.gql.ok<{ problem: { status: string; duplicateOf: { id: string; status: string } } }>(PROBLEM, { id: duplicate.id });
        expect(problem.duplicateOf.id).toBe(duplicate.duplicate_of_id);
        expect(OPEN).toContain(problem.duplicateOf.status);
      }
      for (const id of ids) {
        const { counter, rows } = await counted(id);
        expect(counter).toBe(rows);
        if (found.get(id)?.status === 'DUPLICATE') expect(rows).toBe(0);
      }
      expect(await supporters(survivors.map((row) => row.id))).toEqual(supportersBefore);
    };

    /** Three problems A, B and C, each with its own supporters and some shared. */
    const three = async () => {
      const ids = [await report('Graffiti on the underpass'), await report('Tags sprayed in the underpass'), await report('Underpass walls vandalised')];
      const users = await t.users(9);
      await Promise.all(
        users.flatMap((user, i) => ids.filter((_, p) => i % 3 === p || i === 8).map((problemId) => t.gql.ok(SUPPORT, { problemId }, user.token))),
      );
      return { ids, before: await supporters(ids) };
    };

    const merge = (problemId: string, duplicateOfId: string) =>
      t.gql.request<{ markDuplicate: { id: string; status: string; duplicateOf: { id: string } | null } }>(
        MARK_DUPLICATE,
        { input: { problemId, duplicateOfId } },
        { token: officer.token },
      );

    it('merges into the surviving problem when the target was merged itself, and moves earlier duplicates along', async () => {
      // B → C, then A → B: A goes to C.
      {
        const { ids, before } = await three();
        const [a, b, c] = ids;
        expect((await merge(b, c)).errors).toBeUndefined();
        const into = await merge(a, b);
        expect(into.errors).toBeUndefined();
        expect(into.data?.markDuplicate).toMatchObject({ id: a, status: 'DUPLICATE', duplicateOf: { id: c } });
        await expectNoChains(ids, before);
      }
      // A → B, then B → C: A follows B to C.
      {
        const { ids, before } = await three();
        const [a, b, c] = ids;
        expect((await merge(a, b)).errors).toBeUndefined();
        expect((await merge(b, c)).errors).toBeUndefined();
        const found = await states(ids);
        expect(found.get(a)).toMatchObject({ status: 'DUPLICATE', duplicate_of_id: c });
        expect(found.get(b)).toMatchObject({ status: 'DUPLICATE', duplicate_of_id: c });
        await expectNoChains(ids, before);
      }
      // A → B, then B → A: B is already merged into A's survivor, which is B itself.
      {
        const { ids, before } = await three();
        const [a, b] = ids;
        expect((await merge(a, b)).errors).toBeUndefined();
        const back = await merge(b, a);
        expect(back.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_MERGED_INTO_THIS' });
        await expectNoChains(ids, before);
      }
    });

    it('has a migration that points every duplicate left in a chain by earlier merges at the end of its chain', async () => {
      const ids = await Promise.all(Array.from({ length: 5 }, () => report()));
      const [a, b, c, d, e] = ids;
      // As merges used to leave them: a → b → c → d (open), and e → c. Raw SQL on purpose: this
      // tests a migration's backfill of chains the app no longer lets anyone make.
      for (const [from, to] of [
        [a, b],
        [b, c],
        [c, d],
        [e, c],
      ]) {
        await t.dataSource.query(`UPDATE problems SET status = 'DUPLICATE', duplicate_of_id = $2, support_count = 0 WHERE id = $1`, [from, to]);
        await t.dataSource.query('DELETE FROM problem_supports WHERE problem_id = $1', [from]);
      }
      const Flatten = MIGRATIONS.find((migration) => migration.name.startsWith('FlattenDuplicateChains'));
      expect(Flatten).toBeDefined();
      const runner = t.dataSource.createQueryRunner();
      try {
        for (let run = 0; run < 2; run++) {
          await new (Flatten as new () => { up(runner: unknown): Promise<void> })().up(runner);
          const found = await states(ids);
          expect([a, b, c, e].map((id) => found.get(id)?.duplicate_of_id)).toEqual([d, d, d, d]);
          expect(found.get(d)).toMatchObject({ status: 'REPORTED', duplicate_of_id: null });
        }
      } finally {
        await runner.release();
      }
      await expectNoChains(ids, await supporters(ids));
    });

    const races: [string, [number, number][]][] = [
      [
        'A→B while B→C',
        [
          [0, 1],
          [1, 2],
        ],
      ],
      [
        'B→C while A→B',
        [
          [1, 2],
          [0, 1],
        ],
      ],
      [
        'C→B while B→A',
        [
          [2, 1],
          [1, 0],
        ],
      ],
      [
        'B→A while C→B',
        [
          [1, 0],
          [2, 1],
        ],
      ],
      [
        'A→B while B→A',
        [
          [0, 1],
          [1, 0],
        ],
      ],
      [
        'A→C while B→A',
        [
          [0, 2],
          [1, 0],
        ],
      ],
      [
        'A→B, B→C and C→A at once',
        [
          [0, 1],
          [1, 2],
          [2, 0],
        ],
      ],
    ];
    it.each(races)('leaves no chain when %s, and every hint names an open problem', async (_, pairs) => {
      for (let round = 0; round < 4; round++) {
        const { ids, before } = await three();
        const responses = await Promise.all(pairs.map(([from, to]) => merge(ids[from], ids[to])));
        // Each merge either happened or was refused as a CONFLICT; none failed otherwise.
        for (const error of errorsOf(responses)) expect(error.extensions?.code).toBe('CONFLICT');
        expect(responses.some((response) => !response.errors)).toBe(true);
        await expectNoChains(ids, before);
      }
    });
  });

  describe('votes', () => {
    it('takes 100 voters double-clicking (UP, retract, DOWN at once) without an error, counting every row once', async () => {
      const problemId = await report('Cars parked on the pavement outside the school');
      const { proposeSolution } = await t.gql.ok<{ proposeSolution: { id: string } }>(
        PROPOSE,
        { input: { problemId, title: 'Bollards on the pavement', description: 'Two bollards by the gate.' } },
        reporter.token,
      );
      const solutionId = proposeSolution.id;
      const voters = await t.users(100);
      const responses = await Promise.all(
        voters.flatMap((voter) => [
          t.gql.request(CAST_VOTE, { input: { solutionId, value: 'UP' } }, { token: voter.token }),
          t.gql.request(RETRACT_VOTE, { solutionId }, { token: voter.token }),
          t.gql.request(CAST_VOTE, { input: { solutionId, value: 'DOWN' } }, { token: voter.token }),
        ]),
      );
      expect(errorsOf(responses)).toEqual([]);
      const [row]: { up: number; down: number; rows_up: number; rows_down: number }[] = await t.dataSource.query(
        `SELECT up_votes AS up, down_votes AS down,
                (SELECT count(*)::int FROM solution_votes WHERE solution_id = $1 AND value = 1) AS rows_up,
                (SELECT count(*)::int FROM solution_votes WHERE solution_id = $1 AND value = -1) AS rows_down
           FROM solutions WHERE id = $1`,
        [solutionId],
      );
      expect(row.up).toBe(row.rows_up);
      expect(row.down).toBe(row.rows_down);
      expect(row.rows_up + row.rows_down).toBeLessThanOrEqual(100);
    });
  });
});

const REPORT = `mutation ($input: ReportProblemInput!) { reportProblem(input: $input) { id } }`;
const PROBLEM = `query ($id: ID!) { problem(id: $id) { id status supportCount duplicateOf { id status } } }`;
const SUPPORT = `mutation ($problemId: ID!) { supportProblem(problemId: $problemId) { id supportCount viewerSupports } }`;
const WITHDRAW = `mutation ($problemId: ID!) { withdrawSupport(problemId: $problemId) { id supportCount viewerSupports } }`;
const MARK_DUPLICATE = `mutation ($input: MarkDuplicateInput!) { markDuplicate(input: $input) { id status duplicateOf { id } } }`;
const PROPOSE = `mutation ($input: ProposeSolutionInput!) { proposeSolution(input: $input) { id } }`;
const CAST_VOTE = `mutation ($input: CastVoteInput!) { castVote(input: $input) { id upVotes downVotes } }`;
const RETRACT_VOTE = `mutation ($solutionId: ID!) { retractVote(solutionId: $solutionId) { id upVotes downVotes } }`;
