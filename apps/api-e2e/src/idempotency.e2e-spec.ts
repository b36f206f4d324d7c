import { IdempotencyKeys } from '@common-ground/shared/idempotency';
import { GraphQLErrorShape, GraphQLResponse } from '@common-ground/shared/testing';
import { recordSql } from './support/sql-recorder';
import { TestApp, TestUser } from './support/test-app';

type Created = { id: string };

/**
 * Creating mutations with an Idempotency-Key: a retry returns the first result and creates
 * nothing; the key is the user's own, kept for IDEMPOTENCY_KEY_TTL_HOURS; and the answer of a
 * creation comes from what its transaction wrote, not from a read after the commit.
 */
describe('idempotent creating mutations', () => {
  let t: TestApp;
  let resident: TestUser;
  let neighbour: TestUser;
  let problemId: string;
  let solutionId: string;
  let keys = 0;
  const centre = { lat: 53.4808, lng: -2.2426 };
  const newKey = () => `key-${++keys}-${Date.now()}`;

  const codeOf = (error: GraphQLErrorShape | undefined) => error?.extensions?.code;
  const send = <T>(document: string, input: Record<string, unknown>, user: TestUser, key?: string): Promise<GraphQLResponse<T>> =>
    t.gql.request<T>(document, { input }, { token: user.token, headers: key === undefined ? {} : { 'Idempotency-Key': key } });
  const count = async (sql: string, parameters: unknown[]): Promise<number> => {
    const [row] = await t.dataSource.query(`SELECT count(*)::int AS n FROM ${sql}`, parameters);
    return (row as { n: number }).n;
  };

  /** Each creating mutation: its document, a valid input (varied by `n`), and how to count what it made. */
  interface Operation {
    name: 'reportProblem' | 'proposeSolution' | 'addComment' | 'createOrganisation';
    document: string;
    input: (n: string) => Record<string, unknown>;
    rows: (input: Record<string, unknown>, user: TestUser) => Promise<number>;
  }
  const operations = (): Operation[] => [
    {
      name: 'reportProblem',
      document: REPORT,
      input: (n) => ({ title: `Broken lamp ${n} on Oldham Street`, description: 'Dark every night.', categoryCode: 'ENVIRONMENT', location: centre }),
      rows: (input, user) => count('problems WHERE reporter_id = $1 AND title = $2', [user.id, input.title]),
    },
    {
      name: 'proposeSolution',
      document: PROPOSE,
      input: (n) => ({ problemId, title: `Brighter lamps ${n}`, description: 'LED lamps.', capacityNeeds: [{ kind: 'VOLUNTEER_HOURS', quantity: 4 }] }),
      rows: (input, user) => count('solutions WHERE proposer_id = $1 AND title = $2', [user.id, input.title]),
    },
    {
      name: 'addComment',
      document: ADD_COMMENT,
      input: (n) => ({ solutionId, body: `Good idea ${n}` }),
      rows: (input, user) => count('comments WHERE author_id = $1 AND body = $2', [user.id, input.body]),
    },
    {
      name: 'createOrganisation',
      document: CREATE_ORGANISATION,
      input: (n) => ({ name: `Friends of Piccadilly ${n}`, description: 'Volunteers.' }),
      rows: (input) => count('organisations WHERE name = $1', [input.name]),
    },
  ];
  const idOf = (operation: Operation, response: GraphQLResponse<Record<string, Created>>): string => {
    const id = response.data?.[operation.name]?.id;
    if (!id) throw new Error(`${operation.name} failed: ${JSON.stringify(response.errors)}`);
    return id;
  };

  let OPERATIONS: Operation[];

  beforeAll(async () => {
    OPERATIONS = operations();
    t = await TestApp.start();
    [resident, neighbour] = await t.users(2);
    const problem = await t.gql.ok<{ reportProblem: Created }>(REPORT, { input: OPERATIONS[0].input('base') }, resident.token);
    problemId = problem.reportProblem.id;
    const solution = await t.gql.ok<{ proposeSolution: Created }>(PROPOSE, { input: { problemId, title: 'Base solution', description: '' } }, resident.token);
    solutionId = solution.proposeSolution.id;
  });

  afterAll(async () => {
    await t?.close();
  });

  describe.each(['reportProblem', 'proposeSolution', 'addComment', 'createOrganisation'] as const)('%s', (name) => {
    let operation: Operation;
    beforeAll(() => {
      const found = OPERATIONS.find((candidate) => candidate.name === name);
      if (!found) throw new Error(`no operation ${name}`);
      operation = found;
    });

    it('creates once for a key sent twice, and answers the retry with the first result', async () => {
      const key = newKey();
      const input = operation.input(key);
      const first = await send<Record<string, Created>>(operation.document, input, resident, key);
      const retry = await send<Record<string, Created>>(operation.document, input, resident, key);
      expect(retry.errors).toBeUndefined();
      expect(retry.data).toEqual(first.data);
      expect(idOf(operation, retry)).toBe(idOf(operation, first));
      expect(await operation.rows(input, resident)).toBe(1);
      const [stored] = await t.dataSource.query('SELECT operation, result_id FROM idempotency_keys WHERE user_id = $1 AND key = $2', [resident.id, key]);
      expect(stored).toEqual({ operation: operation.name, result_id: idOf(operation, first) });
    });

    it('treats a request again without a key as a new one (the header is what makes a retry safe)', async () => {
      const input = operation.input(newKey());
      const first = await send<Record<string, Created>>(operation.document, input, resident);
      const second = await send<Record<string, Created>>(operation.document, input, resident);
      if (operation.name === 'createOrganisation') {
        // Organisation names are unique: the second one is refused, not answered with the first.
        expect(second.errors?.[0].extensions?.fields).toEqual([{ field: 'input.name', message: expect.any(String) }]);
        expect(await operation.rows(input, resident)).toBe(1);
        return;
      }
      expect(idOf(operation, second)).not.toBe(idOf(operation, first));
      expect(await operation.rows(input, resident)).toBe(2);
    });

    it('refuses the same key with another input as a CONFLICT with a reason, creating nothing', async () => {
      const key = newKey();
      const input = operation.input(key);
      await send(operation.document, input, resident, key);
      const other = operation.input(`${key}-other`);
      const response = await send(operation.document, other, resident, key);
      expect(response.data).toBeNull();
      expect(codeOf(response.errors?.[0])).toBe('CONFLICT');
      expect(response.errors?.[0].extensions).toMatchObject({ reason: 'IDEMPOTENCY_KEY_REUSED', header: 'Idempotency-Key' });
      expect(await operation.rows(other, resident)).toBe(0);
      expect(await operation.rows(input, resident)).toBe(1);
    });

    it('answers from what its transaction wrote: no SELECT of the new row after its INSERT', async () => {
      const table = { reportProblem: 'problems', proposeSolution: 'solutions', addComment: 'comments', createOrganisation: 'organisations' }[operation.name];
      const input = operation.input(newKey());
      const { result, queries } = await recordSql(t.dataSource, () => send<Record<string, Created>>(operation.document, input, resident, newKey()));
      const id = idOf(operation, result);
      // The INSERT, on its own or as a data-modifying CTE of a larger statement.
      const insert = queries.findIndex((q) => new RegExp(`(^\\s*|\\bAS \\(\\s*)INSERT INTO "?${table}"?[\\s(]`, 'i').test(q.query));
      expect(insert).toBeGreaterThanOrEqual(0);
      expect(queries[insert].query).toMatch(/RETURNING/);
      const readsAfter = queries.slice(insert + 1).filter((q) => new RegExp(`^\\s*SELECT\\b[\\s\\S]*\\bFROM\\s+"?${table}"?(\\s|$)`, 'i').test(q.query));
      expect(readsAfter).toEqual([]);
      // The answer holds the row as written, defaults included.
      const stamp = operation.name === 'reportProblem' ? 'reportedAt' : 'createdAt';
      expect(result.data?.[operation.name]).toMatchObject({ id, [stamp]: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    });
  });

  it('gives the reporter the problem as written: status, support, time and place from the INSERT', async () => {
    const input = OPERATIONS[0].input(newKey());
    const response = await send<{ reportProblem: { id: string; status: string; supportCount: number; reportedAt: string; location: unknown } }>(
      REPORT,
      input,
      resident,
      newKey(),
    );
    const problem = response.data?.reportProblem;
    if (!problem) throw new Error(JSON.stringify(response.errors));
    expect(problem).toMatchObject({ status: 'REPORTED', supportCount: 1, location: centre });
    const [row] = await t.dataSource.query('SELECT reported_at FROM problems WHERE id = $1', [problem.id]);
    expect(new Date(problem.reportedAt).toISOString()).toBe((row as { reported_at: Date }).reported_at.toISOString());
  });

  it('refuses a key used for another operation as a CONFLICT', async () => {
    const key = newKey();
    await send(REPORT, OPERATIONS[0].input(key), resident, key);
    const input = OPERATIONS[2].input(key);
    const response = await send(ADD_COMMENT, input, resident, key);
    expect(codeOf(response.errors?.[0])).toBe('CONFLICT');
    expect(response.errors?.[0].extensions).toMatchObject({ reason: 'IDEMPOTENCY_KEY_REUSED', operation: 'reportProblem' });
    expect(await OPERATIONS[2].rows(input, resident)).toBe(0);
  });

  it('keeps no key for a request that failed: the same key then works with a corrected input', async () => {
    const key = newKey();
    const wrong = { ...OPERATIONS[0].input(key), categoryCode: 'NOT_A_CATEGORY' };
    const failed = await send(REPORT, wrong, resident, key);
    expect(codeOf(failed.errors?.[0])).toBe('BAD_USER_INPUT');
    expect(await count('idempotency_keys WHERE user_id = $1 AND key = $2', [resident.id, key])).toBe(0);
    const input = OPERATIONS[0].input(key);
    const created = await send<Record<string, Created>>(REPORT, input, resident, key);
    expect(idOf(OPERATIONS[0], created)).toMatch(/^[0-9a-f-]{36}$/);
    expect(await OPERATIONS[0].rows(input, resident)).toBe(1);
  });

  it('creates one row for 20 concurrent requests with one key, and answers each with it', async () => {
    const key = newKey();
    const input = OPERATIONS[0].input(key);
    const responses = await Promise.all(Array.from({ length: 20 }, () => send<Record<string, Created>>(REPORT, input, resident, key)));
    const ids = new Set(responses.map((response) => idOf(OPERATIONS[0], response)));
    expect(ids.size).toBe(1);
    expect(await OPERATIONS[0].rows(input, resident)).toBe(1);
    const [id] = ids;
    expect(await count('problem_events WHERE problem_id = $1', [id])).toBe(1);
    expect(await count('problem_supports WHERE problem_id = $1', [id])).toBe(1);
  });

  it('scopes keys to the user: the same key from two users creates two rows', async () => {
    const key = newKey();
    const input = OPERATIONS[0].input(key);
    const mine = idOf(OPERATIONS[0], await send<Record<string, Created>>(REPORT, input, resident, key));
    const theirs = idOf(OPERATIONS[0], await send<Record<string, Created>>(REPORT, input, neighbour, key));
    expect(theirs).not.toBe(mine);
    expect(await OPERATIONS[0].rows(input, resident)).toBe(1);
    expect(await OPERATIONS[0].rows(input, neighbour)).toBe(1);
    // Each user's retry still finds their own.
    expect(idOf(OPERATIONS[0], await send<Record<string, Created>>(REPORT, input, neighbour, key))).toBe(theirs);
  });

  it('forgets a key after its retention: the key creates again, and expired keys are deleted', async () => {
    const ttl = t.config.idempotency.keyTtlHours;
    expect(ttl).toBe(24);
    const [expired, live] = [newKey(), newKey()];
    const input = OPERATIONS[0].input(expired);
    const first = idOf(OPERATIONS[0], await send<Record<string, Created>>(REPORT, input, resident, expired));
    await send(REPORT, OPERATIONS[0].input(live), resident, live);
    await t.dataSource.query(
      `UPDATE idempotency_keys SET created_at = now() - make_interval(hours => $3) - interval '1 minute' WHERE user_id = $1 AND key = $2`,
      [resident.id, expired, ttl],
    );
    const again = idOf(OPERATIONS[0], await send<Record<string, Created>>(REPORT, input, resident, expired));
    expect(again).not.toBe(first);
    expect(await OPERATIONS[0].rows(input, resident)).toBe(2);
    const [stored] = await t.dataSource.query('SELECT result_id FROM idempotency_keys WHERE user_id = $1 AND key = $2', [resident.id, expired]);
    expect(stored).toEqual({ result_id: again });

    await t.dataSource.query(
      `UPDATE idempotency_keys SET created_at = now() - make_interval(hours => $3) - interval '1 minute' WHERE user_id = $1 AND key = $2`,
      [resident.id, expired, ttl],
    );
    const before = await count('idempotency_keys', []);
    expect(await t.app.get(IdempotencyKeys).purgeExpired()).toBe(1);
    expect(await count('idempotency_keys', [])).toBe(before - 1);
    expect(await count('idempotency_keys WHERE user_id = $1 AND key = $2', [resident.id, expired])).toBe(0);
    expect(await count('idempotency_keys WHERE user_id = $1 AND key = $2', [resident.id, live])).toBe(1);
  });

  it.each([
    ['empty', '', 'must not be empty'],
    ['too long', 'k'.repeat(256), 'at most 255 characters'],
    ['with a control character', 'key\twith-tab', 'printable ASCII'],
    ['not ASCII', 'clé', 'printable ASCII'],
  ])('refuses a key that is %s as BAD_USER_INPUT naming the header, creating nothing', async (_case, key, message) => {
    const input = OPERATIONS[0].input(newKey());
    const response = await send(REPORT, input, resident, key);
    expect(response.data).toBeNull();
    expect(codeOf(response.errors?.[0])).toBe('BAD_USER_INPUT');
    const fields = response.errors?.[0].extensions?.fields as { field: string; message: string }[];
    expect(fields).toEqual([{ field: 'Idempotency-Key', message: expect.stringContaining(message) }]);
    expect(await OPERATIONS[0].rows(input, resident)).toBe(0);
  });

  it('takes a key of 255 printable characters, spaces and symbols included', async () => {
    const key = `${'a b~!'.repeat(51)}`;
    expect(key).toHaveLength(255);
    const input = OPERATIONS[0].input(newKey());
    const first = idOf(OPERATIONS[0], await send<Record<string, Created>>(REPORT, input, resident, key));
    expect(idOf(OPERATIONS[0], await send<Record<string, Created>>(REPORT, input, resident, key))).toBe(first);
    expect(await OPERATIONS[0].rows(input, resident)).toBe(1);
  });
});

const REPORT = /* GraphQL */ `
  mutation Report($input: ReportProblemInput!) {
    reportProblem(input: $input) {
      id
      title
      status
      supportCount
      reportedAt
      location {
        lat
        lng
      }
    }
  }
`;

const PROPOSE = /* GraphQL */ `
  mutation Propose($input: ProposeSolutionInput!) {
    proposeSolution(input: $input) {
      id
      title
      status
      createdAt
      capacityNeeds {
        kind
        quantity
      }
    }
  }
`;

const ADD_COMMENT = /* GraphQL */ `
  mutation AddComment($input: AddCommentInput!) {
    addComment(input: $input) {
      id
      body
      official
      createdAt
    }
  }
`;

const CREATE_ORGANISATION = /* GraphQL */ `
  mutation CreateOrganisation($input: CreateOrganisationInput!) {
    createOrganisation(input: $input) {
      id
      name
      description
      createdAt
    }
  }
`;
