import { Role } from '@common-ground/shared/auth';
import { TestApp, TestUser } from './support/test-app';

/**
 * Every refusal of the problems lib carries a code and a stable reason, and a bad input names
 * the GraphQL path of the offending field (the services name their commands' fields; the
 * resolvers map them onto `input.…`).
 */
describe('problems: reasons and field paths of refusals', () => {
  let t: TestApp;
  let admin: TestUser;
  let officer: TestUser;
  let resident: TestUser;
  const centre = { lat: 51.4545, lng: -2.5879 };

  const report = async (title: string): Promise<string> => {
    const data = await t.gql.ok<{ reportProblem: { id: string } }>(
      REPORT,
      { input: { title, description: 'Seen every evening.', categoryCode: 'ENVIRONMENT', location: centre } },
      resident.token,
    );
    return data.reportProblem.id;
  };
  const move = (problemId: string, status: string, note?: string) =>
    t.gql.request<{ changeProblemStatus: { status: string } }>(CHANGE_STATUS, { input: { problemId, status, note } }, { token: officer.token });
  const rejected = async (title: string): Promise<string> => {
    const id = await report(title);
    expect((await move(id, 'REJECTED', 'Not a policing matter')).data?.changeProblemStatus.status).toBe('REJECTED');
    return id;
  };
  const fields = (error: { extensions?: Record<string, unknown> }) => (error.extensions?.fields as { field: string }[]).map((f) => f.field);

  beforeAll(async () => {
    t = await TestApp.start();
    [admin, officer, resident] = await Promise.all([t.user({ roles: [Role.ADMIN] }), t.user({ roles: [Role.OFFICER] }), t.user({})]);
  });
  afterAll(() => t.close());

  it('names the move in ILLEGAL_STATUS_MOVE and DUPLICATE_NEEDS_MARK_DUPLICATE', async () => {
    const id = await report('Fly-tipping behind the shops');
    const illegal = (await move(id, 'RESOLVED')).errors?.[0];
    expect(illegal?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ILLEGAL_STATUS_MOVE', currentStatus: 'REPORTED', requestedStatus: 'RESOLVED' });
    expect(illegal?.extensions?.allowedStatuses).toEqual(['SCANNING', 'REJECTED']);
    const duplicate = (await move(id, 'DUPLICATE')).errors?.[0];
    expect(duplicate?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'DUPLICATE_NEEDS_MARK_DUPLICATE' });
  });

  it('lists the SARA gate blockers as reasons', async () => {
    const id = await report('Dealing at the bus shelter');
    await move(id, 'SCANNING');
    await move(id, 'ANALYSIS');
    const blocked = (await move(id, 'RESPONSE')).errors?.[0];
    expect(blocked?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'SARA_GATE_BLOCKED', currentStatus: 'ANALYSIS', requestedStatus: 'RESPONSE' });
    expect([...(blocked?.extensions?.blockers as string[])].sort()).toEqual(['SARA_GATE_ANALYSIS_MISSING', 'SARA_GATE_NO_ADOPTED_SOLUTION']);
  });

  it('refuses supporting a closed problem, changing its analysis or merging it, each with its reason', async () => {
    const closed = await rejected('Graffiti on the old mill');
    const support = await t.gql.error(SUPPORT, { problemId: closed }, officer.token);
    expect(support.extensions).toMatchObject({ code: 'CONFLICT', reason: 'PROBLEM_CLOSED_FOR_SUPPORT', currentStatus: 'REJECTED' });
    const analysis = await t.gql.error(RECORD_ANALYSIS, { input: { problemId: closed, place: 'The mill wall' } }, officer.token);
    expect(analysis.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ANALYSIS_LOCKED', currentStatus: 'REJECTED' });
    const open = await report('Graffiti on the mill, again');
    const intoClosed = await t.gql.error(MARK_DUPLICATE, { input: { problemId: open, duplicateOfId: closed } }, officer.token);
    expect(intoClosed.extensions).toMatchObject({ code: 'CONFLICT', reason: 'MERGE_TARGET_CLOSED', duplicateOfStatus: 'REJECTED', duplicateOfId: closed });
    const fromClosed = await t.gql.error(MARK_DUPLICATE, { input: { problemId: closed, duplicateOfId: open } }, officer.token);
    expect(fromClosed.extensions).toMatchObject({ code: 'CONFLICT', reason: 'PROBLEM_NOT_OPEN_FOR_MERGE', currentStatus: 'REJECTED' });
  });

  it('refuses supporting a duplicate with PROBLEM_IS_DUPLICATE, and merging back with ALREADY_MERGED_INTO_THIS', async () => {
    const original = await report('Speeding on Park Row');
    const copy = await report('Cars speeding on Park Row');
    await t.gql.ok(MARK_DUPLICATE, { input: { problemId: copy, duplicateOfId: original } }, officer.token);
    const support = await t.gql.error(SUPPORT, { problemId: copy }, admin.token);
    expect(support.extensions).toMatchObject({ code: 'CONFLICT', reason: 'PROBLEM_IS_DUPLICATE', duplicateOfId: original });
    const back = await t.gql.error(MARK_DUPLICATE, { input: { problemId: original, duplicateOfId: copy } }, officer.token);
    expect(back.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_MERGED_INTO_THIS' });
  });

  it('names the GraphQL path of a field a service refuses', async () => {
    const unknownCategory = await t.gql.error(
      REPORT,
      { input: { title: 'A fine title', description: '', categoryCode: 'NO_SUCH_THING', location: centre } },
      resident.token,
    );
    expect(unknownCategory.extensions?.code).toBe('BAD_USER_INPUT');
    expect(fields(unknownCategory)).toEqual(['input.categoryCode']);

    const id = await report('Broken glass in the play area');
    expect(fields((await move(id, 'REJECTED')).errors?.[0] ?? {})).toEqual(['input.note']);
    expect(fields(await t.gql.error(RECORD_ANALYSIS, { input: { problemId: id } }, officer.token))).toEqual(['input']);
    expect(fields(await t.gql.error(MARK_DUPLICATE, { input: { problemId: id, duplicateOfId: id } }, officer.token))).toEqual(['input.duplicateOfId']);

    const crossed = [
      { lat: 0, lng: 0 },
      { lat: 1, lng: 1 },
      { lat: 1, lng: 0 },
      { lat: 0, lng: 1 },
      { lat: 0, lng: 0 },
    ];
    expect(fields(await t.gql.error(CREATE_AREA, { input: { name: 'Bowtie', boundary: crossed } }, admin.token))).toEqual(['input.boundary']);
    const square = [
      { lat: 0, lng: 0 },
      { lat: 0, lng: 1 },
      { lat: 1, lng: 1 },
      { lat: 1, lng: 0 },
      { lat: 0, lng: 0 },
    ];
    const area = await t.gql.ok<{ createArea: { id: string } }>(CREATE_AREA, { input: { name: 'Square', boundary: square } }, admin.token);
    const notOfficer = await t.gql.error(ASSIGN_OFFICER, { input: { areaId: area.createArea.id, userId: resident.id } }, admin.token);
    expect(fields(notOfficer)).toEqual(['input.userId']);

    const taken = await t.gql.error(CREATE_CATEGORY, { input: { code: 'ENVIRONMENT', name: 'Environment again' } }, admin.token);
    expect(fields(taken)).toEqual(['input.code']);

    expect(fields(await t.gql.error(LIST, { orderBy: 'NEAREST' }))).toEqual(['orderBy']);
  });
});

const REPORT = `mutation ($input: ReportProblemInput!) { reportProblem(input: $input) { id } }`;
const CHANGE_STATUS = `mutation ($input: ChangeProblemStatusInput!) { changeProblemStatus(input: $input) { id status } }`;
const SUPPORT = `mutation ($problemId: ID!) { supportProblem(problemId: $problemId) { id } }`;
const MARK_DUPLICATE = `mutation ($input: MarkDuplicateInput!) { markDuplicate(input: $input) { id status } }`;
const RECORD_ANALYSIS = `mutation ($input: RecordAnalysisInput!) { recordAnalysis(input: $input) { id } }`;
const CREATE_AREA = `mutation ($input: CreateAreaInput!) { createArea(input: $input) { id } }`;
const ASSIGN_OFFICER = `mutation ($input: AssignOfficerInput!) { assignOfficerToArea(input: $input) { id } }`;
const CREATE_CATEGORY = `mutation ($input: CreateCategoryInput!) { createCategory(input: $input) { code } }`;
const LIST = `query ($orderBy: ProblemOrder) { problems(orderBy: $orderBy) { edges { node { id } } } }`;
