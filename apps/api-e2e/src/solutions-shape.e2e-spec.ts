import { Role } from '@common-ground/shared/auth';
import { TestApp, TestUser } from './support/test-app';

/** Flags count toward hiding only from accounts older than MODERATION_FLAGGER_MIN_ACCOUNT_AGE_HOURS. */
const ESTABLISHED = { createdAt: new Date(Date.now() - 30 * 24 * 3600 * 1000) };

const REPORT = `mutation ($input: ReportProblemInput!) { reportProblem(input: $input) { id } }`;
const PROPOSE = `mutation ($input: ProposeSolutionInput!) { proposeSolution(input: $input) { id } }`;
const FLAG = `mutation ($input: FlagContentInput!) { flagContent(input: $input) }`;
const CAST_VOTE = `mutation ($input: CastVoteInput!) { castVote(input: $input) { id upVotes viewerVote } }`;
const RETRACT_VOTE = `mutation ($id: ID!) { retractVote(solutionId: $id) { id upVotes viewerVote } }`;

/**
 * The solutions lib reads problems and users only through their libs' services: flags still
 * learn the author's roles and the flagger's account age, votes still see their own change.
 */
describe('solutions through the services of the libs below', () => {
  let t: TestApp;
  let officer: TestUser;
  let resident: TestUser;
  let established: TestUser;
  let fresh: TestUser;
  const centre = { lat: 51.5072, lng: -0.1276 };

  const report = async (user: TestUser): Promise<string> =>
    (
      await t.gql.ok<{ reportProblem: { id: string } }>(
        REPORT,
        { input: { title: 'Broken lamp by the underpass', description: 'Dark after 6.', categoryCode: 'ANTISOCIAL_BEHAVIOUR', location: centre } },
        user.token,
      )
    ).reportProblem.id;
  const hidden = async (table: 'problems' | 'solutions', id: string): Promise<boolean> =>
    (await t.dataSource.query(`SELECT hidden FROM ${table} WHERE id = $1`, [id]))[0].hidden;

  beforeAll(async () => {
    t = await TestApp.start({ MODERATION_FLAGS_TO_HIDE: '1', MODERATION_FLAGGER_MIN_ACCOUNT_AGE_HOURS: '24' });
    [officer, resident, established, fresh] = await Promise.all([
      t.user({ roles: [Role.OFFICER], ...ESTABLISHED }),
      t.user(ESTABLISHED),
      t.user(ESTABLISHED),
      t.user(),
    ]);
  });
  afterAll(() => t.close());

  it('hides a resident’s problem on an established account’s flag, never on a new account’s', async () => {
    const problemId = await report(resident);
    await t.gql.ok(FLAG, { input: { problemId, reason: 'Spam' } }, fresh.token);
    expect(await hidden('problems', problemId)).toBe(false);
    await t.gql.ok(FLAG, { input: { problemId, reason: 'Spam' } }, established.token);
    expect(await hidden('problems', problemId)).toBe(true);
  });

  it('keeps an officer’s problem and solution visible however many flags come in', async () => {
    const problemId = await report(officer);
    const solutionId = (
      await t.gql.ok<{ proposeSolution: { id: string } }>(PROPOSE, { input: { problemId, title: 'Fix the lamp', description: '' } }, officer.token)
    ).proposeSolution.id;
    for (const user of [established, resident]) {
      await t.gql.ok(FLAG, { input: { problemId, reason: 'Spam' } }, user.token);
      await t.gql.ok(FLAG, { input: { solutionId, reason: 'Spam' } }, user.token);
    }
    expect(await hidden('problems', problemId)).toBe(false);
    expect(await hidden('solutions', solutionId)).toBe(false);
    const [{ pending }] = await t.dataSource.query('SELECT pending_flags AS pending FROM moderation_states WHERE target_id = $1', [problemId]);
    expect(pending).toBe(2);
  });

  it('refuses a flag on your own problem with FORBIDDEN, reason OWN_CONTENT', async () => {
    const problemId = await report(resident);
    const error = await t.gql.error(FLAG, { input: { problemId, reason: 'Mine' } }, resident.token);
    expect(error.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OWN_CONTENT' });
  });

  it('answers a vote and a retraction with the viewer’s vote as it now is', async () => {
    const problemId = await report(resident);
    const solutionId = (
      await t.gql.ok<{ proposeSolution: { id: string } }>(PROPOSE, { input: { problemId, title: 'Fix the lamp', description: '' } }, resident.token)
    ).proposeSolution.id;
    const cast = await t.gql.ok<{ castVote: { upVotes: number; viewerVote: string | null } }>(
      CAST_VOTE,
      { input: { solutionId, value: 'UP' } },
      established.token,
    );
    expect(cast.castVote).toMatchObject({ upVotes: 1, viewerVote: 'UP' });
    const retracted = await t.gql.ok<{ retractVote: { upVotes: number; viewerVote: string | null } }>(RETRACT_VOTE, { id: solutionId }, established.token);
    expect(retracted.retractVote).toMatchObject({ upVotes: 0, viewerVote: null });
  });
});
