import { FactoryArea, FactoryProblem, GraphQLErrorShape, north } from '@common-ground/shared/testing';
import { TestApp, TestUser } from './support/test-app';

const UNKNOWN_AREA = '01890000-0000-7000-8000-000000000000';
const HOUR = 3600 * 1000;

/** The median of numbers, as a statistician computes it by hand (the mean of the middle two for an even count). */
function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const ZEROS = {
  reported: 0,
  resolved: 0,
  open: 0,
  medianDaysToResolve: null,
  medianHoursToFirstOfficialResponse: null,
  participants: 0,
  votes: 0,
  comments: 0,
  officialResponses: 0,
  fundingPledged: [],
  fundingFulfilled: [],
  hoursPledged: 0,
  hoursFulfilled: 0,
  outcomes: [
    { outcome: 'RESOLVED', count: 0 },
    { outcome: 'IMPROVED', count: 0 },
    { outcome: 'NO_CHANGE', count: 0 },
    { outcome: 'WORSENED', count: 0 },
    { outcome: 'DISPLACED', count: 0 },
  ],
  ratings: [
    { worked: 'YES', count: 0 },
    { worked: 'PARTLY', count: 0 },
    { worked: 'NO', count: 0 },
  ],
  ratedProblems: 0,
  workedShare: null,
};

describe('engagementStats', () => {
  let t: TestApp;
  let officer: TestUser;
  let r: TestUser[];
  let areaA: FactoryArea;
  let areaB: FactoryArea;
  let emptyArea: FactoryArea;
  let start: Date;
  /** After everything in area A happened and before anything in area B did. */
  let midpoint: Date;
  const problems: Record<string, FactoryProblem> = {};
  const centre = { lat: 51.4545, lng: -2.5879 };

  const stats = async (filter?: Record<string, unknown>, token?: string) =>
    (await t.gql.ok<{ engagementStats: typeof ZEROS }>(STATS, { filter }, token)).engagementStats;
  const statsError = async (filter: Record<string, unknown>): Promise<GraphQLErrorShape> => t.gql.error(STATS, { filter });
  const farFuture = () => new Date(Date.now() + 24 * HOUR).toISOString();

  /** Hours (or days) between two of the database's own timestamps, read at microsecond precision. */
  const epochs = async (sql: string, ids: string[]): Promise<Map<string, number[]>> => {
    const rows: { id: string; a: string; b: string }[] = await t.dataSource.query(sql, [ids]);
    return new Map(rows.map((row) => [row.id, [Number(row.a), Number(row.b)]]));
  };

  beforeAll(async () => {
    t = await TestApp.start();
    start = new Date();
    officer = await t.make.users.officer({ displayName: 'Stats Officer' });
    r = await t.make.users.many(10);
    const admin = await t.make.users.admin();
    areaA = await t.make.areas.by(admin).named('Stats A').around(centre, 1000).create();
    areaB = await t.make.areas.by(admin).named('Stats B').around(north(centre, 10_000), 1000).create();
    emptyArea = await t.make.areas.by(admin).named('Stats Empty').around(north(centre, 20_000), 1000).create();
    const inA = t.make.problems.in(areaA).handledBy(officer);

    // P1: supported twice, discussed, voted on, resolved as IMPROVED; rated YES, YES, NO (changed from PARTLY).
    problems.p1 = await inA.by(r[1]).supportedBy(r[2], r[3]).titled('P1 dealing').inStatus('RESPONSE');
    await t.make.answers.by(officer).onProblem(problems.p1).say('We are on it.');
    await t.make.comments.by(r[2]).onProblem(problems.p1).say('Still every night.');
    await t.make.votes.up(r[2], { id: problems.p1.adoptedSolutionId as string });
    await t.make.votes.down(r[3], { id: problems.p1.adoptedSolutionId as string });
    problems.p1 = await t.make.problems.walk(problems.p1, 'ASSESSMENT', { officer });
    await t.make.actions.assess(problems.p1, { outcome: 'IMPROVED', summary: 'Fewer deals.' }, officer);
    await t.make.actions.rate(problems.p1, r[1], 'YES');
    await t.make.actions.rate(problems.p1, r[2], 'YES');
    await t.make.actions.rate(problems.p1, r[3], 'PARTLY');
    await t.make.actions.rate(problems.p1, r[3], 'NO', 'Moved round the corner');
    await t.make.problems.move(problems.p1, 'RESOLVED', { by: officer });
    // P2: assessed NO_CHANGE and still in ASSESSMENT (open); its reporter says NO.
    problems.p2 = await inA.by(r[4]).titled('P2 speeding').inStatus('ASSESSMENT');
    await t.make.actions.assess(problems.p2, { outcome: 'NO_CHANGE', summary: 'No difference.' }, officer);
    await t.make.actions.rate(problems.p2, r[4], 'NO');
    // P3: just reported (open); an official answer on a solution proposed for it.
    problems.p3 = await inA.by(r[5]).titled('P3 graffiti').report();
    const p3Solution = await t.make.solutions.by(r[5]).on(problems.p3).titled('Paint it over').propose();
    await t.make.answers.by(officer).onSolution(p3Solution).say('The council can paint it.');
    // P4: rejected.
    problems.p4 = await inA.by(r[1]).titled('P4 not ours').inStatus('REJECTED');
    // P5 and P6: resolved (RESOLVED and DISPLACED); P5 answered officially first.
    problems.p5 = await inA.by(r[6]).titled('P5 litter').report();
    await t.make.answers.by(officer).onProblem(problems.p5).say('Bins are coming.');
    problems.p5 = await t.make.problems.walk(problems.p5, 'RESOLVED', { officer, assessment: { outcome: 'RESOLVED', summary: 'Clean.' } });
    problems.p6 = await inA.by(r[6]).titled('P6 noise').assessedAs({ outcome: 'DISPLACED', summary: 'Moved away.' }).inStatus('RESOLVED');
    midpoint = new Date();

    // Area B: one resolved problem with an official answer and a rating; never in area A's figures.
    problems.q1 = await t.make.problems.in(areaB).by(r[9]).handledBy(officer).titled('Q1 elsewhere').inStatus('RESPONSE');
    await t.make.answers.by(officer).onProblem(problems.q1).say('Elsewhere too.');
    problems.q1 = await t.make.problems.walk(problems.q1, 'ASSESSMENT', { officer });
    await t.make.actions.assess(problems.q1, { outcome: 'WORSENED', summary: 'Worse.' }, officer);
    await t.make.actions.rate(problems.q1, r[9], 'YES');
  });
  afterAll(() => t.close());

  /** Area A's figures, computed by hand from what the set-up did and the database's timestamps. */
  const expectedForA = async () => {
    const resolvedIds = [problems.p1.id, problems.p5.id, problems.p6.id];
    const resolvedTimes = await epochs(
      `SELECT id, extract(epoch FROM reported_at)::text AS a, extract(epoch FROM status_changed_at)::text AS b FROM problems WHERE id = ANY($1::uuid[])`,
      resolvedIds,
    );
    const answered = [problems.p1.id, problems.p3.id, problems.p5.id];
    const answerTimes = await epochs(
      `SELECT p.id, extract(epoch FROM p.reported_at)::text AS a, extract(epoch FROM min(c.created_at))::text AS b
         FROM problems p
         JOIN comments c ON c.official AND (c.problem_id = p.id OR c.solution_id IN (SELECT s.id FROM solutions s WHERE s.problem_id = p.id))
        WHERE p.id = ANY($1::uuid[])
        GROUP BY p.id`,
      answered,
    );
    expect(resolvedTimes.size).toBe(3);
    expect(answerTimes.size).toBe(3);
    return {
      reported: 6,
      resolved: 3,
      open: 2,
      medianDaysToResolve: median([...resolvedTimes.values()].map(([a, b]) => (b - a) / 86400)),
      medianHoursToFirstOfficialResponse: median([...answerTimes.values()].map(([a, b]) => (b - a) / 3600)),
      // Reporters r1, r4, r5, r6; supporters r2, r3 (who also voted and commented); the officer who answered.
      participants: 7,
      votes: 2,
      comments: 4,
      officialResponses: 3,
      fundingPledged: [],
      fundingFulfilled: [],
      hoursPledged: 0,
      hoursFulfilled: 0,
      outcomes: [
        { outcome: 'RESOLVED', count: 1 },
        { outcome: 'IMPROVED', count: 1 },
        { outcome: 'NO_CHANGE', count: 1 },
        { outcome: 'WORSENED', count: 0 },
        { outcome: 'DISPLACED', count: 1 },
      ],
      ratings: [
        { worked: 'YES', count: 2 },
        { worked: 'PARTLY', count: 0 },
        { worked: 'NO', count: 2 },
      ],
      ratedProblems: 2,
      // P1: 2 of 3 said YES (it worked); P2: its one rating says NO.
      workedShare: 0.5,
    };
  };

  const expectFigures = (actual: typeof ZEROS, expected: Awaited<ReturnType<typeof expectedForA>>) => {
    const { medianDaysToResolve, medianHoursToFirstOfficialResponse, ...rest } = actual;
    const { medianDaysToResolve: days, medianHoursToFirstOfficialResponse: hours, ...expectedRest } = expected;
    expect(rest).toEqual(expectedRest);
    expect(medianDaysToResolve).toBeCloseTo(days as number, 9);
    expect(medianHoursToFirstOfficialResponse).toBeCloseTo(hours as number, 6);
  };

  it('is all zeros and nulls on an empty period, an empty area and an unknown area, for anyone', async () => {
    expect(await stats({ from: '2000-01-01T00:00:00.000Z', to: '2000-02-01T00:00:00.000Z' })).toEqual(ZEROS);
    expect(await stats({ from: farFuture() })).toEqual(ZEROS);
    expect(await stats({ areaId: emptyArea.id })).toEqual(ZEROS);
    expect(await stats({ areaId: UNKNOWN_AREA, from: start.toISOString(), to: farFuture() })).toEqual(ZEROS);
    expect(await stats({ areaId: areaA.id, to: start.toISOString() })).toEqual(ZEROS);
  });

  it('equals the hand-computed figures for an area over the period, medians included', async () => {
    const expected = await expectedForA();
    expectFigures(await stats({ areaId: areaA.id, from: start.toISOString(), to: farFuture() }), expected);
    // No period is every time there is; the same for this data.
    expectFigures(await stats({ areaId: areaA.id }), expected);
    // Public, and the same for officers.
    expectFigures(await stats({ areaId: areaA.id }, officer.token), expected);
  });

  it('counts everywhere, and cuts by the period', async () => {
    const a = await expectedForA();
    // Everything up to the midpoint happened in area A.
    expectFigures(await stats({ to: midpoint.toISOString() }), a);
    const everywhere = await stats();
    expect(everywhere).toMatchObject({
      reported: a.reported + 1,
      resolved: a.resolved,
      open: a.open + 1,
      participants: a.participants + 1,
      votes: a.votes,
      comments: a.comments + 1,
      officialResponses: a.officialResponses + 1,
      ratedProblems: 3,
    });
    expect(everywhere.outcomes.find((o) => o.outcome === 'WORSENED')?.count).toBe(1);
    expect(everywhere.ratings).toEqual([
      { worked: 'YES', count: 3 },
      { worked: 'PARTLY', count: 0 },
      { worked: 'NO', count: 2 },
    ]);
    expect(everywhere.workedShare).toBeCloseTo(2 / 3, 12);
    // Only what happened after the midpoint: area B's problem, reported then, and its conversation.
    const after = await stats({ from: midpoint.toISOString() });
    expect(after).toMatchObject({ reported: 1, open: 1, resolved: 0, comments: 1, officialResponses: 1, votes: 0, ratedProblems: 1, workedShare: 1 });
    expect(await stats({ areaId: areaB.id, to: midpoint.toISOString() })).toEqual(ZEROS);
  });

  it('counts the pledges toward the solutions of the area’s problems, and who pledged, through the pledges lib', async () => {
    const admin = await t.make.users.admin();
    const areaC = await t.make.areas.by(admin).named('Stats C').around({ lat: 51.6, lng: -2.4 }, 500).create();
    const [reporter, proposer, funder, volunteer] = await t.make.users.many(4);
    const problem = await t.make.problems.by(reporter).in(areaC).titled('Dark path behind the library').report();
    const solution = await t.make.solutions.by(proposer).on(problem).titled('Solar lights on the path').fundingGoal(50_000).propose();
    await t.make.pledges.by(funder).toward(solution).funding(1_500).pledge();
    await t.make.pledges.by(volunteer).toward(solution).funding(500).fulfilled();
    await t.make.pledges.by(volunteer).toward(solution).capacity('VOLUNTEER_HOURS', 6).pledge();
    expect(await stats({ areaId: areaC.id })).toMatchObject({
      fundingPledged: [{ amountMinor: 2_000, currency: 'GBP' }],
      fundingFulfilled: [{ amountMinor: 500, currency: 'GBP' }],
      hoursPledged: 6,
      hoursFulfilled: 0,
      participants: 4,
    });
    // Before the pledges were made: none of them.
    expect(await stats({ areaId: areaC.id, to: start.toISOString() })).toMatchObject({ fundingPledged: [], hoursPledged: 0, participants: 0 });
  });

  it('refuses a reversed period and a malformed area with BAD_USER_INPUT', async () => {
    const reversed = await statsError({ from: farFuture(), to: start.toISOString() });
    expect(reversed.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PERIOD_REVERSED', fields: [{ field: 'filter.to' }] });
    expect((await statsError({ areaId: 'not-an-area' })).extensions?.code).toBe('BAD_USER_INPUT');
    expect((await statsError({ from: 'yesterday' })).extensions?.code).toBe('BAD_USER_INPUT');
  });
});

const STATS = /* GraphQL */ `
  query ($filter: StatsFilter) {
    engagementStats(filter: $filter) {
      reported
      resolved
      open
      medianDaysToResolve
      medianHoursToFirstOfficialResponse
      participants
      votes
      comments
      officialResponses
      fundingPledged {
        amountMinor
        currency
      }
      fundingFulfilled {
        amountMinor
        currency
      }
      hoursPledged
      hoursFulfilled
      outcomes {
        outcome
        count
      }
      ratings {
        worked
        count
      }
      ratedProblems
      workedShare
    }
  }
`;
