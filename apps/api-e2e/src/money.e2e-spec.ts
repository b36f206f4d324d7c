import { GraphQLErrorShape } from '@common-ground/shared/testing';
import { TestApp, TestUser } from './support/test-app';

/**
 * Money through the API: amounts are whole minor units of an ISO 4217 currency, stored as bigint
 * and answered exactly up to 2^53 − 1 (the SafeInt range), in every minor-unit exponent.
 */
describe('money in the API', () => {
  let t: TestApp;
  let resident: TestUser;
  const centre = { lat: 51.5072, lng: -0.1276 };

  const codeOf = (error: GraphQLErrorShape) => error.extensions?.code;
  const fieldsOf = (error: GraphQLErrorShape) => ((error.extensions?.fields ?? []) as { field: string }[]).map((f) => f.field);

  const report = async (): Promise<string> => {
    const data = await t.gql.ok<{ reportProblem: { id: string } }>(
      REPORT,
      { input: { title: 'Broken lights on the towpath', description: 'Dark after six.', categoryCode: 'ANTISOCIAL_BEHAVIOUR', location: centre } },
      resident.token,
    );
    return data.reportProblem.id;
  };
  const proposeWithGoal = (problemId: string, fundingGoal: unknown) =>
    t.gql.request<{ proposeSolution: { id: string; fundingGoal: { amountMinor: number; currency: string } | null } }>(
      PROPOSE,
      { input: { problemId, title: 'New lamps', description: 'Solar lamps every 20 m.', fundingGoal } },
      { token: resident.token },
    );
  const storedGoals = async (problemId: string) =>
    (await t.dataSource.query('SELECT funding_goal_minor::text AS amount, funding_currency AS currency FROM solutions WHERE problem_id = $1', [problemId])) as {
      amount: string;
      currency: string;
    }[];

  beforeAll(async () => {
    // The whole SafeInt range is allowed here, so that the largest amount goes through the bigint column.
    t = await TestApp.start({ SOLUTION_FUNDING_GOAL_MAX_MINOR: String(Number.MAX_SAFE_INTEGER) });
    resident = await t.user({ displayName: 'Mina Money' });
  });
  afterAll(() => t.close());

  it.each([
    ['the largest safe amount of yen (no minor unit)', { amountMinor: Number.MAX_SAFE_INTEGER, currency: 'JPY' }, 'JPY'],
    ['dinars in fils (three decimals)', { amountMinor: 1_250, currency: 'BHD' }, 'BHD'],
    ['pounds in pence, the code in lower case', { amountMinor: 1_234_567, currency: ' gbp ' }, 'GBP'],
    ['forints in fillér (ISO divides them by 100, though Intl shows none)', { amountMinor: 100, currency: 'HUF' }, 'HUF'],
  ])('stores and answers %s exactly', async (_label, goal, currency) => {
    const problemId = await report();
    const result = await proposeWithGoal(problemId, goal);
    expect(result.errors).toBeUndefined();
    expect(result.data?.proposeSolution.fundingGoal).toEqual({ amountMinor: goal.amountMinor, currency });
    expect(await storedGoals(problemId)).toEqual([{ amount: String(goal.amountMinor), currency }]);
    const read = await t.gql.ok<{ solution: { fundingGoal: unknown } }>(SOLUTION, { id: result.data?.proposeSolution.id });
    expect(read.solution.fundingGoal).toEqual({ amountMinor: goal.amountMinor, currency });
  });

  it.each([
    ['special drawing rights (a unit of account without minor units)', 'XDR'],
    ['the Sucre (a unit of account without minor units)', 'XSU'],
    ['the test code', 'XXX'],
    ['gold', 'XAU'],
  ])('refuses %s as a currency, naming the field, and stores nothing', async (_label, currency) => {
    const problemId = await report();
    const result = await proposeWithGoal(problemId, { amountMinor: 1000, currency });
    const [error] = result.errors ?? [];
    expect(codeOf(error)).toBe('BAD_USER_INPUT');
    expect(fieldsOf(error)).toEqual(['input.fundingGoal.currency']);
    expect(result.data ?? null).toBeNull();
    expect(await storedGoals(problemId)).toEqual([]);
  });

  it('refuses an amount one past 2^53 − 1 before it reaches the service, and stores nothing', async () => {
    const problemId = await report();
    const result = await proposeWithGoal(problemId, { amountMinor: Number.MAX_SAFE_INTEGER + 1, currency: 'JPY' });
    expect(result.errors?.map((e) => codeOf(e))).toEqual(['BAD_USER_INPUT']);
    expect(result.data ?? null).toBeNull();
    expect(await storedGoals(problemId)).toEqual([]);
  });
});

const REPORT = `mutation ($input: ReportProblemInput!) { reportProblem(input: $input) { id } }`;
const PROPOSE = `mutation ($input: ProposeSolutionInput!) { proposeSolution(input: $input) { id fundingGoal { amountMinor currency } } }`;
const SOLUTION = `query ($id: ID!) { solution(id: $id) { fundingGoal { amountMinor currency } } }`;
