import { FactoryArea, FactoryProblem, FactoryUser, solutionTarget } from '@common-ground/shared/testing';
import { recordSql } from './support/sql-recorder';
import { TestApp } from './support/test-app';

/**
 * The read path: each root read is one SQL statement planned from the selection (joined
 * reporters and categories, the first page of solutions with their proposers and capacity needs),
 * and a planned answer is exactly the answer the loaders give — privacy and moderation included.
 * The loader path is reached through `solution(id) { problem { … } }`, whose problem is loaded,
 * not planned.
 */
describe('reads planned from the selection', () => {
  let t: TestApp;
  let area: FactoryArea;
  let reporter: FactoryUser;
  let anonymousReporter: FactoryUser;
  let proposer: FactoryUser;
  let stranger: FactoryUser;
  let officer: FactoryUser;
  let moderator: FactoryUser;
  let open: FactoryProblem;
  let anonymous: FactoryProblem;
  let sensitive: FactoryProblem;
  const solutionIds: Record<string, string[]> = {};
  const centre = { lat: 53.4808, lng: -2.2426 };

  const PROBLEM_FIELDS = `id title description status anonymous supportCount reportedAt location { lat lng } address
    category { code name sensitive } area { id } reporter { id displayName email } viewerSupports progressPercent`;
  const SOLUTION_FIELDS = `id title description status upVotes downVotes score hidden fundingGoal { amountMinor currency }
    proposer { id displayName email } capacityNeeds { kind quantity unit } viewerVote`;
  const SOLUTIONS_PAGE = `solutions(first: 2) { totalCount edges { cursor node { ${SOLUTION_FIELDS} } } pageInfo { hasNextPage endCursor } }`;

  const viewers = () => [
    { name: 'the public', token: undefined },
    { name: 'a stranger', token: stranger.token },
    { name: 'the reporter', token: reporter.token },
    { name: 'the anonymous reporter', token: anonymousReporter.token },
    { name: 'the proposer', token: proposer.token },
    { name: 'an officer', token: officer.token },
    { name: 'a moderator', token: moderator.token },
  ];

  beforeAll(async () => {
    t = await TestApp.start();
    [reporter, anonymousReporter, proposer, stranger, officer, moderator] = await Promise.all([
      t.make.users.resident({ displayName: 'Rita Reporter' }),
      t.make.users.resident({ displayName: 'Anna Anonymous' }),
      t.make.users.resident({ displayName: 'Pat Proposer' }),
      t.make.users.resident(),
      t.make.users.officer(),
      t.make.users.moderator(),
    ]);
    area = await t.make.areas.around(centre, 3000).create();
    open = await t.make.problems.by(reporter).in(area).at({ lat: 53.481, lng: -2.243 }).titled('Graffiti on the canal bridge').address('1 Canal St').report();
    anonymous = await t.make.problems
      .by(anonymousReporter)
      .in(area)
      .at({ lat: 53.482, lng: -2.244 })
      .titled('Needles by the canal steps')
      .category('DRUGS')
      .anonymous()
      .supportedBy(stranger)
      .report();
    sensitive = await t.make.problems
      .by(reporter)
      .in(area)
      .at({ lat: 53.4833, lng: -2.2411 })
      .titled('Fights outside the canal pub')
      .category('VIOLENCE')
      .address('9 Canal St')
      .report();
    for (const problem of [open, anonymous, sensitive]) {
      solutionIds[problem.id] = [];
      for (const [i, title] of ['Clean it', 'Paint a mural', 'Light the steps'].entries()) {
        const solution = await t.make.solutions
          .by(proposer)
          .on(problem)
          .titled(`${title} at the canal`)
          .fundingGoal(10_000 * (i + 1))
          .capacity([{ kind: 'volunteer hours', quantity: 4 + i, unit: 'hours' }])
          .propose();
        solutionIds[problem.id].push(solution.id);
      }
      await t.make.votes.cast({ id: solutionIds[problem.id][1] }, { up: [reporter, stranger] });
      await t.make.votes.cast({ id: solutionIds[problem.id][2] }, { up: [stranger], down: [officer] });
    }
    await t.make.flags.hide(solutionTarget({ id: solutionIds[open.id][1] }));
    await t.make.areas.assign(area, officer);
    open = await t.make.problems.walk(open, 'ANALYSIS');
  });
  afterAll(() => t.close());

  it('answers a problem with its reporter, category and first page of solutions in one statement', async () => {
    // `area` is read by its loader (its own statement), so it is left out here.
    const fields = PROBLEM_FIELDS.replace(' area { id }', '');
    const { queries } = await recordSql(t.dataSource, () =>
      t.gql.ok(`query ($id: ID!) { problem(id: $id) { ${fields} ${SOLUTIONS_PAGE} } }`, { id: sensitive.id }),
    );
    expect(queries).toHaveLength(1);
  });

  it.each([
    [
      'newest first',
      `problems(first: 2) { edges { cursor node { id title reporter { displayName } category { name } solutions(first: 1) { totalCount } } } pageInfo { hasNextPage endCursor } }`,
    ],
    [
      'nearest first',
      `problems(first: 2, orderBy: NEAREST, filter: { near: { lat: 53.481, lng: -2.243, radiusMeters: 5000 } }) { edges { node { id location { lat lng } reporter { displayName } } } }`,
    ],
    ['a search', `problems(first: 2, filter: { search: "canal" }) { edges { node { id title reporter { displayName } } } }`],
    [
      'an area by priority',
      `problems(first: 2, orderBy: PRIORITY, filter: { areaId: "AREA" }) { edges { node { id reporter { displayName } ${SOLUTIONS_PAGE} } } }`,
    ],
    [
      'similar problems',
      `similarProblems(title: "Graffiti on the canal bridge", location: { lat: 53.481, lng: -2.243 }) { id title reporter { displayName } category { name } }`,
    ],
  ])('answers %s in one statement', async (_name, selection) => {
    const { queries } = await recordSql(t.dataSource, () => t.gql.ok(`{ ${selection.replace('AREA', area.id).replace('OPEN', open.id)} }`));
    expect(queries).toHaveLength(1);
  });

  it('answers the local team with its officers and priorities in one statement', async () => {
    const { queries, result } = await recordSql(t.dataSource, () =>
      t.gql.ok<{ localTeam: unknown }>(
        `{ localTeam(location: { lat: 53.4808, lng: -2.2426 }) { area { id } officers { id displayName } priorities { id title reporter { displayName } } } }`,
      ),
    );
    expect(queries).toHaveLength(1);
    expect(result.localTeam).toEqual({
      area: { id: area.id },
      officers: [{ id: officer.id, displayName: officer.displayName }],
      priorities: [{ id: open.id, title: 'Graffiti on the canal bridge', reporter: { displayName: 'Rita Reporter' } }],
    });
  });

  it('answers a solution with its proposer and capacity needs in one statement', async () => {
    const { queries, result } = await recordSql(t.dataSource, () =>
      t.gql.ok<{ solution: unknown }>(`query ($id: ID!) { solution(id: $id) { ${SOLUTION_FIELDS} } }`, { id: solutionIds[open.id][0] }),
    );
    expect(queries).toHaveLength(1);
    expect(result.solution).toMatchObject({
      proposer: { displayName: 'Pat Proposer' },
      capacityNeeds: [{ kind: 'volunteer hours', quantity: 4, unit: 'hours' }],
    });
  });

  it('gives every viewer the same problem, reporter and solutions planned as loaded', async () => {
    const planned = `query ($id: ID!) { problem(id: $id) { ${PROBLEM_FIELDS} ${SOLUTIONS_PAGE} } }`;
    const loaded = `query ($id: ID!) { solution(id: $id) { problem { ${PROBLEM_FIELDS} ${SOLUTIONS_PAGE} } } }`;
    for (const viewer of viewers()) {
      for (const problem of [open, anonymous, sensitive]) {
        const a = await t.gql.ok<{ problem: Record<string, unknown> }>(planned, { id: problem.id }, viewer.token);
        const b = await t.gql.ok<{ solution: { problem: Record<string, unknown> } }>(loaded, { id: solutionIds[problem.id][0] }, viewer.token);
        expect({ viewer: viewer.name, problem: a.problem }).toEqual({ viewer: viewer.name, problem: b.solution.problem });
      }
    }
  });

  it('never names an anonymous reporter, nor shows a sensitive address, to anyone but the reporter and officers', async () => {
    const page = `{ problems(first: 10, filter: { areaId: "${area.id}" }) { edges { node { id reporter { displayName } address location { lat lng } } } } }`;
    const byId = async (token?: string) => {
      const data = await t.gql.ok<{ problems: { edges: { node: { id: string; reporter: unknown; address: string | null } }[] } }>(page, {}, token);
      return new Map(data.problems.edges.map((edge) => [edge.node.id, edge.node]));
    };
    for (const token of [undefined, stranger.token, proposer.token, moderator.token]) {
      const seen = await byId(token);
      expect(seen.get(anonymous.id)?.reporter).toBeNull();
      expect(seen.get(sensitive.id)?.address).toBeNull();
      expect(seen.get(open.id)?.reporter).toEqual({ displayName: 'Rita Reporter' });
    }
    expect((await byId(anonymousReporter.token)).get(anonymous.id)?.reporter).toEqual({ displayName: 'Anna Anonymous' });
    expect((await byId(officer.token)).get(anonymous.id)?.reporter).toBeNull();
    expect((await byId(officer.token)).get(sensitive.id)?.address).toBe('9 Canal St');
  });

  it('masks a hidden solution in a planned page except to moderators and its proposer', async () => {
    const hiddenId = solutionIds[open.id][1];
    const read = async (token?: string) => {
      const data = await t.gql.ok<{
        problem: { solutions: { edges: { node: { id: string; title: string | null; capacityNeeds: { kind: string | null }[] } }[] } };
      }>(`query ($id: ID!) { problem(id: $id) { solutions(first: 5) { edges { node { id title capacityNeeds { kind } } } } } }`, { id: open.id }, token);
      return data.problem.solutions.edges.find((edge) => edge.node.id === hiddenId)?.node;
    };
    for (const token of [undefined, stranger.token, reporter.token, officer.token]) {
      expect(await read(token)).toEqual({ id: hiddenId, title: null, capacityNeeds: [{ kind: null }] });
    }
    for (const token of [moderator.token, proposer.token]) {
      expect(await read(token)).toEqual({ id: hiddenId, title: 'Paint a mural at the canal', capacityNeeds: [{ kind: 'volunteer hours' }] });
    }
  });

  it('continues a planned first page with the next page, without a gap or a repeat', async () => {
    type Page = { edges: { cursor: string; node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
    const first = await t.gql.ok<{ problem: { solutions: Page } }>(
      `query ($id: ID!) { problem(id: $id) { solutions(first: 2) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } } }`,
      { id: anonymous.id },
    );
    const next = await t.gql.ok<{ problem: { solutions: Page } }>(
      `query ($id: ID!, $after: String) { problem(id: $id) { solutions(first: 2, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } } }`,
      { id: anonymous.id, after: first.problem.solutions.pageInfo.endCursor },
    );
    const all = await t.gql.ok<{ problem: { solutions: Page } }>(
      `query ($id: ID!) { problem(id: $id) { solutions(first: 10) { edges { cursor node { id } } } } }`,
      {
        id: anonymous.id,
      },
    );
    expect(first.problem.solutions.pageInfo.hasNextPage).toBe(true);
    expect(next.problem.solutions.pageInfo.hasNextPage).toBe(false);
    expect([...first.problem.solutions.edges, ...next.problem.solutions.edges]).toEqual(all.problem.solutions.edges);
  });

  it('plans each alias of a field with its own arguments', async () => {
    const data = await t.gql.ok<{ problem: { top: { edges: { node: { id: string } }[] }; newest: { edges: { node: { id: string } }[] } } }>(
      `query ($id: ID!) { problem(id: $id) { top: solutions(first: 3, orderBy: TOP) { edges { node { id } } } newest: solutions(first: 3, orderBy: NEWEST) { edges { node { id } } } } }`,
      { id: sensitive.id },
    );
    const ids = solutionIds[sensitive.id];
    expect(data.problem.newest.edges.map((edge) => edge.node.id)).toEqual([...ids].reverse());
    expect(data.problem.top.edges.map((edge) => edge.node.id)[0]).toBe(ids[1]);
  });

  it('validates the arguments of a field bound without Nest on every row, as @Args does', async () => {
    for (const first of [0, 101]) {
      const error = await t.gql.error(`{ problems(first: 3) { edges { node { id solutions(first: ${first}) { totalCount } } } } }`);
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'first' }] });
    }
    const valid = await t.gql.ok<{ problems: { edges: { node: { solutions: { totalCount: number } } }[] } }>(
      `{ problems(first: 3) { edges { node { solutions(first: 1) { totalCount } } } } }`,
    );
    expect(valid.problems.edges.map((edge) => edge.node.solutions.totalCount)).toEqual([3, 3, 3]);
  });

  it('answers fragments, @skip and @include as the selection says', async () => {
    const data = await t.gql.ok<{
      problem: { reporter?: { displayName: string }; category?: { code: string }; solutions: { edges: { node: { proposer: { displayName: string } } }[] } };
    }>(
      `query ($id: ID!, $no: Boolean!) {
        problem(id: $id) { ...Who category @include(if: $no) { code } solutions(first: 1) { edges { node { ... on Solution { proposer { displayName } } } } } }
      }
      fragment Who on Problem { reporter @skip(if: $no) { displayName } }`,
      { id: open.id, no: false },
    );
    expect(data.problem).toEqual({
      reporter: { displayName: 'Rita Reporter' },
      solutions: { edges: [{ node: { proposer: { displayName: 'Pat Proposer' } } }] },
    });
  });
});
