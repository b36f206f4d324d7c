import { Role } from '@common-ground/shared/auth';
import { Factories, LOGIN, ProblemStatusName, registeredUsers } from '@common-ground/shared/testing';
import { TestApp } from './support/test-app';

const ADMIN = { email: 'first.admin@factories.example', password: 'the bootstrap admin password' };

const PROBLEM = `query ($id: ID!) {
  problem(id: $id) {
    status
    solutions(first: 10) { edges { node { id status } } }
    timeline(first: 50) { edges { node { kind fromStatus toStatus } } }
  }
}`;

type ProblemView = {
  problem: {
    status: string;
    solutions: { edges: { node: { id: string; status: string } }[] };
    timeline: { edges: { node: { kind: string; fromStatus: string | null; toStatus: string | null } }[] };
  };
};

describe('test factories (shared/testing)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ BOOTSTRAP_ADMIN_EMAIL: ADMIN.email, BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password });
  });
  afterAll(() => t.close());

  const view = async (id: string) => (await t.gql.ok<ProblemView>(PROBLEM, { id })).problem;

  it.each<[ProblemStatusName, string[]]>([
    ['REPORTED', []],
    ['SCANNING', ['REPORTED>SCANNING']],
    ['ANALYSIS', ['REPORTED>SCANNING', 'SCANNING>ANALYSIS']],
    ['RESPONSE', ['REPORTED>SCANNING', 'SCANNING>ANALYSIS', 'ANALYSIS>RESPONSE']],
    ['ASSESSMENT', ['REPORTED>SCANNING', 'SCANNING>ANALYSIS', 'ANALYSIS>RESPONSE', 'RESPONSE>ASSESSMENT']],
    ['RESOLVED', ['REPORTED>SCANNING', 'SCANNING>ANALYSIS', 'ANALYSIS>RESPONSE', 'RESPONSE>ASSESSMENT', 'ASSESSMENT>RESOLVED']],
    ['REJECTED', ['REPORTED>REJECTED']],
  ])('walks a problem to %s through the API, one legal move at a time', async (status, moves) => {
    const made = await t.make.problems.category('THEFT').inStatus(status);
    expect(made.status).toBe(status);
    const problem = await view(made.id);
    expect(problem.status).toBe(status);
    const walked = problem.timeline.edges
      .map((e) => e.node)
      .filter((e) => e.kind === 'STATUS_CHANGED')
      .map((e) => `${e.fromStatus}>${e.toStatus}`);
    expect(walked).toEqual(moves);
    // Past ANALYSIS only with what the gates need: an analysis and an adopted solution.
    const pastAnalysis = ['RESPONSE', 'ASSESSMENT', 'RESOLVED'].includes(status);
    expect(problem.timeline.edges.some((e) => e.node.kind === 'ANALYSIS_RECORDED')).toBe(pastAnalysis);
    expect(problem.solutions.edges.map((e) => e.node)).toEqual(pastAnalysis ? [{ id: made.adoptedSolutionId, status: 'ADOPTED' }] : []);
  });

  it('merges a duplicate through markDuplicate, moving its supports', async () => {
    const [a, b] = await t.make.users.many(2);
    const stays = await t.make.problems.report();
    const copy = await t.make.problems.by(a).supportedBy(b).inStatus('SCANNING');
    const merged = await t.make.problems.walk(copy, 'DUPLICATE', { duplicateOf: stays });
    expect(merged.status).toBe('DUPLICATE');
    expect((await view(copy.id)).status).toBe('DUPLICATE');
    const { problem } = await t.gql.ok<{ problem: { supportCount: number } }>('query ($id: ID!) { problem(id: $id) { supportCount } }', { id: stays.id });
    expect(problem.supportCount).toBe(3); // its reporter, and the copy's reporter and supporter
  });

  it('forces nothing the API refuses: no adoption while the problem is only REPORTED', async () => {
    const problem = await t.make.problems.report();
    await expect(t.make.solutions.on(problem).inStatus('ADOPTED')).rejects.toThrow(/CONFLICT/);
    expect((await view(problem.id)).solutions.edges.map((e) => e.node.status)).toEqual(['PROPOSED']);
  });

  it('gives official answers only from officers, and threads replies on their parent', async () => {
    const [resident, officer] = await Promise.all([t.make.users.resident(), t.make.users.officer()]);
    const problem = await t.make.problems.report();
    const question = await t.make.comments.by(resident).onProblem(problem).say('Is anyone looking at this?');
    expect(question.official).toBe(false);
    const answer = await t.make.answers.by(officer).replyTo(question).say('Yes, this week.');
    expect(answer).toMatchObject({ official: true, target: { problemId: problem.id } });
    await expect(t.make.answers.by(resident).replyTo(question).say('Me too')).rejects.toThrow(/officer or supervisor/);
  });

  it('hides an item on enough flags from established accounts, and a moderator restores it', async () => {
    const established = await t.make.users.many(3, { createdAt: new Date(Date.now() - 30 * 86_400_000) });
    const problem = await t.make.problems.report();
    const comment = await t.make.comments.onProblem(problem).say('Something rude');
    await t.make.flags.flagBy(established, { commentId: comment.id }, 'Rude');
    const hidden = `query ($id: ID!) { problem(id: $id) { comments(first: 5) { edges { node { hidden } } } } }`;
    const read = async () => (await t.gql.ok<{ problem: { comments: { edges: { node: { hidden: boolean } }[] } } }>(hidden, { id: problem.id })).problem;
    expect((await read()).comments.edges.map((e) => e.node.hidden)).toEqual([true]);
    await t.make.flags.restore({ commentId: comment.id });
    expect((await read()).comments.edges.map((e) => e.node.hidden)).toEqual([false]);
  });

  it('pledges, matches, fulfils and withdraws through the API, and forces no pledge toward a rejected solution', async () => {
    const [owner, resident] = await Promise.all([t.make.users.resident(), t.make.users.resident()]);
    const organisation = await t.make.organisations.create(owner, { name: 'Factory Fund' });
    const problem = await t.make.problems.report();
    const solution = await t.make.solutions.on(problem).fundingGoal(10_000).propose();
    await t.make.pledges.offerMatch(organisation, solution, { amountMinor: 300 });
    const paid = await t.make.pledges.by(resident).toward(solution).funding(500).noted('For the lamps').fulfilled();
    const gone = await t.make.pledges.by(resident).toward(solution).funding(200).pledge();
    await t.make.pledges.withdraw(gone);
    await t.make.pledges.by(owner).toward(solution).forOrganisation(organisation).capacity('SKILL', 2).pledge();
    const { solution: seen } = await t.gql.ok<{
      solution: { fundingPledged: { amountMinor: number }; fundingFulfilled: { amountMinor: number }; matchOffers: { matched: { amountMinor: number } }[] };
    }>('query ($id: ID!) { solution(id: $id) { fundingPledged { amountMinor } fundingFulfilled { amountMinor } matchOffers { matched { amountMinor } } } }', {
      id: solution.id,
    });
    // 500 paid and its match of 300 (the cap); the withdrawn 200 had nothing left to match.
    expect(seen).toEqual({ fundingPledged: { amountMinor: 800 }, fundingFulfilled: { amountMinor: 500 }, matchOffers: [{ matched: { amountMinor: 300 } }] });
    expect(paid.status).toBe('FULFILLED');
    const rejected = await t.make.solutions.on(problem).inStatus('REJECTED');
    await expect(t.make.pledges.by(resident).toward(rejected).funding(100).pledge()).rejects.toThrow(/SOLUTION_CLOSED_FOR_PLEDGES/);
  });

  it('makes accounts through the API too: register, then grantRole by the bootstrap admin', async () => {
    const admin = async () => (await t.gql.ok<{ login: { accessToken: string } }>(LOGIN, { input: ADMIN })).login.accessToken;
    const token = await admin();
    const overApi = new Factories(
      t.gql,
      registeredUsers(t.gql, async () => ({ token })),
    );
    const supervisor = await overApi.users.supervisor({ displayName: 'Registered Sue' });
    expect(supervisor.roles.sort()).toEqual([Role.RESIDENT, Role.SUPERVISOR].sort());
    const { me } = await t.gql.ok<{ me: { displayName: string; roles: string[] } }>('{ me { displayName roles } }', {}, supervisor.token);
    expect(me).toEqual({ displayName: 'Registered Sue', roles: expect.arrayContaining(['RESIDENT', 'SUPERVISOR']) });
    await expect(overApi.users.many(1, { createdAt: new Date(0) })).rejects.toThrow(/createdAt/);
    // What it makes is real: the supervisor reopens a resolved problem, which an officer may not.
    const resolved = await overApi.problems.inStatus('RESOLVED');
    await overApi.problems.move(resolved, 'ANALYSIS', { by: supervisor, note: 'Back again' });
    expect((await view(resolved.id)).status).toBe('ANALYSIS');
  });
});
