import fc from 'fast-check';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { getNamedType, GraphQLNamedOutputType, GraphQLSchema, isEnumType, isInputObjectType } from 'graphql';
import request from 'supertest';
import { Role } from '@common-ground/shared/auth';
import { TestApp } from '../support/test-app';
import { HttpCase, malformedArb, post } from './malformed-cases';
import { operationArb, OperationCase, Pools, RootField, rootFields, selectionOf } from './schema-cases';

/**
 * Property-based fuzzing of the whole API: every operation of the schema (read from the schema
 * object, so new operations are covered without touching this file) with schema-shaped random
 * and malformed inputs, as every role, plus malformed documents and requests. A client mistake
 * must never be answered with a 5xx or INTERNAL_SERVER_ERROR.
 *
 * Seeded and reproducible: FUZZ_SEED (default 20261201), FUZZ_RUNS (operations; malformed
 * requests get half as many). On a failure fast-check prints the seed, the path and the
 * shrunk request; rerun with the same FUZZ_SEED to reproduce it.
 */
const SEED = Number(process.env['FUZZ_SEED'] ?? 20261201);
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 2000);

type Caller = 'anonymous' | 'forged token' | Role;
const CALLERS: Caller[] = ['anonymous', 'forged token', Role.RESIDENT, Role.OFFICER, Role.SUPERVISOR, Role.MODERATOR, Role.ADMIN];

interface Answer {
  status: number;
  body: unknown;
  text: string;
}

describe('fuzzing every operation of the schema', () => {
  let t: TestApp;
  let schema: GraphQLSchema;
  let roots: RootField[];
  const tokens = new Map<Caller, string | undefined>();
  const pools: Pools = { ids: [], cursors: [], strings: [] };

  const send = async (c: HttpCase, token?: string): Promise<Answer> => {
    const server = t.app.getHttpServer();
    let call =
      c.method === 'GET'
        ? request(server)
            .get('/graphql')
            .query(c.params ?? {})
        : request(server).post('/graphql');
    for (const [name, value] of Object.entries(c.headers)) call = call.set(name, value);
    if (token) call = call.set('authorization', `Bearer ${token}`);
    const response = c.method === 'POST' ? await call.send(typeof c.body === 'string' ? c.body : JSON.stringify(c.body)) : await call;
    return { status: response.status, body: response.body as unknown, text: response.text };
  };

  /** The property: no 5xx and no INTERNAL_SERVER_ERROR, whatever was sent. */
  const expectClientAnswer = (c: HttpCase, answer: Answer, caller: Caller) => {
    const errors = (Array.isArray(answer.body) ? answer.body : [answer.body]).flatMap((b) => (b as { errors?: unknown[] } | null)?.errors ?? []);
    const internal = errors.filter((e) => (e as { extensions?: { code?: string } }).extensions?.code === 'INTERNAL_SERVER_ERROR');
    if (answer.status >= 500 || internal.length > 0) {
      const shown = internal.length ? JSON.stringify(internal) : answer.text.slice(0, 600);
      throw new Error(`${c.description} as ${caller} answered ${answer.status}: ${shown}`);
    }
  };

  beforeAll(async () => {
    t = await TestApp.start({
      LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS: '1000',
      LOGIN_FAILURES_PER_ACCOUNT: '1000',
      LOGIN_FAILURES_PER_ADDRESS: '100000',
      REGISTER_RATE_LIMIT_PER_ADDRESS: '100000',
    });
    schema = t.app.get(GraphQLSchemaHost).schema;
    roots = rootFields(schema);
    tokens.set('anonymous', undefined);
    tokens.set('forged token', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.forged');
    for (const role of [Role.RESIDENT, Role.OFFICER, Role.SUPERVISOR, Role.MODERATOR, Role.ADMIN]) {
      tokens.set(role, (await t.user({ roles: [role], displayName: `Fuzz ${role}` })).token);
    }
    await seed();
    await collectPools();
  });
  afterAll(() => t.close());

  /** A little of everything, through the API, so ids and cursors point at real rows. */
  async function seed(): Promise<void> {
    const admin = tokens.get(Role.ADMIN);
    const resident = tokens.get(Role.RESIDENT);
    const at = { lat: 53.48, lng: -2.24 };
    const d = 0.02;
    const boundary = [
      { lat: at.lat - d, lng: at.lng - d },
      { lat: at.lat - d, lng: at.lng + d },
      { lat: at.lat + d, lng: at.lng + d },
      { lat: at.lat + d, lng: at.lng - d },
      { lat: at.lat - d, lng: at.lng - d },
    ];
    await t.gql.request(
      'mutation ($input: CreateAreaInput!) { createArea(input: $input) { id } }',
      { input: { name: 'Fuzz ward', boundary } },
      { token: admin },
    );
    for (let i = 0; i < 3; i++) {
      const reported = await t.gql.request<{ reportProblem: { id: string } }>(
        'mutation ($input: ReportProblemInput!) { reportProblem(input: $input) { id } }',
        { input: { title: `Fuzz problem number ${i}`, description: 'Seeded for fuzzing.', categoryCode: 'OTHER', location: at } },
        { token: resident },
      );
      const problemId = reported.data?.reportProblem.id;
      if (!problemId) continue;
      const proposed = await t.gql.request<{ proposeSolution: { id: string } }>(
        'mutation ($input: ProposeSolutionInput!) { proposeSolution(input: $input) { id } }',
        { input: { problemId, title: `Fuzz solution ${i}`, description: 'Seeded for fuzzing.' } },
        { token: resident },
      );
      await t.gql.request(
        'mutation ($input: AddCommentInput!) { addComment(input: $input) { id } }',
        { input: { problemId, body: 'A seeded comment.' } },
        { token: resident },
      );
      const solutionId = proposed.data?.proposeSolution.id;
      if (solutionId) {
        await t.gql.request(
          'mutation ($input: AddCommentInput!) { addComment(input: $input) { id } }',
          { input: { solutionId, body: 'On the solution.' } },
          { token: resident },
        );
      }
    }
  }

  /** Ids of every table with a uuid id, category codes, and real cursors of every list and ordering. */
  async function collectPools(): Promise<void> {
    const tables: { table_name: string }[] = await t.dataSource.query(
      `SELECT table_name FROM information_schema.columns
        WHERE table_schema = 'public' AND column_name = 'id' AND data_type = 'uuid' ORDER BY table_name`,
    );
    for (const { table_name } of tables) {
      const rows: { id: string }[] = await t.dataSource.query(`SELECT id::text AS id FROM "${table_name}" ORDER BY id LIMIT 4`);
      pools.ids.push(...rows.map((r) => r.id));
    }
    const codes: { code: string }[] = await t.dataSource.query('SELECT code FROM categories ORDER BY code');
    pools.strings.push(...codes.map((c) => c.code));
    const admin = tokens.get(Role.ADMIN);
    for (const { kind, field } of roots) {
      if (kind !== 'query' || field.args.some((a) => a.type.toString().endsWith('!') && a.defaultValue === undefined)) continue;
      const orderBy = field.args.find((a) => a.name === 'orderBy');
      const orderType = orderBy && getNamedType(orderBy.type);
      const orders = orderType && isEnumType(orderType) ? orderType.getValues().map((v) => v.name) : [undefined];
      const filter = field.args.find((a) => a.name === 'filter');
      const filterType = filter && getNamedType(filter.type);
      const near =
        filterType && isInputObjectType(filterType) && 'near' in filterType.getFields()
          ? 'filter: { near: { lat: 53.48, lng: -2.24, radiusMeters: 5000 } }'
          : '';
      const selection = selectionOf(getNamedType(field.type) as GraphQLNamedOutputType, 3);
      for (const order of orders) {
        const args = [near, order ? `orderBy: ${order}` : '', field.args.some((a) => a.name === 'first') ? 'first: 1' : ''].filter(Boolean).join(', ');
        const response = await t.gql.request(`{ ${field.name}${args ? `(${args})` : ''} ${selection} }`, {}, { token: admin });
        harvestCursors(response.data, pools.cursors);
      }
    }
    pools.cursors = [...new Set(pools.cursors)];
  }

  it('has the operations and values to work with', () => {
    expect(roots.filter((r) => r.kind === 'query').length).toBeGreaterThan(5);
    expect(roots.filter((r) => r.kind === 'mutation').length).toBeGreaterThan(10);
    expect(pools.ids.length).toBeGreaterThan(10);
    expect(pools.cursors.length).toBeGreaterThan(3);
  });

  it('answers every operation, with random and malformed arguments, as every role, without a server error', async () => {
    const operations = fc.oneof(...roots.map((root) => operationArb(root, pools)));
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(operations, fc.constantFrom(...CALLERS), async (op: OperationCase, caller: Caller) => {
        seen.set(op.field, (seen.get(op.field) ?? 0) + 1);
        const c = { ...post(op.query, op.variables), description: `${op.kind} ${op.field}` };
        expectClientAnswer(c, await send(c, tokens.get(caller)), caller);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    // Every operation was tried.
    expect(roots.filter((r) => !seen.has(r.field.name)).map((r) => r.field.name)).toEqual([]);
  });

  it('answers malformed documents and requests without a server error', async () => {
    const operations = fc.oneof(...roots.map((root) => operationArb(root, pools)));
    await fc.assert(
      fc.asyncProperty(malformedArb(operations), fc.constantFrom(...CALLERS), async (c: HttpCase, caller: Caller) => {
        expectClientAnswer(c, await send(c, tokens.get(caller)), caller);
      }),
      { seed: SEED + 1, numRuns: Math.ceil(RUNS / 2), endOnFailure: true },
    );
  });
});

/** Every `cursor` and `endCursor` string in a response. */
function harvestCursors(value: unknown, into: string[]): void {
  if (value === null || typeof value !== 'object') return;
  for (const [key, item] of Object.entries(value)) {
    if ((key === 'cursor' || key === 'endCursor') && typeof item === 'string') into.push(item);
    else harvestCursors(item, into);
  }
}
