import { Role } from '@common-ground/shared/auth';
import { wilsonLowerBound } from '@common-ground/solutions';
import { GraphQLErrorShape, ProblemStatusName, SolutionStatusName } from '@common-ground/shared/testing';
import { recordSql } from './support/sql-recorder';
import { TestApp, TestUser } from './support/test-app';

const FUNDING_GOAL_MAX = 100_000_000;
const UNKNOWN_ID = '01890000-0000-7000-8000-000000000000';
/** Flags hide only when they come from accounts older than MODERATION_FLAGGER_MIN_ACCOUNT_AGE_HOURS. */
const ESTABLISHED = { createdAt: new Date(Date.now() - 30 * 24 * 3600 * 1000) };

describe('solutions, votes, discussion and moderation', () => {
  let t: TestApp;
  let admin: TestUser;
  let supervisor: TestUser;
  let officer: TestUser;
  let moderator: TestUser;
  let resident: TestUser;
  let neighbour: TestUser;
  const centre = { lat: 51.5072, lng: -0.1276 };

  const codeOf = (error: GraphQLErrorShape) => error.extensions?.code;
  const fieldsOf = (error: GraphQLErrorShape) => ((error.extensions?.fields ?? []) as { field: string }[]).map((f) => f.field);

  const report = async (user: TestUser = resident, categoryCode = 'ANTISOCIAL_BEHAVIOUR'): Promise<string> => {
    const data = await t.gql.ok<{ reportProblem: { id: string } }>(
      REPORT,
      { input: { title: 'Dealing behind the library', description: 'Every evening after 8.', categoryCode, location: centre } },
      user.token,
    );
    return data.reportProblem.id;
  };
  const propose = async (user: TestUser, problemId: string, input: Record<string, unknown> = {}): Promise<Solution> => {
    const data = await t.gql.ok<{ proposeSolution: Solution }>(
      PROPOSE,
      { input: { problemId, title: 'Better lighting on the path', description: 'LED lamps and trimmed hedges.', ...input } },
      user.token,
    );
    return data.proposeSolution;
  };
  /** Walks a freshly reported problem to `status` through the API (factories), as an officer would. */
  const setProblemStatus = async (problemId: string, status: string) => {
    const stays = status === 'DUPLICATE' ? await t.make.problems.by(resident).titled('The report that stays').report() : undefined;
    await t.make.problems.walk({ id: problemId, reporter: resident, status: 'REPORTED' }, status as ProblemStatusName, { officer, duplicateOf: stays });
  };
  /**
   * Decides a fresh solution of a freshly reported problem through the API; adopting needs the
   * problem in ANALYSIS, so it is walked there first.
   */
  const setSolutionStatus = async (problemId: string, solutionId: string, status: string) => {
    if (status === 'ADOPTED' || status === 'IMPLEMENTED') await setProblemStatus(problemId, 'ANALYSIS');
    if (status === 'IMPLEMENTED') await t.make.solutions.decide({ id: solutionId }, 'ADOPTED', { by: officer });
    await t.make.solutions.decide({ id: solutionId }, status as SolutionStatusName, { by: officer, note: status === 'REJECTED' ? 'Not workable' : null });
  };
  const vote = (user: TestUser, solutionId: string, value: 'UP' | 'DOWN') =>
    t.gql.request<{ castVote: VoteResult }>(CAST_VOTE, { input: { solutionId, value } }, { token: user.token });
  const changeSolutionStatus = (user: TestUser | undefined, solutionId: string, status: string, note?: string) =>
    t.gql.request<{ changeSolutionStatus: Solution }>(CHANGE_SOLUTION_STATUS, { input: { solutionId, status, note } }, { token: user?.token });
  /** What the database holds: the vote rows counted, and the stored counters. */
  const stored = async (solutionId: string) => {
    const [row] = await t.dataSource.query(
      `SELECT s.up_votes, s.down_votes, s.score,
              (SELECT count(*)::int FROM solution_votes v WHERE v.solution_id = s.id AND v.value = 1) AS up_rows,
              (SELECT count(*)::int FROM solution_votes v WHERE v.solution_id = s.id AND v.value = -1) AS down_rows
         FROM solutions s WHERE s.id = $1`,
      [solutionId],
    );
    return row as { up_votes: number; down_votes: number; score: number; up_rows: number; down_rows: number };
  };
  const timeline = async (problemId: string) =>
    (await t.gql.ok<{ problem: { timeline: { edges: { node: TimelineNode }[] } } }>(TIMELINE, { id: problemId })).problem.timeline.edges.map((e) => e.node);

  beforeAll(async () => {
    t = await TestApp.start({ SOLUTION_FUNDING_GOAL_MAX_MINOR: String(FUNDING_GOAL_MAX) });
    ({ admin, supervisor, officer, moderator, resident, neighbour } = await t.make.users.cast({
      admin: 'Ada Admin',
      supervisor: 'Sam Supervisor',
      officer: 'Olu Officer',
      moderator: 'Mo Moderator',
      resident: 'Rita Resident',
      neighbour: 'Ned Neighbour',
    }));
  });
  afterAll(() => t.close());

  describe('proposeSolution', () => {
    it.each([Role.RESIDENT, Role.OFFICER, Role.SUPERVISOR, Role.MODERATOR, Role.ADMIN])('lets a %s propose, with a goal and capacity needs', async (role) => {
      const proposer = await t.user({ roles: [role], displayName: `Proposer ${role}` });
      const problemId = await report();
      const solution = await propose(proposer, problemId, {
        title: '  Youth club on Friday nights ',
        fundingGoal: { amountMinor: 1_234_567, currency: 'gbp' },
        capacityNeeds: [
          { kind: 'VOLUNTEER_HOURS', quantity: 40, unit: 'hours' },
          { kind: 'VENUE', quantity: 1 },
        ],
      });
      expect(solution).toMatchObject({
        title: 'Youth club on Friday nights',
        description: 'LED lamps and trimmed hedges.',
        status: 'PROPOSED',
        statusNote: null,
        upVotes: 0,
        downVotes: 0,
        score: 0,
        viewerVote: null,
        hidden: false,
        fundingGoal: { amountMinor: 1_234_567, currency: 'GBP' },
        proposer: { id: proposer.id, displayName: `Proposer ${role}` },
        organisation: null,
        problem: { id: problemId },
      });
      expect(solution.capacityNeeds.map(({ kind, quantity, unit }) => ({ kind, quantity, unit }))).toEqual([
        { kind: 'VOLUNTEER_HOURS', quantity: 40, unit: 'hours' },
        { kind: 'VENUE', quantity: 1, unit: null },
      ]);
      const [row] = await t.dataSource.query('SELECT funding_goal_minor::text AS goal, funding_currency FROM solutions WHERE id = $1', [solution.id]);
      expect(row).toEqual({ goal: '1234567', funding_currency: 'GBP' });
      const events = await timeline(problemId);
      expect(events.find((e) => e.kind === 'SOLUTION_PROPOSED')).toMatchObject({ subjectId: solution.id, actor: { id: proposer.id } });
    });

    it('refuses an anonymous proposal with UNAUTHENTICATED and stores nothing', async () => {
      const problemId = await report();
      const error = await t.gql.error(PROPOSE, { input: { problemId, title: 'Anonymous idea', description: '' } });
      expect(codeOf(error)).toBe('UNAUTHENTICATED');
      const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM solutions WHERE problem_id = $1', [problemId]);
      expect(n).toBe(0);
    });

    it('proposes on behalf of an organisation only for its members (else FORBIDDEN)', async () => {
      const owner = await t.user({ displayName: 'Org Owner' });
      const member = await t.user({ displayName: 'Org Member' });
      const { createOrganisation } = await t.gql.ok<{ createOrganisation: { id: string } }>(
        CREATE_ORGANISATION,
        { input: { name: 'Library Friends', description: 'We run the library garden.' } },
        owner.token,
      );
      const organisationId = createOrganisation.id;
      await t.gql.ok(ADD_MEMBER, { input: { organisationId, userId: member.id, role: 'MEMBER' } }, owner.token);
      const problemId = await report();

      for (const user of [owner, member]) {
        const solution = await propose(user, problemId, { organisationId });
        expect(solution.organisation).toEqual({ id: organisationId, name: 'Library Friends' });
        expect(solution.proposer.id).toBe(user.id);
      }
      const stranger = await t.gql.error(PROPOSE, { input: { problemId, title: 'Not my club', description: '', organisationId } }, neighbour.token);
      expect(stranger.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_AN_ORGANISATION_MEMBER' });
      const unknown = await t.gql.error(PROPOSE, { input: { problemId, title: 'Ghost club', description: '', organisationId: UNKNOWN_ID } }, neighbour.token);
      expect(codeOf(unknown)).toBe('NOT_FOUND');
      const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM solutions WHERE problem_id = $1 AND organisation_id IS NOT NULL', [problemId]);
      expect(n).toBe(2);
    });

    it.each([
      ['an empty title', ['input.title'], { title: '' }],
      ['a blank title', ['input.title'], { title: '   ' }],
      ['a 5,001-character description', ['input.description'], { description: 'x'.repeat(5001) }],
      ['a negative goal', ['input.fundingGoal.amountMinor'], { fundingGoal: { amountMinor: -500, currency: 'EUR' } }],
      ['a zero goal', ['input.fundingGoal.amountMinor'], { fundingGoal: { amountMinor: 0, currency: 'EUR' } }],
      ['an unknown currency', ['input.fundingGoal.currency'], { fundingGoal: { amountMinor: 1000, currency: 'XYZ' } }],
      ['a currency that is not a code', ['input.fundingGoal.currency'], { fundingGoal: { amountMinor: 1000, currency: 'EURO' } }],
      ['a goal over the maximum', ['input.fundingGoal.amountMinor'], { fundingGoal: { amountMinor: FUNDING_GOAL_MAX + 1, currency: 'EUR' } }],
      ['a zero capacity quantity', ['input.capacityNeeds.0.quantity'], { capacityNeeds: [{ kind: 'VOLUNTEER_HOURS', quantity: 0 }] }],
      [
        'a blank kind and a negative quantity',
        ['input.capacityNeeds.1.kind', 'input.capacityNeeds.1.quantity'],
        {
          capacityNeeds: [
            { kind: 'VENUE', quantity: 1 },
            { kind: ' ', quantity: -3 },
          ],
        },
      ],
      ['a malformed problem id', ['input.problemId'], { problemId: 'not-a-uuid' }],
    ])('refuses %s as BAD_USER_INPUT naming %j', async (_label, fields, override) => {
      const problemId = await report();
      const error = await t.gql.error(PROPOSE, { input: { problemId, title: 'A fine title', description: 'Text', ...override } }, resident.token);
      expect(codeOf(error)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(error).sort()).toEqual([...fields].sort());
      const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM solutions WHERE problem_id = $1', [problemId]);
      expect(n).toBe(0);
    });

    it('accepts a goal exactly at the configured maximum, and refuses an amount that is not a safe integer', async () => {
      const problemId = await report();
      const atCap = await propose(resident, problemId, { fundingGoal: { amountMinor: FUNDING_GOAL_MAX, currency: 'JPY' } });
      expect(atCap.fundingGoal).toEqual({ amountMinor: FUNDING_GOAL_MAX, currency: 'JPY' });
      const unsafe = await t.gql.request(PROPOSE_UNSAFE_AMOUNT, { problemId }, { token: resident.token });
      expect(unsafe.errors?.[0]?.extensions?.code).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
      expect(unsafe.data ?? null).toBeNull();
    });

    it.each(['RESOLVED', 'DUPLICATE', 'REJECTED'])('refuses proposals on a %s problem with CONFLICT', async (status) => {
      const problemId = await report();
      await setProblemStatus(problemId, status);
      // A RESOLVED problem got there with the solution adopted on the way (the gate): the refused
      // proposal adds nothing to what it had.
      const counts = () =>
        t.dataSource.query('SELECT solution_count, (SELECT count(*)::int FROM solutions WHERE problem_id = $1) AS n FROM problems WHERE id = $1', [problemId]);
      const [before] = await counts();
      const error = await t.gql.error(PROPOSE, { input: { problemId, title: 'Too late', description: '' } }, resident.token);
      expect(error.extensions).toMatchObject({ code: 'CONFLICT', reason: 'PROBLEM_CLOSED_FOR_SOLUTIONS', problemStatus: status });
      const [row] = await counts();
      expect(row).toEqual(status === 'RESOLVED' ? { solution_count: 1, n: 1 } : { solution_count: 0, n: 0 });
      expect(row).toEqual(before);
    });

    it('counts 30 proposals sent at once exactly, and answers totalCount alone without reading solutions', async () => {
      const problemId = await report();
      const proposers = await t.users(30);
      await Promise.all(proposers.map((user, i) => propose(user, problemId, { title: `Idea ${i}` })));
      const [row] = await t.dataSource.query(
        'SELECT solution_count, (SELECT count(*)::int FROM solutions WHERE problem_id = $1) AS n FROM problems WHERE id = $1',
        [problemId],
      );
      expect(row).toEqual({ solution_count: 30, n: 30 });
      const { result, queries } = await recordSql(t.dataSource, () =>
        t.gql.ok<{ problem: { solutions: { totalCount: number } } }>(`query ($id: ID!) { problem(id: $id) { id solutions(first: 1) { totalCount } } }`, {
          id: problemId,
        }),
      );
      expect(result.problem.solutions.totalCount).toBe(30);
      expect(queries.filter((q) => /solutions/.test(q.query))).toEqual([]);
      const paged = await t.gql.ok<{ problem: { solutions: { totalCount: number; edges: unknown[]; pageInfo: { hasNextPage: boolean } } } }>(
        `query ($id: ID!) { problem(id: $id) { solutions(first: 25) { totalCount edges { cursor } pageInfo { hasNextPage } } } }`,
        { id: problemId },
      );
      expect(paged.problem.solutions).toMatchObject({ totalCount: 30, pageInfo: { hasNextPage: true } });
      expect(paged.problem.solutions.edges).toHaveLength(25);
    });

    it('takes proposals in every open status, and reports an unknown problem as NOT_FOUND', async () => {
      for (const status of ['REPORTED', 'SCANNING', 'ANALYSIS', 'RESPONSE', 'ASSESSMENT']) {
        const problemId = await report();
        await setProblemStatus(problemId, status);
        expect((await propose(resident, problemId)).status).toBe('PROPOSED');
      }
      const error = await t.gql.error(PROPOSE, { input: { problemId: UNKNOWN_ID, title: 'Nowhere', description: '' } }, resident.token);
      expect(codeOf(error)).toBe('NOT_FOUND');
    });

    it('reads a solution publicly, and answers null for an unknown id', async () => {
      const solution = await propose(resident, await report());
      const { solution: read } = await t.gql.ok<{ solution: Solution }>(SOLUTION, { id: solution.id });
      expect(read).toMatchObject({ id: solution.id, title: 'Better lighting on the path', proposer: { id: resident.id }, viewerVote: null });
      expect(await t.gql.ok(SOLUTION, { id: UNKNOWN_ID })).toEqual({ solution: null });
      expect(codeOf(await t.gql.error(SOLUTION, { id: 'nope' }))).toBe('BAD_USER_INPUT');
    });
  });

  describe('castVote and retractVote', () => {
    it.each([Role.RESIDENT, Role.OFFICER, Role.SUPERVISOR, Role.MODERATOR, Role.ADMIN])('lets a %s vote and retract', async (role) => {
      const voter = await t.user({ roles: [role] });
      const solution = await propose(resident, await report());
      const cast = await vote(voter, solution.id, 'UP');
      expect(cast.data?.castVote).toEqual({ id: solution.id, upVotes: 1, downVotes: 0, score: expect.closeTo(wilsonLowerBound(1, 0), 12), viewerVote: 'UP' });
      const retracted = await t.gql.ok<{ retractVote: VoteResult }>(RETRACT_VOTE, { solutionId: solution.id }, voter.token);
      expect(retracted.retractVote).toEqual({ id: solution.id, upVotes: 0, downVotes: 0, score: 0, viewerVote: null });
    });

    it('refuses anonymous votes and retractions with UNAUTHENTICATED', async () => {
      const solution = await propose(resident, await report());
      expect(codeOf(await t.gql.error(CAST_VOTE, { input: { solutionId: solution.id, value: 'UP' } }))).toBe('UNAUTHENTICATED');
      expect(codeOf(await t.gql.error(RETRACT_VOTE, { solutionId: solution.id }))).toBe('UNAUTHENTICATED');
      expect(await stored(solution.id)).toMatchObject({ up_votes: 0, down_votes: 0, up_rows: 0, down_rows: 0 });
    });

    it('refuses a vote on your own solution with FORBIDDEN', async () => {
      const solution = await propose(resident, await report());
      const error = (await vote(resident, solution.id, 'UP')).errors?.[0];
      expect(error?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OWN_SOLUTION' });
      expect(await stored(solution.id)).toMatchObject({ up_votes: 0, up_rows: 0 });
    });

    it('reports an unknown solution as NOT_FOUND and a malformed id as BAD_USER_INPUT', async () => {
      expect((await vote(neighbour, UNKNOWN_ID, 'UP')).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const malformed = await t.gql.error(CAST_VOTE, { input: { solutionId: 'x', value: 'UP' } }, neighbour.token);
      expect(fieldsOf(malformed)).toEqual(['input.solutionId']);
      expect(codeOf(await t.gql.error(RETRACT_VOTE, { solutionId: 'x' }, neighbour.token))).toBe('BAD_USER_INPUT');
    });

    it('keeps counters exact through repeat, switch and retract', async () => {
      const solution = await propose(resident, await report());
      const other = await t.user();
      const steps: [TestUser, 'UP' | 'DOWN' | 'RETRACT', { up: number; down: number; viewer: string | null }][] = [
        [neighbour, 'UP', { up: 1, down: 0, viewer: 'UP' }],
        [neighbour, 'UP', { up: 1, down: 0, viewer: 'UP' }],
        [other, 'UP', { up: 2, down: 0, viewer: 'UP' }],
        [neighbour, 'DOWN', { up: 1, down: 1, viewer: 'DOWN' }],
        [neighbour, 'DOWN', { up: 1, down: 1, viewer: 'DOWN' }],
        [other, 'RETRACT', { up: 0, down: 1, viewer: null }],
        [other, 'RETRACT', { up: 0, down: 1, viewer: null }],
        [neighbour, 'UP', { up: 1, down: 0, viewer: 'UP' }],
        [neighbour, 'RETRACT', { up: 0, down: 0, viewer: null }],
      ];
      for (const [user, action, expected] of steps) {
        const result =
          action === 'RETRACT'
            ? (await t.gql.ok<{ retractVote: VoteResult }>(RETRACT_VOTE, { solutionId: solution.id }, user.token)).retractVote
            : (await t.gql.ok<{ castVote: VoteResult }>(CAST_VOTE, { input: { solutionId: solution.id, value: action } }, user.token)).castVote;
        expect(result).toEqual({
          id: solution.id,
          upVotes: expected.up,
          downVotes: expected.down,
          score: expect.closeTo(wilsonLowerBound(expected.up, expected.down), 12),
          viewerVote: expected.viewer,
        });
        expect(await stored(solution.id)).toMatchObject({
          up_votes: expected.up,
          down_votes: expected.down,
          up_rows: expected.up,
          down_rows: expected.down,
        });
      }
    });

    it('counts 200 users voting at once exactly: 200 rows and matching counters', async () => {
      const solution = await propose(resident, await report());
      const voters = await t.users(200);
      const results = await Promise.all(voters.map((voter, i) => vote(voter, solution.id, i % 4 === 0 ? 'DOWN' : 'UP')));
      expect(results.filter((r) => r.errors)).toEqual([]);
      expect(await stored(solution.id)).toEqual({
        up_votes: 150,
        down_votes: 50,
        score: expect.closeTo(wilsonLowerBound(150, 50), 12),
        up_rows: 150,
        down_rows: 50,
      });
      const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM solution_votes WHERE solution_id = $1', [solution.id]);
      expect(n).toBe(200);
      const { solution: read } = await t.gql.ok<{ solution: Solution }>(SOLUTION, { id: solution.id }, voters[0].token);
      expect(read).toMatchObject({ upVotes: 150, downVotes: 50, viewerVote: 'DOWN' });
      expect(read.score).toBeCloseTo(wilsonLowerBound(150, 50), 12);
    });

    it('keeps one vote when one user sends 30 votes at once', async () => {
      const solution = await propose(resident, await report());
      const voter = await t.user();
      const results = await Promise.all(Array.from({ length: 30 }, (_, i) => vote(voter, solution.id, i % 2 ? 'DOWN' : 'UP')));
      expect(results.filter((r) => r.errors)).toEqual([]);
      const rows: { value: number }[] = await t.dataSource.query('SELECT value FROM solution_votes WHERE solution_id = $1 AND user_id = $2', [
        solution.id,
        voter.id,
      ]);
      expect(rows).toHaveLength(1);
      const up = rows[0].value === 1 ? 1 : 0;
      expect(await stored(solution.id)).toMatchObject({ up_votes: up, down_votes: 1 - up, up_rows: up, down_rows: 1 - up });
      // and the same user retracting 30 times at once removes it once
      await Promise.all(Array.from({ length: 30 }, () => t.gql.ok(RETRACT_VOTE, { solutionId: solution.id }, voter.token)));
      expect(await stored(solution.id)).toMatchObject({ up_votes: 0, down_votes: 0, up_rows: 0, down_rows: 0 });
    });

    it('keeps counters exact when many users switch and retract at once', async () => {
      const solution = await propose(resident, await report());
      const voters = await t.users(40);
      await Promise.all(voters.map((voter) => vote(voter, solution.id, 'UP')));
      await Promise.all(
        voters.map((voter, i) =>
          i % 2 === 0 ? vote(voter, solution.id, 'DOWN') : t.gql.request(RETRACT_VOTE, { solutionId: solution.id }, { token: voter.token }),
        ),
      );
      expect(await stored(solution.id)).toMatchObject({ up_votes: 0, down_votes: 20, up_rows: 0, down_rows: 20 });
    });

    it.each(['REJECTED', 'IMPLEMENTED'])('closes voting on a %s solution with CONFLICT', async (status) => {
      const problemId = await report();
      const solution = await propose(resident, problemId);
      await vote(neighbour, solution.id, 'UP');
      await setSolutionStatus(problemId, solution.id, status);
      for (const response of [
        await vote(neighbour, solution.id, 'DOWN'),
        await t.gql.request(RETRACT_VOTE, { solutionId: solution.id }, { token: neighbour.token }),
      ]) {
        expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'VOTING_CLOSED', currentStatus: status });
      }
      const fresh = await t.user();
      expect((await vote(fresh, solution.id, 'UP')).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'VOTING_CLOSED' });
      expect(await stored(solution.id)).toMatchObject({ up_votes: 1, down_votes: 0, up_rows: 1, down_rows: 0 });
    });

    it.each(['SHORTLISTED', 'ADOPTED'])('keeps voting open on a %s solution', async (status) => {
      const problemId = await report();
      const solution = await propose(resident, problemId);
      await setSolutionStatus(problemId, solution.id, status);
      expect((await vote(neighbour, solution.id, 'UP')).data?.castVote.upVotes).toBe(1);
    });
  });

  describe('changeSolutionStatus', () => {
    const solutionOnProblemIn = async (problemStatus: string) => {
      const problemId = await report();
      const solution = await propose(resident, problemId);
      await setProblemStatus(problemId, problemStatus);
      return { problemId, solution };
    };

    it.each([
      ['an OFFICER', () => officer],
      ['a SUPERVISOR', () => supervisor],
      ['an ADMIN', () => admin],
    ])('lets %s shortlist, adopt and mark implemented', async (_name, caller) => {
      const { problemId, solution } = await solutionOnProblemIn('ANALYSIS');
      for (const status of ['SHORTLISTED', 'ADOPTED', 'IMPLEMENTED']) {
        const result = await changeSolutionStatus(caller(), solution.id, status, `Now ${status}`);
        expect(result.data?.changeSolutionStatus).toMatchObject({ id: solution.id, status, statusNote: `Now ${status}` });
      }
      const events = (await timeline(problemId)).filter((e) => e.subjectId === solution.id);
      expect(events.map((e) => [e.kind, e.note, e.actor?.id])).toEqual([
        ['SOLUTION_PROPOSED', null, resident.id],
        ['SOLUTION_STATUS_CHANGED', 'PROPOSED → SHORTLISTED: Now SHORTLISTED', caller().id],
        ['SOLUTION_ADOPTED', 'Now ADOPTED', caller().id],
        ['SOLUTION_STATUS_CHANGED', 'ADOPTED → IMPLEMENTED: Now IMPLEMENTED', caller().id],
      ]);
    });

    it.each([
      ['a RESIDENT', () => resident, 'FORBIDDEN'],
      ['a MODERATOR', () => moderator, 'FORBIDDEN'],
      ['an anonymous caller', () => undefined, 'UNAUTHENTICATED'],
    ])('refuses %s', async (_name, caller, code) => {
      const { solution } = await solutionOnProblemIn('ANALYSIS');
      const response = await changeSolutionStatus(caller(), solution.id, 'ADOPTED');
      expect(response.errors?.[0]?.extensions?.code).toBe(code);
      const [{ status }] = await t.dataSource.query('SELECT status FROM solutions WHERE id = $1', [solution.id]);
      expect(status).toBe('PROPOSED');
    });

    it('makes every legal move and refuses every other with CONFLICT naming both statuses', async () => {
      const legal: Record<string, string[]> = {
        PROPOSED: ['SHORTLISTED', 'ADOPTED', 'REJECTED'],
        SHORTLISTED: ['ADOPTED', 'REJECTED'],
        ADOPTED: ['IMPLEMENTED', 'REJECTED'],
        REJECTED: [],
        IMPLEMENTED: [],
      };
      const statuses = Object.keys(legal);
      const { problemId } = await solutionOnProblemIn('RESPONSE');
      for (const from of statuses) {
        for (const to of statuses) {
          // A fresh solution brought to `from` through the API for each move.
          const solution = await t.make.solutions
            .by(resident)
            .on({ id: problemId })
            .decidedBy(officer)
            .inStatus(from as SolutionStatusName);
          const response = await changeSolutionStatus(officer, solution.id, to, 'Reason given');
          if (legal[from].includes(to)) {
            expect(response.data?.changeSolutionStatus.status).toBe(to);
          } else {
            expect(response.errors?.[0]?.extensions).toMatchObject({
              code: 'CONFLICT',
              reason: 'ILLEGAL_STATUS_MOVE',
              currentStatus: from,
              requestedStatus: to,
              allowedStatuses: legal[from],
            });
          }
        }
      }
    });

    it('requires a note to reject', async () => {
      const { solution } = await solutionOnProblemIn('ANALYSIS');
      for (const note of [undefined, '   ']) {
        const error = (await changeSolutionStatus(officer, solution.id, 'REJECTED', note)).errors?.[0];
        expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.note' }] });
      }
      const rejected = await changeSolutionStatus(officer, solution.id, 'REJECTED', 'Referred to the council');
      expect(rejected.data?.changeSolutionStatus).toMatchObject({ status: 'REJECTED', statusNote: 'Referred to the council' });
    });

    it.each(['REPORTED', 'SCANNING', 'ASSESSMENT', 'RESOLVED'])('adopts only while the problem is in ANALYSIS or RESPONSE (not %s)', async (problemStatus) => {
      const { solution } = await solutionOnProblemIn(problemStatus);
      const error = (await changeSolutionStatus(officer, solution.id, 'ADOPTED')).errors?.[0];
      expect(error?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'PROBLEM_NOT_ADOPTABLE', problemStatus });
      expect((await changeSolutionStatus(officer, solution.id, 'SHORTLISTED')).data?.changeSolutionStatus.status).toBe('SHORTLISTED');
    });

    it('reports an unknown solution as NOT_FOUND', async () => {
      expect((await changeSolutionStatus(officer, UNKNOWN_ID, 'SHORTLISTED')).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    });
  });

  describe('the SARA gate', () => {
    it('moves a problem from ANALYSIS to RESPONSE only with an adopted solution and a recorded analysis', async () => {
      const problemId = await report();
      const move = (status: string) =>
        t.gql.request<{ changeProblemStatus: { status: string } }>(CHANGE_PROBLEM_STATUS, { input: { problemId, status } }, { token: officer.token });
      expect((await move('SCANNING')).data?.changeProblemStatus.status).toBe('SCANNING');
      expect((await move('ANALYSIS')).data?.changeProblemStatus.status).toBe('ANALYSIS');
      const solution = await propose(neighbour, problemId);

      const bare = (await move('RESPONSE')).errors?.[0];
      expect(bare?.extensions?.code).toBe('CONFLICT');
      expect(bare?.extensions?.reason).toBe('SARA_GATE_BLOCKED');
      expect([...(bare?.extensions?.blockers as string[])].sort()).toEqual(['SARA_GATE_ANALYSIS_MISSING', 'SARA_GATE_NO_ADOPTED_SOLUTION']);

      await t.gql.ok(
        RECORD_ANALYSIS,
        { input: { problemId, place: 'The unlit path behind the library', hypothesis: 'No guardians after dark' } },
        officer.token,
      );
      const analysed = (await move('RESPONSE')).errors?.[0];
      expect(analysed?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'SARA_GATE_BLOCKED', blockers: ['SARA_GATE_NO_ADOPTED_SOLUTION'] });

      await changeSolutionStatus(officer, solution.id, 'SHORTLISTED');
      expect((await move('RESPONSE')).errors?.[0]?.extensions?.blockers).toEqual(['SARA_GATE_NO_ADOPTED_SOLUTION']);

      expect((await changeSolutionStatus(officer, solution.id, 'ADOPTED')).data?.changeSolutionStatus.status).toBe('ADOPTED');
      expect((await move('RESPONSE')).data?.changeProblemStatus.status).toBe('RESPONSE');
      const kinds = (await timeline(problemId)).map((e) => e.kind);
      expect(kinds.indexOf('SOLUTION_ADOPTED')).toBeLessThan(kinds.lastIndexOf('STATUS_CHANGED'));
    });

    it('does not count an adopted solution that was rejected since', async () => {
      const problemId = await report();
      await setProblemStatus(problemId, 'ANALYSIS');
      await t.gql.ok(RECORD_ANALYSIS, { input: { problemId, offender: 'Two dealers' } }, officer.token);
      const solution = await propose(neighbour, problemId);
      await changeSolutionStatus(officer, solution.id, 'ADOPTED');
      await changeSolutionStatus(officer, solution.id, 'REJECTED', 'Funding fell through');
      const error = await t.gql.error(CHANGE_PROBLEM_STATUS, { input: { problemId, status: 'RESPONSE' } }, officer.token);
      expect(error.extensions).toMatchObject({ code: 'CONFLICT', reason: 'SARA_GATE_BLOCKED', blockers: ['SARA_GATE_NO_ADOPTED_SOLUTION'] });
    });
  });

  describe('ranking', () => {
    it('orders TOP by the Wilson lower bound (95 of 100 beats 3 of 3), NEWEST by time, and pages with cursors', async () => {
      const problemId = await report();
      const voters = await t.users(100);
      const plan: [string, number, number][] = [
        ['A three of three', 3, 0],
        ['B ninety-five of a hundred', 95, 5],
        ['C ten and ten', 10, 10],
        ['D no votes', 0, 0],
        ['E two down', 0, 2],
        ['F one up', 1, 0],
      ];
      const ids: Record<string, string> = {};
      for (const [title, up, down] of plan) {
        const solution = await propose(resident, problemId, { title });
        ids[title[0]] = solution.id;
        const results = await Promise.all([
          ...voters.slice(0, up).map((v) => vote(v, solution.id, 'UP')),
          ...voters.slice(up, up + down).map((v) => vote(v, solution.id, 'DOWN')),
        ]);
        expect(results.filter((r) => r.errors)).toEqual([]);
      }
      const page = async (orderBy?: string, first?: number, after?: string | null) =>
        (await t.gql.ok<{ problem: { solutions: SolutionPage } }>(PROBLEM_SOLUTIONS, { id: problemId, orderBy, first, after })).problem.solutions;

      const top = await page();
      expect(top.edges.map((e) => e.node.title?.[0])).toEqual(['B', 'A', 'C', 'F', 'E', 'D']);
      expect(top.totalCount).toBe(6);
      expect(top.pageInfo.hasNextPage).toBe(false);
      for (const { node } of top.edges) {
        const [, up, down] = plan.find(([title]) => title === node.title) as [string, number, number];
        expect([node.upVotes, node.downVotes]).toEqual([up, down]);
        expect(node.score).toBeCloseTo(wilsonLowerBound(up, down), 12);
      }

      const newest = await page('NEWEST');
      expect(newest.edges.map((e) => e.node.title?.[0])).toEqual(['F', 'E', 'D', 'C', 'B', 'A']);

      for (const orderBy of ['TOP', 'NEWEST']) {
        const seen: string[] = [];
        let after: string | null = null;
        let pages = 0;
        do {
          const result: SolutionPage = await page(orderBy, 4, after);
          expect(result.totalCount).toBe(6);
          seen.push(...result.edges.map((e) => e.node.title?.[0] ?? '?'));
          after = result.pageInfo.hasNextPage ? result.pageInfo.endCursor : null;
          pages++;
        } while (after && pages < 5);
        expect(pages).toBe(2);
        expect(seen).toEqual(orderBy === 'TOP' ? ['B', 'A', 'C', 'F', 'E', 'D'] : ['F', 'E', 'D', 'C', 'B', 'A']);
      }

      // A vote moves a solution up at once: three more UP votes lift F (4 of 4) above A (3 of 3)
      await Promise.all(voters.slice(90, 93).map((v) => vote(v, ids['F'], 'UP')));
      expect((await page('TOP', 3)).edges.map((e) => e.node.title?.[0])).toEqual(['B', 'F', 'A']);
    });

    it('refuses a page size over 100 and a foreign cursor as BAD_USER_INPUT', async () => {
      const problemId = await report();
      const tooMany = await t.gql.error(PROBLEM_SOLUTIONS, { id: problemId, first: 101 });
      expect(codeOf(tooMany)).toBe('BAD_USER_INPUT');
      const badCursor = await t.gql.error(PROBLEM_SOLUTIONS, { id: problemId, after: 'bm90IGEgY3Vyc29y' });
      expect(badCursor.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'after' }] });
    });
  });

  describe('discussion', () => {
    it('adds comments and replies on problems and solutions, oldest first, official for officers and supervisors', async () => {
      const problemId = await report();
      const solution = await propose(neighbour, problemId);
      const add = async (user: TestUser, input: Record<string, unknown>) =>
        (await t.gql.ok<{ addComment: CommentNode }>(ADD_COMMENT, { input }, user.token)).addComment;

      const first = await add(resident, { problemId, body: '  It is worse on Fridays.\r\n\u0007Every week. ' });
      expect(first).toMatchObject({ body: 'It is worse on Fridays.\nEvery week.', official: false, hidden: false, author: { id: resident.id }, parent: null });
      const officerReply = await add(officer, { problemId, parentId: first.id, body: 'We will patrol on Fridays from next week.' });
      expect(officerReply).toMatchObject({ official: true, parent: { id: first.id }, author: { id: officer.id } });
      const supervisorNote = await add(supervisor, { problemId, body: 'This is now a priority for the local team.' });
      expect(supervisorNote.official).toBe(true);
      for (const user of [moderator, admin, neighbour]) {
        expect((await add(user, { problemId, body: `Comment by ${user.displayName}` })).official).toBe(false);
      }
      const onSolution = await add(resident, { solutionId: solution.id, body: 'Would the lamps be on timers?' });
      const answer = await add(neighbour, { solutionId: solution.id, parentId: onSolution.id, body: 'Yes, dusk to dawn.' });
      const officialOnSolution = await add(officer, { solutionId: solution.id, body: 'The council will fund half of it.' });
      expect(officialOnSolution.official).toBe(true);

      const { problem } = await t.gql.ok<{ problem: { comments: CommentPage } }>(PROBLEM_COMMENTS, { id: problemId });
      expect(problem.comments.totalCount).toBe(6);
      expect(problem.comments.edges.map((e) => e.node.id)).toEqual([
        first.id,
        officerReply.id,
        supervisorNote.id,
        ...problem.comments.edges.slice(3).map((e) => e.node.id),
      ]);
      expect(problem.comments.edges.slice(3).map((e) => e.node.author.id)).toEqual([moderator.id, admin.id, neighbour.id]);
      const { solution: read } = await t.gql.ok<{ solution: { comments: CommentPage } }>(SOLUTION_COMMENTS, { id: solution.id });
      expect(read.comments.edges.map((e) => [e.node.id, e.node.parent?.id ?? null])).toEqual([
        [onSolution.id, null],
        [answer.id, onSolution.id],
        [officialOnSolution.id, null],
      ]);

      // Official comments are official responses on the problem's timeline, without their text
      const responses = (await timeline(problemId)).filter((e) => e.kind === 'OFFICIAL_RESPONSE');
      expect(responses.map((e) => [e.subjectId, e.actor?.id, e.note])).toEqual([
        [officerReply.id, officer.id, null],
        [supervisorNote.id, supervisor.id, null],
        [officialOnSolution.id, officer.id, null],
      ]);

      // Pages, oldest first
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const page: { problem: { comments: CommentPage } } = await t.gql.ok(PROBLEM_COMMENTS, { id: problemId, first: 4, after });
        seen.push(...page.problem.comments.edges.map((e) => e.node.id));
        after = page.problem.comments.pageInfo.hasNextPage ? page.problem.comments.pageInfo.endCursor : null;
      } while (after);
      expect(seen).toEqual(problem.comments.edges.map((e) => e.node.id));
    });

    it('refuses anonymous comments with UNAUTHENTICATED', async () => {
      const problemId = await report();
      expect(codeOf(await t.gql.error(ADD_COMMENT, { input: { problemId, body: 'Hello' } }))).toBe('UNAUTHENTICATED');
    });

    it('needs exactly one target', async () => {
      const problemId = await report();
      const solution = await propose(neighbour, problemId);
      for (const input of [{ body: 'Nowhere' }, { problemId, solutionId: solution.id, body: 'Both' }]) {
        const error = await t.gql.error(ADD_COMMENT, { input }, resident.token);
        expect(codeOf(error)).toBe('BAD_USER_INPUT');
        expect(fieldsOf(error)).toEqual(['input.problemId', 'input.solutionId']);
      }
    });

    it('takes replies one level deep and on the same target only', async () => {
      const problemId = await report();
      const otherProblemId = await report();
      const solution = await propose(neighbour, problemId);
      const top = (await t.gql.ok<{ addComment: CommentNode }>(ADD_COMMENT, { input: { problemId, body: 'Top' } }, resident.token)).addComment;
      const reply = (await t.gql.ok<{ addComment: CommentNode }>(ADD_COMMENT, { input: { problemId, parentId: top.id, body: 'Reply' } }, neighbour.token))
        .addComment;
      const cases: [Record<string, unknown>, string][] = [
        [{ problemId, parentId: reply.id, body: 'Reply to a reply' }, 'COMMENT_PARENT_IS_REPLY'],
        [{ problemId: otherProblemId, parentId: top.id, body: 'Elsewhere' }, 'COMMENT_PARENT_ELSEWHERE'],
        [{ solutionId: solution.id, parentId: top.id, body: 'On the solution' }, 'COMMENT_PARENT_ELSEWHERE'],
      ];
      for (const [input, reason] of cases) {
        const error = await t.gql.error(ADD_COMMENT, { input }, resident.token);
        expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason, fields: [{ field: 'input.parentId' }] });
      }
      expect((await t.gql.error(ADD_COMMENT, { input: { problemId, parentId: UNKNOWN_ID, body: 'Ghost' } }, resident.token)).extensions).toMatchObject({
        code: 'NOT_FOUND',
        reason: 'COMMENT_PARENT_NOT_FOUND',
      });
      expect(codeOf(await t.gql.error(ADD_COMMENT, { input: { problemId: UNKNOWN_ID, body: 'Ghost' } }, resident.token))).toBe('NOT_FOUND');
      expect(codeOf(await t.gql.error(ADD_COMMENT, { input: { solutionId: UNKNOWN_ID, body: 'Ghost' } }, resident.token))).toBe('NOT_FOUND');
      const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM comments WHERE problem_id = $1 OR solution_id = $2', [problemId, solution.id]);
      expect(n).toBe(2);
    });

    it.each([
      ['an empty body', ''],
      ['a blank body', ' \n\t '],
      ['a 10,001-character body', 'x'.repeat(10_001)],
    ])('refuses %s, naming input.body', async (_label, body) => {
      const problemId = await report();
      const error = await t.gql.error(ADD_COMMENT, { input: { problemId, body } }, resident.token);
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.body' }] });
    });

    it('accepts a 5,000-character body', async () => {
      const problemId = await report();
      const { addComment } = await t.gql.ok<{ addComment: CommentNode }>(ADD_COMMENT, { input: { problemId, body: 'y'.repeat(5000) } }, resident.token);
      expect(addComment.body).toHaveLength(5000);
    });
  });

  describe('moderation', () => {
    const flag = (user: TestUser, input: Record<string, unknown>) =>
      t.gql.request<{ flagContent: boolean }>(FLAG, { input: { reason: 'Abusive', ...input } }, { token: user.token });
    const moderate = (user: TestUser | undefined, input: Record<string, unknown>) =>
      t.gql.request<{ moderateContent: boolean }>(MODERATE, { input: { reason: 'Reviewed', ...input } }, { token: user?.token });
    const commentAs = async (viewer: TestUser | undefined, problemId: string, id: string) => {
      const { problem } = await t.gql.ok<{ problem: { comments: CommentPage } }>(PROBLEM_COMMENTS, { id: problemId }, viewer?.token);
      return problem.comments.edges.find((e) => e.node.id === id)?.node;
    };

    it('hides a comment flagged by 3 distinct users, shows it to moderators and its author, and a moderator restores it', async () => {
      const problemId = await report();
      const author = await t.user({ displayName: 'Loud Author' });
      const { addComment: comment } = await t.gql.ok<{ addComment: CommentNode }>(ADD_COMMENT, { input: { problemId, body: 'Something rude' } }, author.token);
      const [f1, f2, f3] = await t.users(3, ESTABLISHED);

      expect((await flag(f1, { commentId: comment.id })).data).toEqual({ flagContent: true });
      expect((await flag(f1, { commentId: comment.id, reason: 'Again' })).data).toEqual({ flagContent: true });
      expect((await flag(f1, { commentId: comment.id })).data).toEqual({ flagContent: true });
      expect((await flag(f2, { commentId: comment.id })).data).toEqual({ flagContent: true });
      expect(await commentAs(undefined, problemId, comment.id)).toMatchObject({ hidden: false, body: 'Something rude' });
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM content_flags WHERE target_type = 'COMMENT' AND target_id = $1`, [comment.id]);
      expect(n).toBe(2);

      await flag(f3, { commentId: comment.id });
      expect(await commentAs(undefined, problemId, comment.id)).toMatchObject({ hidden: true, body: null, author: { id: author.id } });
      for (const viewer of [f1, officer, supervisor]) {
        expect(await commentAs(viewer, problemId, comment.id)).toMatchObject({ hidden: true, body: null });
      }
      for (const viewer of [author, moderator, admin]) {
        expect(await commentAs(viewer, problemId, comment.id)).toMatchObject({ hidden: true, body: 'Something rude' });
      }
      // the hidden comment stays hidden when read as a reply's parent, too
      const { addComment: reply } = await t.gql.ok<{ addComment: { id: string; parent: { id: string; body: string | null; hidden: boolean } } }>(
        ADD_COMMENT_WITH_PARENT_BODY,
        { input: { problemId, parentId: comment.id, body: 'Please keep it civil' } },
        neighbour.token,
      );
      expect(reply.parent).toEqual({ id: comment.id, body: null, hidden: true });

      expect((await moderate(moderator, { commentId: comment.id, action: 'RESTORE', reason: 'Robust but not abusive' })).data).toEqual({
        moderateContent: true,
      });
      expect(await commentAs(undefined, problemId, comment.id)).toMatchObject({ hidden: false, body: 'Something rude' });

      const trail = await t.dataSource.query(
        `SELECT action, moderator_id, reason FROM moderation_actions WHERE target_type = 'COMMENT' AND target_id = $1 ORDER BY created_at, id`,
        [comment.id],
      );
      expect(trail).toEqual([
        { action: 'HIDE', moderator_id: null, reason: 'Flagged by 3 users; hidden pending review' },
        { action: 'RESTORE', moderator_id: moderator.id, reason: 'Robust but not abusive' },
      ]);

      // A restore is a review: the earlier flags no longer count, three new flaggers are needed
      const [g1, g2, g3] = await t.users(3, ESTABLISHED);
      await flag(g1, { commentId: comment.id });
      await flag(g2, { commentId: comment.id });
      expect((await commentAs(undefined, problemId, comment.id))?.hidden).toBe(false);
      await flag(g3, { commentId: comment.id });
      expect((await commentAs(undefined, problemId, comment.id))?.hidden).toBe(true);
    });

    it('hides three flags sent at once exactly once', async () => {
      const problemId = await report();
      const { addComment: comment } = await t.gql.ok<{ addComment: CommentNode }>(ADD_COMMENT, { input: { problemId, body: 'Spam spam' } }, neighbour.token);
      const flaggers = await t.users(6, ESTABLISHED);
      const results = await Promise.all(flaggers.map((user) => flag(user, { commentId: comment.id })));
      expect(results.map((r) => r.data?.flagContent)).toEqual(Array(6).fill(true));
      const [state] = await t.dataSource.query(
        `SELECT c.hidden, m.pending_flags, m.total_flags FROM comments c JOIN moderation_states m ON m.target_type = 'COMMENT' AND m.target_id = c.id WHERE c.id = $1`,
        [comment.id],
      );
      expect(state).toEqual({ hidden: true, pending_flags: 6, total_flags: 6 });
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM moderation_actions WHERE target_id = $1`, [comment.id]);
      expect(n).toBe(1);
    });

    it('masks a hidden solution’s title and description to all but moderators and its proposer', async () => {
      const problemId = await report();
      const proposer = await t.user();
      const solution = await propose(proposer, problemId, { title: 'Shady scheme', description: 'Details' });
      expect((await moderate(moderator, { solutionId: solution.id, action: 'HIDE', reason: 'Advertising' })).data).toEqual({ moderateContent: true });
      const read = async (viewer?: TestUser) => (await t.gql.ok<{ solution: Solution }>(SOLUTION, { id: solution.id }, viewer?.token)).solution;
      for (const viewer of [undefined, neighbour, officer]) {
        expect(await read(viewer)).toMatchObject({ hidden: true, title: null, description: null, upVotes: 0 });
      }
      for (const viewer of [proposer, moderator, admin]) {
        expect(await read(viewer)).toMatchObject({ hidden: true, title: 'Shady scheme', description: 'Details' });
      }
      const { problem } = await t.gql.ok<{ problem: { solutions: SolutionPage } }>(PROBLEM_SOLUTIONS, { id: problemId });
      expect(problem.solutions.edges.map((e) => [e.node.id, e.node.title, e.node.hidden])).toEqual([[solution.id, null, true]]);
      await moderate(admin, { solutionId: solution.id, action: 'RESTORE', reason: 'Appeal upheld' });
      expect(await read()).toMatchObject({ hidden: false, title: 'Shady scheme' });
    });

    it('hides and restores a problem, masking its title and description to all but moderators and its reporter', async () => {
      const problemId = await report();
      type Read = { hidden: boolean; title: string | null; description: string | null };
      const read = async (viewer?: TestUser) => (await t.gql.ok<{ problem: Read }>(PROBLEM_HIDDEN, { id: problemId }, viewer?.token)).problem;
      const hiddenOf = async () => (await read()).hidden;
      expect(await read()).toEqual({ hidden: false, title: 'Dealing behind the library', description: 'Every evening after 8.' });
      const flaggers = await t.users(3, ESTABLISHED);
      for (const user of flaggers) await flag(user, { problemId });
      for (const viewer of [undefined, neighbour, officer, supervisor]) {
        expect(await read(viewer)).toEqual({ hidden: true, title: null, description: null });
      }
      for (const viewer of [resident, moderator, admin]) {
        expect(await read(viewer)).toEqual({ hidden: true, title: 'Dealing behind the library', description: 'Every evening after 8.' });
      }
      const listed = await t.gql.ok<{ problems: { edges: { node: { id: string; title: string | null } }[] } }>(
        `{ problems(first: 100) { edges { node { id title } } } }`,
      );
      expect(listed.problems.edges.find((e) => e.node.id === problemId)?.node.title).toBeNull();
      await moderate(moderator, { problemId, action: 'RESTORE', reason: 'A real problem' });
      expect(await read()).toEqual({ hidden: false, title: 'Dealing behind the library', description: 'Every evening after 8.' });
      await moderate(moderator, { problemId, action: 'HIDE', reason: 'Personal data in the text' });
      expect(await hiddenOf()).toBe(true);
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM moderation_actions WHERE target_type = 'PROBLEM' AND target_id = $1`, [
        problemId,
      ]);
      expect(n).toBe(3);
    });

    it.each([
      ['a RESIDENT', () => resident, 'FORBIDDEN'],
      ['an OFFICER', () => officer, 'FORBIDDEN'],
      ['a SUPERVISOR', () => supervisor, 'FORBIDDEN'],
      ['an anonymous caller', () => undefined, 'UNAUTHENTICATED'],
    ])('refuses moderateContent to %s', async (_name, caller, code) => {
      const problemId = await report();
      const response = await moderate(caller(), { problemId, action: 'HIDE' });
      expect(response.errors?.[0]?.extensions?.code).toBe(code);
      const rows = await t.dataSource.query('SELECT 1 FROM moderation_states WHERE target_id = $1', [problemId]);
      expect(rows).toEqual([]);
    });

    it('refuses anonymous flags, needs exactly one target, and reports unknown items as NOT_FOUND', async () => {
      const problemId = await report();
      expect(codeOf(await t.gql.error(FLAG, { input: { problemId, reason: 'x' } }))).toBe('UNAUTHENTICATED');
      for (const input of [{ reason: 'x' }, { problemId, solutionId: UNKNOWN_ID, reason: 'x' }]) {
        const error = await t.gql.error(FLAG, { input }, resident.token);
        expect(fieldsOf(error)).toEqual(['input.commentId', 'input.problemId', 'input.solutionId']);
        const moderation = await t.gql.error(MODERATE, { input: { ...input, action: 'HIDE' } }, moderator.token);
        expect(fieldsOf(moderation)).toEqual(['input.commentId', 'input.problemId', 'input.solutionId']);
      }
      for (const key of ['commentId', 'problemId', 'solutionId']) {
        expect(codeOf(await t.gql.error(FLAG, { input: { [key]: UNKNOWN_ID, reason: 'x' } }, resident.token))).toBe('NOT_FOUND');
        expect(codeOf(await t.gql.error(MODERATE, { input: { [key]: UNKNOWN_ID, action: 'HIDE', reason: 'x' } }, moderator.token))).toBe('NOT_FOUND');
      }
      const blankReason = await t.gql.error(FLAG, { input: { problemId, reason: '  ' } }, resident.token);
      expect(fieldsOf(blankReason)).toEqual(['input.reason']);
      const noReason = await t.gql.error(MODERATE, { input: { problemId, action: 'HIDE', reason: '' } }, moderator.token);
      expect(fieldsOf(noReason)).toEqual(['input.reason']);
    });
  });

  describe('DataLoaders', () => {
    it('costs the same number of SQL statements for a page of 5 problems and of 20, each with its top 3 solutions', async () => {
      const category = 'LOADER_COUNT';
      await t.gql.ok(CREATE_CATEGORY, { input: { code: category, name: 'Loader count' } }, admin.token);
      const proposers = await t.users(4);
      const voters = await t.users(3);
      for (let p = 0; p < 20; p++) {
        const problemId = await report(resident, category);
        for (let s = 0; s < 4; s++) {
          const solution = await propose(proposers[s], problemId, { title: `Idea ${s} for problem ${p}` });
          await Promise.all(voters.slice(0, s).map((voter) => vote(voter, solution.id, 'UP')));
        }
      }
      const viewer = voters[0];
      const run = (first: number) =>
        recordSql(t.dataSource, () =>
          t.gql.ok<{ problems: { edges: { node: ProblemWithSolutions }[] } }>(
            PROBLEMS_WITH_TOP_SOLUTIONS,
            { filter: { categoryCodes: [category] }, first },
            viewer.token,
          ),
        );

      const five = await run(5);
      const twenty = await run(20);
      expect(five.result.problems.edges).toHaveLength(5);
      expect(twenty.result.problems.edges).toHaveLength(20);
      for (const { node } of twenty.result.problems.edges) {
        const solutions = node.solutions.edges.map((e) => e.node);
        expect(solutions.map((s) => [s.upVotes, s.downVotes, s.proposer.id, s.viewerVote])).toEqual([
          [3, 0, proposers[3].id, 'UP'],
          [2, 0, proposers[2].id, 'UP'],
          [1, 0, proposers[1].id, 'UP'],
        ]);
        expect(solutions.every((s) => s.title?.startsWith('Idea ') && s.hidden === false)).toBe(true);
        expect(node.solutions.totalCount).toBe(4);
      }
      expect(twenty.queries.length).toBe(five.queries.length);
      expect(twenty.queries.length).toBeLessThanOrEqual(8);
      // The top solutions of every problem (with their proposers) come inside the page's own statement
      const page = twenty.queries.filter((q) => /FROM solutions plan_solution/.test(q.query));
      expect(page).toHaveLength(1);
      expect(page[0].query).toMatch(/FROM problems p\b/);
      // No other read of users: the viewer's roles come from the per-process cache (read by the run before at the latest).
      expect(twenty.queries.filter((q) => /FROM "?users"?/.test(q.query) && !/FROM users plan_user/.test(q.query))).toHaveLength(0);
    });

    it('reads each problem’s top solutions, inside the page’s statement, through the (problem_id, score, id) index, not by sorting them all (EXPLAIN)', async () => {
      await t.gql.ok(CREATE_CATEGORY, { input: { code: 'LOADER_EXPLAIN', name: 'Loader explain' } }, admin.token);
      const problemIds = await Promise.all([report(resident, 'LOADER_EXPLAIN'), report(resident, 'LOADER_EXPLAIN'), report(resident, 'LOADER_EXPLAIN')]);
      const proposer = await t.user();
      // 30,000 solutions spread over the three problems, with scores. Raw SQL on purpose: the
      // planner is under test and needs this volume, with chosen counts and scores.
      await t.dataSource.query(
        `INSERT INTO solutions (id, problem_id, title, description, proposer_id, up_votes, down_votes, score)
         SELECT gen_random_uuid(), ($1::uuid[])[1 + i % 3], 'Bulk ' || i, '', $2, i % 50, i % 7, (i % 997) / 1000.0
           FROM generate_series(1, 30000) AS i`,
        [problemIds, proposer.id],
      );
      // As proposeSolution keeps it
      await t.dataSource.query('UPDATE problems SET solution_count = solution_count + 10000 WHERE id = ANY($1::uuid[])', [problemIds]);
      await t.dataSource.query('ANALYZE solutions');
      const { result, queries } = await recordSql(t.dataSource, () =>
        t.gql.ok<{ problems: { edges: { node: ProblemWithSolutions }[] } }>(PROBLEMS_WITH_TOP_SOLUTIONS, {
          filter: { categoryCodes: ['LOADER_EXPLAIN'] },
          first: 3,
        }),
      );
      expect(result.problems.edges).toHaveLength(3);
      for (const { node } of result.problems.edges) {
        expect(node.solutions.totalCount).toBe(10_000);
        expect(node.solutions.edges.map((e) => e.node.score)).toEqual([0.996, 0.996, 0.996]);
      }
      const planned = queries.filter((q) => /FROM solutions plan_solution/.test(q.query));
      expect(planned).toHaveLength(1);
      const plan: { 'QUERY PLAN': string }[] = await t.dataSource.query(`EXPLAIN ${planned[0].query}`, planned[0].parameters);
      const text = plan.map((row) => row['QUERY PLAN']).join('\n');
      expect(text).toMatch(/Index (Only )?Scan Backward using solutions_problem_score_idx on solutions plan_solution/);
      expect(text).toMatch(/Index Cond: \(problem_id = p.id\)/);
      expect(text).not.toMatch(/Seq Scan on solutions/);
    });
  });
});

interface TimelineNode {
  kind: string;
  note: string | null;
  subjectId: string | null;
  actor: { id: string } | null;
}
interface Solution {
  id: string;
  title: string | null;
  description: string | null;
  status: string;
  statusNote: string | null;
  upVotes: number;
  downVotes: number;
  score: number;
  viewerVote: string | null;
  hidden: boolean;
  fundingGoal: { amountMinor: number; currency: string } | null;
  capacityNeeds: { id: string; kind: string; quantity: number; unit: string | null }[];
  proposer: { id: string; displayName: string };
  organisation: { id: string; name: string } | null;
  problem: { id: string };
}
interface VoteResult {
  id: string;
  upVotes: number;
  downVotes: number;
  score: number;
  viewerVote: string | null;
}
interface SolutionPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: { id: string; title: string | null; hidden: boolean; upVotes: number; downVotes: number; score: number } }[];
}
interface CommentNode {
  id: string;
  body: string | null;
  official: boolean;
  hidden: boolean;
  createdAt: string;
  author: { id: string };
  parent: { id: string } | null;
}
interface CommentPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: CommentNode }[];
}
interface ProblemWithSolutions {
  id: string;
  hidden: boolean;
  solutions: {
    totalCount: number;
    edges: {
      node: {
        id: string;
        title: string | null;
        upVotes: number;
        downVotes: number;
        score: number;
        viewerVote: string | null;
        hidden: boolean;
        proposer: { id: string };
      };
    }[];
  };
}

const SOLUTION_FIELDS = `id title description status statusNote upVotes downVotes score viewerVote hidden
  fundingGoal { amountMinor currency } capacityNeeds { id kind quantity unit }
  proposer { id displayName } organisation { id name } problem { id }`;
const COMMENT_FIELDS = 'id body official hidden createdAt author { id } parent { id }';
const REPORT = `mutation ($input: ReportProblemInput!) { reportProblem(input: $input) { id status } }`;
const PROPOSE = `mutation ($input: ProposeSolutionInput!) { proposeSolution(input: $input) { ${SOLUTION_FIELDS} } }`;
const PROPOSE_UNSAFE_AMOUNT = `mutation ($problemId: ID!) { proposeSolution(input: {
  problemId: $problemId, title: "Too much", description: "", fundingGoal: { amountMinor: 9007199254740993, currency: "EUR" } }) { id } }`;
const SOLUTION = `query ($id: ID!) { solution(id: $id) { ${SOLUTION_FIELDS} } }`;
const CAST_VOTE = `mutation ($input: CastVoteInput!) { castVote(input: $input) { id upVotes downVotes score viewerVote } }`;
const RETRACT_VOTE = `mutation ($solutionId: ID!) { retractVote(solutionId: $solutionId) { id upVotes downVotes score viewerVote } }`;
const CHANGE_SOLUTION_STATUS = `mutation ($input: ChangeSolutionStatusInput!) { changeSolutionStatus(input: $input) { id status statusNote } }`;
const PROBLEM_SOLUTIONS = `query ($id: ID!, $orderBy: SolutionOrder, $first: Int, $after: String) { problem(id: $id) {
  solutions(orderBy: $orderBy, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id title hidden upVotes downVotes score } } } } }`;
const PROBLEM_HIDDEN = `query ($id: ID!) { problem(id: $id) { hidden title description } }`;
const TIMELINE = `query ($id: ID!) { problem(id: $id) { timeline(first: 100) { edges { node { kind note subjectId actor { id } } } } } }`;
const CHANGE_PROBLEM_STATUS = `mutation ($input: ChangeProblemStatusInput!) { changeProblemStatus(input: $input) { id status } }`;
const RECORD_ANALYSIS = `mutation ($input: RecordAnalysisInput!) { recordAnalysis(input: $input) { id } }`;
const ADD_COMMENT = `mutation ($input: AddCommentInput!) { addComment(input: $input) { ${COMMENT_FIELDS} } }`;
const ADD_COMMENT_WITH_PARENT_BODY = `mutation ($input: AddCommentInput!) { addComment(input: $input) { id parent { id body hidden } } }`;
const PROBLEM_COMMENTS = `query ($id: ID!, $first: Int, $after: String) { problem(id: $id) {
  comments(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { ${COMMENT_FIELDS} } } } } }`;
const SOLUTION_COMMENTS = `query ($id: ID!) { solution(id: $id) { comments { totalCount edges { node { ${COMMENT_FIELDS} } } } } }`;
const FLAG = `mutation ($input: FlagContentInput!) { flagContent(input: $input) }`;
const MODERATE = `mutation ($input: ModerateContentInput!) { moderateContent(input: $input) }`;
const CREATE_ORGANISATION = `mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }`;
const ADD_MEMBER = `mutation ($input: AddOrganisationMemberInput!) { addOrganisationMember(input: $input) { id } }`;
const CREATE_CATEGORY = `mutation ($input: CreateCategoryInput!) { createCategory(input: $input) { code } }`;
const PROBLEMS_WITH_TOP_SOLUTIONS = `query ($filter: ProblemFilter, $first: Int) { problems(filter: $filter, first: $first) {
  edges { node { id hidden solutions(first: 3) { totalCount edges { node {
    id title upVotes downVotes score viewerVote hidden proposer { id displayName } } } } } } } }`;
