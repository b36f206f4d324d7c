import { LoggerService } from '@nestjs/common';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import request from 'supertest';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { GraphQLResponse } from '@common-ground/shared/testing';
import { TestApp, TestUser } from './support/test-app';

/** Client mistakes are answered as 4xx codes naming what was wrong, never as server errors. */
describe('client mistakes', () => {
  let t: TestApp;
  let resident: TestUser;
  let problemId: string;
  let solutionId: string;
  const at = { lat: 53.4808, lng: -2.2426 };

  const post = (body: unknown) => request(t.app.getHttpServer()).post('/graphql').set('content-type', 'application/json').send(JSON.stringify(body));

  beforeAll(async () => {
    t = await TestApp.start();
    resident = await t.user({ displayName: 'Rita Resident' });
    for (let i = 0; i < 3; i++) {
      const { reportProblem } = await t.gql.ok<{ reportProblem: { id: string } }>(
        REPORT,
        { input: { title: `Broken lamp number ${i}`, description: 'Dark every night.', categoryCode: 'ENVIRONMENT', location: at } },
        resident.token,
      );
      problemId = reportProblem.id;
    }
    for (let i = 0; i < 3; i++) {
      const { proposeSolution } = await t.gql.ok<{ proposeSolution: { id: string } }>(
        PROPOSE,
        { input: { problemId, title: `Fix the lamp, plan ${i}`, description: 'Call the council.' } },
        resident.token,
      );
      solutionId = proposeSolution.id;
      await t.gql.ok(COMMENT, { input: { problemId, body: `Comment ${i} on the problem` } }, resident.token);
    }
    for (let i = 0; i < 3; i++) await t.gql.ok(COMMENT, { input: { solutionId, body: `Comment ${i} on the solution` } }, resident.token);
    const officer = await t.make.users.officer();
    await t.gql.ok(
      'mutation ($input: ChangeProblemStatusInput!) { changeProblemStatus(input: $input) { id } }',
      { input: { problemId, status: 'SCANNING' } },
      officer.token,
    );
  });
  afterAll(() => t.close());

  describe('documents', () => {
    it.each(['{ problems(', 'qwerty cop { abc }', '{ problems { edges { node { id } }', 'query ($: Int) { me { id } }', '{ me { id } } }', '"unterminated'])(
      'answers the syntax error in %j with 400 GRAPHQL_PARSE_FAILED',
      async (query) => {
        const response = await post({ query });
        expect(response.status).toBe(400);
        expect(response.body.errors).toHaveLength(1);
        expect(response.body.errors[0].extensions).toEqual({ code: 'GRAPHQL_PARSE_FAILED' });
        expect(response.body.errors[0].message).toMatch(/^Syntax Error: /);
      },
    );

    it('answers the token limit with 400 naming the limit, not as a syntax error', async () => {
      const response = await post({ query: `{ ${Array.from({ length: 1100 }, (_, i) => `a${i}: __typename`).join(' ')} }` });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([
        expect.objectContaining({ message: 'Token limit of 2000 exceeded.', extensions: { code: 'GRAPHQL_PARSE_FAILED', reason: 'TOKEN_LIMIT' } }),
      ]);
    });

    it('answers a subscription over HTTP with 400 OPERATION_NOT_SUPPORTED', async () => {
      // A valid subscription document, whether or not the schema has subscriptions yet.
      const root = t.app.get(GraphQLSchemaHost).schema.getSubscriptionType();
      const field = root && Object.values(root.getFields()).find((f) => f.args.every((a) => !a.type.toString().endsWith('!')));
      const query = field ? `subscription { ${field.name} { __typename } }` : 'subscription { __typename }';
      const response = await post({ query });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([
        {
          message: 'Subscriptions are served over WebSocket (the graphql-ws protocol) on /graphql, not over HTTP',
          extensions: { code: 'OPERATION_NOT_SUPPORTED' },
        },
      ]);
    });

    it('gives persisted-query mistakes their own codes', async () => {
      const query = '{ __typename }';
      const wrongHash = await post({ query, extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } });
      expect(wrongHash.status).toBe(400);
      expect(wrongHash.body.errors[0].extensions).toEqual({ code: 'PERSISTED_QUERY_HASH_MISMATCH' });
      const version = await post({ query, extensions: { persistedQuery: { version: 2, sha256Hash: 'abc' } } });
      expect(version.status).toBe(400);
      expect(version.body.errors[0].extensions).toEqual({ code: 'PERSISTED_QUERY_VERSION_UNSUPPORTED' });
      const unknown = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } });
      expect(unknown.body.errors[0].extensions).toEqual({ code: 'PERSISTED_QUERY_NOT_FOUND' });
    });

    it('answers more than 50 bad variable values with BAD_USER_INPUT only', async () => {
      const capacityNeeds = Array.from({ length: 60 }, () => ({ kind: 'x', quantity: 1.5 }));
      const response = await post({ query: PROPOSE, variables: { input: { problemId, title: 'Many needs', description: 'x', capacityNeeds } } });
      expect(response.status).toBe(400);
      const codes = new Set(response.body.errors.map((e: { extensions: { code: string } }) => e.extensions.code));
      expect([...codes]).toEqual(['BAD_USER_INPUT']);
    });
  });

  describe('cursors', () => {
    interface List {
      name: string;
      query: string;
      variables: Record<string, unknown>;
      /** The connection in the response. */
      page: (data: Record<string, unknown>) => { edges: { cursor: string }[]; pageInfo: { endCursor: string | null } };
    }
    const problems = (orderBy: string, filter?: unknown): List => ({
      name: `problems ${orderBy}`,
      query: PROBLEMS,
      variables: { orderBy, filter },
      page: (data) => data['problems'] as ReturnType<List['page']>,
    });
    const lists = (): List[] => [
      problems('NEWEST'),
      problems('MOST_SUPPORTED'),
      problems('PRIORITY'),
      problems('NEAREST', { near: { ...at, radiusMeters: 1000 } }),
      ...['TOP', 'NEWEST'].map((orderBy) => ({
        name: `Problem.solutions ${orderBy}`,
        query: PROBLEM_SOLUTIONS,
        variables: { id: problemId, orderBy },
        page: (data: Record<string, unknown>) => (data['problem'] as { solutions: ReturnType<List['page']> }).solutions,
      })),
      {
        name: 'Problem.timeline',
        query: PROBLEM_TIMELINE,
        variables: { id: problemId },
        page: (data) => (data['problem'] as { timeline: ReturnType<List['page']> }).timeline,
      },
      {
        name: 'Problem.comments',
        query: PROBLEM_COMMENTS,
        variables: { id: problemId },
        page: (data) => (data['problem'] as { comments: ReturnType<List['page']> }).comments,
      },
      {
        name: 'Solution.comments',
        query: SOLUTION_COMMENTS,
        variables: { id: solutionId },
        page: (data) => (data['solution'] as { comments: ReturnType<List['page']> }).comments,
      },
    ];
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
    const decode = (cursor: string) => JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    const firstCursor = async (list: List): Promise<string> => {
      const data = await t.gql.ok<Record<string, unknown>>(list.query, { ...list.variables, first: 1 });
      const cursor = list.page(data).pageInfo.endCursor;
      if (!cursor) throw new Error(`${list.name} has no cursor`);
      return cursor;
    };
    const afterError = async (list: List, after: string) => {
      const response = await t.gql.request(list.query, { ...list.variables, first: 1, after });
      return response.errors?.[0];
    };

    it('pages on with the cursors they gave (control)', async () => {
      for (const list of lists()) {
        const cursor = await firstCursor(list);
        const data = await t.gql.ok<Record<string, unknown>>(list.query, { ...list.variables, first: 1, after: cursor });
        const next = list.page(data).edges;
        expect({ list: list.name, next: next.length, same: next[0]?.cursor === cursor }).toEqual({ list: list.name, next: 1, same: false });
      }
    });

    it('refuses well-formed cursors with wrong-typed values on every list and ordering, naming after', async () => {
      for (const list of lists()) {
        const [scope, ...values] = decode(await firstCursor(list));
        const forgeries = [values.map(() => null), values.map(() => 12345), values.map(() => 'garbage'), values.map(() => ({})), [...values].reverse()];
        for (const forged of forgeries) {
          const error = await afterError(list, encode([scope, ...forged]));
          expect({ list: list.name, forged, code: error?.extensions?.code, fields: error?.extensions?.['fields'] }).toEqual({
            list: list.name,
            forged,
            code: 'BAD_USER_INPUT',
            fields: [{ field: 'after', message: 'is not a cursor of this list' }],
          });
        }
        const bare = await afterError(list, encode(values.map(() => null)));
        expect(bare?.extensions?.code).toBe('BAD_USER_INPUT');
      }
    });

    it('refuses [null, null] instead of answering an empty page', async () => {
      const error = await afterError(problems('NEWEST'), encode([null, null]));
      expect(error?.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: [{ field: 'after', message: 'is not a cursor of this list' }] });
    });

    it('refuses a cursor of another list or ordering', async () => {
      const all = lists();
      const cursors = await Promise.all(all.map(firstCursor));
      for (const [i, list] of all.entries()) {
        for (const [j, other] of cursors.entries()) {
          if (i === j || (list.name.endsWith('.comments') && all[j].name.endsWith('.comments'))) continue;
          const error = await afterError(list, other);
          expect({ list: list.name, other: all[j].name, code: error?.extensions?.code, fields: error?.extensions?.['fields'] }).toEqual({
            list: list.name,
            other: all[j].name,
            code: 'BAD_USER_INPUT',
            fields: [{ field: 'after', message: 'is a cursor of another list or ordering' }],
          });
        }
      }
    });
  });

  describe('values', () => {
    const expectField = (response: GraphQLResponse<unknown>, field: string, message: string) => {
      expect(response.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: [{ field, message }] });
    };
    const NUL = 'must not contain NUL characters';
    const SURROGATE = 'must be valid Unicode (no lone surrogates)';

    it('refuses a NUL byte in categoryCode, categoryCodes and similarProblems(title), naming the field', async () => {
      const input = { title: 'Broken lamp', description: 'Dark.', categoryCode: 'ENV\u0000', location: at };
      expectField(await t.gql.request(REPORT, { input }, { token: resident.token }), 'input.categoryCode', NUL);
      expectField(await t.gql.request(PROBLEMS, { filter: { categoryCodes: ['OTHER', 'a\u0000b'] } }), 'filter.categoryCodes.1', NUL);
      expectField(await t.gql.request(SIMILAR, { title: 'lamp\u0000', location: at }), 'title', NUL);
      const inline = await t.gql.request('{ similarProblems(title: "a\\u0000b", location: { lat: 1, lng: 1 }) { id } }');
      expectField(inline, 'title', NUL);
    });

    it('refuses a lone surrogate in an e-mail address, naming the field', async () => {
      const register = await t.gql.request(REGISTER, { input: { email: 'ann\ud800@example.org', password: 'correct horse battery', displayName: 'Ann' } });
      expectField(register, 'input.email', SURROGATE);
      const login = await t.gql.request(LOGIN, { input: { email: 'ann\udfff@example.org', password: 'correct horse battery' } });
      expectField(login, 'input.email', SURROGATE);
    });

    it('refuses a radius too small to compute with', async () => {
      const response = await t.gql.request(PROBLEMS, { filter: { near: { ...at, radiusMeters: 5e-324 } } });
      expectField(response, 'filter.near.radiusMeters', 'is too small a number');
      // A radius of 0 is fine: the problems exactly at the point.
      const zero = await t.gql.ok<{ problems: { totalCount: number } }>(PROBLEMS, { filter: { near: { ...at, radiusMeters: 0 } } });
      expect(zero.problems.totalCount).toBe(3);
    });

    it('caps filter lists', async () => {
      const statuses = ['REPORTED', 'SCANNING', 'ANALYSIS', 'RESPONSE', 'ASSESSMENT', 'RESOLVED', 'DUPLICATE', 'REJECTED'];
      const all = await t.gql.ok<{ problems: { totalCount: number } }>(PROBLEMS, { filter: { statuses } });
      expect(all.problems.totalCount).toBe(3);
      expectField(await t.gql.request(PROBLEMS, { filter: { statuses: [...statuses, 'REPORTED'] } }), 'filter.statuses', 'must have at most 8 entries');
      const codes = Array.from({ length: 51 }, (_, i) => `CODE_${i}`);
      expectField(await t.gql.request(PROBLEMS, { filter: { categoryCodes: codes } }), 'filter.categoryCodes', 'must have at most 50 entries');
    });
  });

  describe('logging', () => {
    const entries: { level: string; args: unknown[] }[] = [];
    const recorder: LoggerService = {
      log: (...args: unknown[]) => entries.push({ level: 'info', args }),
      warn: (...args: unknown[]) => entries.push({ level: 'warn', args }),
      error: (...args: unknown[]) => entries.push({ level: 'error', args }),
      debug: () => undefined,
      verbose: () => undefined,
    };
    beforeAll(() => t.app.useLogger(recorder));
    afterAll(() => t.app.useLogger(t.app.get(PinoNestLogger)));
    beforeEach(() => (entries.length = 0));

    it('logs a user error at info, without a stack or the values sent', async () => {
      const response = await t.gql.request(REGISTER, { input: { email: 'not an e-mail', password: 'secret password 1', displayName: 'Ann' } });
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(entries.map((e) => e.level)).toEqual(['info']);
      expect(entries[0].args).toEqual([
        { code: 'BAD_USER_INPUT', reason: undefined, path: ['register'], fields: ['input.email'] },
        'GraphQL client error BAD_USER_INPUT',
        'GraphQLError',
      ]);
      expect(JSON.stringify(entries)).not.toMatch(/secret password|stack|not an e-mail/);
    });

    it('logs an internal error at error, with its reference', async () => {
      await t.dataSource.query('ALTER TABLE organisations RENAME TO organisations_moved');
      try {
        const response = await t.gql.request(
          'mutation { createOrganisation(input: { name: "Broken Club", description: "" }) { id } }',
          {},
          { token: resident.token },
        );
        const reference = response.errors?.[0]?.extensions?.['reference'];
        expect(response.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
        expect(entries.map((e) => e.level)).toEqual(['error']);
        expect(entries[0].args[0]).toEqual(expect.objectContaining({ reference }));
        expect(entries[0].args[1]).toBe(`Unexpected error (reference ${String(reference)})`);
      } finally {
        await t.dataSource.query('ALTER TABLE organisations_moved RENAME TO organisations');
      }
    });
  });
});

const REPORT = 'mutation ($input: ReportProblemInput!) { reportProblem(input: $input) { id } }';
const PROPOSE = 'mutation ($input: ProposeSolutionInput!) { proposeSolution(input: $input) { id } }';
const COMMENT = 'mutation ($input: AddCommentInput!) { addComment(input: $input) { id } }';
const REGISTER = 'mutation ($input: RegisterInput!) { register(input: $input) { accessToken } }';
const LOGIN = 'mutation ($input: LoginInput!) { login(input: $input) { accessToken } }';
const SIMILAR = 'query ($title: String!, $location: LatLngInput!) { similarProblems(title: $title, location: $location) { id } }';
const PAGE = 'totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } }';
const PROBLEMS = `query ($filter: ProblemFilter, $orderBy: ProblemOrder, $first: Int, $after: String) {
  problems(filter: $filter, orderBy: $orderBy, first: $first, after: $after) { ${PAGE} } }`;
const PROBLEM_SOLUTIONS = `query ($id: ID!, $orderBy: SolutionOrder, $first: Int, $after: String) {
  problem(id: $id) { solutions(orderBy: $orderBy, first: $first, after: $after) { ${PAGE} } } }`;
const PROBLEM_TIMELINE = `query ($id: ID!, $first: Int, $after: String) {
  problem(id: $id) { timeline(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { at } } } } }`;
const PROBLEM_COMMENTS = `query ($id: ID!, $first: Int, $after: String) { problem(id: $id) { comments(first: $first, after: $after) { ${PAGE} } } }`;
const SOLUTION_COMMENTS = `query ($id: ID!, $first: Int, $after: String) { solution(id: $id) { comments(first: $first, after: $after) { ${PAGE} } } }`;
