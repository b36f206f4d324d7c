import request from 'supertest';
import { createTestDatabase, TestDatabase } from '@common-ground/shared/testing';
import { TestApp, TestUser } from './support/test-app';

/**
 * The A/B switches change nothing a client sees. The same requests go to two apps on one
 * database that differ in one switch only, and must get the same status, headers and body:
 * HTTP_ADAPTER (Express, Fastify) at the HTTP level, GRAPHQL_EXECUTOR (graphql-js, jit) for
 * answers, errors (codes, reasons, paths, locations) and variable errors. The whole suite also
 * runs under each value (`HTTP_ADAPTER=fastify GRAPHQL_EXECUTOR=jit npm run test:e2e`).
 */

/** One raw HTTP request. */
interface Call {
  name: string;
  method: 'get' | 'post' | 'put' | 'options' | 'delete';
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** Headers that say nothing about behaviour (times, validators, framing, the connection). */
const UNCOMPARED_HEADERS = new Set(['date', 'etag', 'last-modified', 'content-length', 'connection', 'keep-alive', 'transfer-encoding']);
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

async function answer(t: TestApp, call: Call) {
  let pending = request(t.app.getHttpServer())[call.method](call.path);
  for (const [name, value] of Object.entries(call.headers ?? {})) pending = pending.set(name, value);
  const response = await (call.body === undefined ? pending : pending.send(call.body));
  const headers = Object.fromEntries(
    Object.entries(response.headers as Record<string, string>)
      .filter(([name]) => !UNCOMPARED_HEADERS.has(name))
      .sort(([a], [b]) => a.localeCompare(b)),
  );
  // Internal errors carry a fresh reference each time.
  const text = (response.text ?? '').replace(UUID, '<uuid>');
  return { call: call.name, status: response.status, headers, body: response.type === 'application/json' ? (JSON.parse(text) as unknown) : text };
}

const JSON_TYPE = { 'content-type': 'application/json' };
const graphql = (name: string, body: unknown, headers: Record<string, string> = {}): Call => ({
  name,
  method: 'post',
  path: '/graphql',
  headers: { ...JSON_TYPE, ...headers },
  body: JSON.stringify(body),
});

describe('HTTP_ADAPTER: Express and Fastify answer alike', () => {
  let database: TestDatabase;
  let express: TestApp;
  let fastify: TestApp;
  // Development: the IDE page and its files are served too.
  const env = { NODE_ENV: 'development', HSTS_MAX_AGE_SECONDS: '600', TRUST_PROXY: '1' };

  beforeAll(async () => {
    database = await createTestDatabase();
    express = await TestApp.start({ ...env, HTTP_ADAPTER: 'express' }, { databaseUrl: database.url });
    fastify = await TestApp.start({ ...env, HTTP_ADAPTER: 'fastify' }, { databaseUrl: database.url });
  });
  afterAll(async () => {
    await express?.close();
    await fastify?.close();
    await database?.drop();
  });

  const calls: Call[] = [
    graphql('a query', { query: '{ categories { code } }' }),
    graphql('a syntax error', { query: '{ categories {' }),
    graphql('a validation error', { query: '{ nope }' }),
    graphql('a variable error', { query: 'query ($id: ID!) { problem(id: $id) { id } }', variables: { id: [1] } }),
    graphql('a batch', [{ query: '{ __typename }' }]),
    graphql('a domain error', { query: 'mutation { login(input: { email: "nobody@example.org", password: "not the password" }) { accessToken } }' }),
    graphql('a bad token', { query: '{ me { id } }' }, { authorization: 'Bearer not.a.token' }),
    graphql('an empty object', {}),
    { name: 'malformed JSON', method: 'post', path: '/graphql', headers: JSON_TYPE, body: '{"query": ' },
    { name: 'a JSON string, not an object', method: 'post', path: '/graphql', headers: JSON_TYPE, body: '"{ __typename }"' },
    { name: 'an empty JSON body', method: 'post', path: '/graphql', headers: JSON_TYPE, body: '' },
    { name: 'text/plain (CSRF prevention)', method: 'post', path: '/graphql', headers: { 'content-type': 'text/plain' }, body: '{ __typename }' },
    { name: 'an unknown type', method: 'post', path: '/graphql', headers: { 'content-type': 'application/xml' }, body: '<query/>' },
    { name: 'a form', method: 'post', path: '/graphql', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'query=%7B__typename%7D' },
    { name: 'GET without a preflight header', method: 'get', path: '/graphql?query=%7B__typename%7D' },
    { name: 'GET with a preflight header', method: 'get', path: '/graphql?query=%7B__typename%7D', headers: { 'apollo-require-preflight': 'true' } },
    { name: 'a mutation over GET', method: 'get', path: '/graphql?query=mutation%7B__typename%7D', headers: { 'apollo-require-preflight': 'true' } },
    { name: 'the IDE page', method: 'get', path: '/graphql', headers: { accept: 'text/html' } },
    { name: 'an IDE file', method: 'get', path: '/graphiql/ruru.css' },
    { name: 'a missing IDE file', method: 'get', path: '/graphiql/missing.js' },
    { name: 'a path out of the IDE folder', method: 'get', path: '/graphiql/..%2Fpackage.json' },
    { name: 'liveness', method: 'get', path: '/health/live', headers: { authorization: 'Bearer garbage' } },
    { name: 'readiness', method: 'get', path: '/health/ready' },
    { name: 'an unknown route', method: 'get', path: '/nothing-here' },
  ];

  it.each(calls.map((call) => [call.name, call] as const))('%s', async (_name, call) => {
    const [viaExpress, viaFastify] = [await answer(express, call), await answer(fastify, call)];
    expect(viaFastify).toEqual(viaExpress);
  });

  it('refuses a body over the limit (100 KiB) with 413 in the same shape; only the sentence differs', async () => {
    const call: Call = {
      name: 'too large',
      method: 'post',
      path: '/graphql',
      headers: JSON_TYPE,
      body: JSON.stringify({ query: `{ __typename } #${'x'.repeat(110 * 1024)}` }),
    };
    const [viaExpress, viaFastify] = [await answer(express, call), await answer(fastify, call)];
    expect(viaExpress.body).toEqual({ statusCode: 413, message: 'request entity too large' });
    expect(viaFastify).toEqual({ ...viaExpress, body: { statusCode: 413, message: 'Request body is too large' } });
    const fits: Call = { ...call, body: JSON.stringify({ query: `{ __typename } #${'x'.repeat(90 * 1024)}` }) };
    expect((await answer(fastify, fits)).body).toEqual({ data: { __typename: 'Query' } });
    expect((await answer(express, fits)).body).toEqual({ data: { __typename: 'Query' } });
  });

  it('reads the client address from X-Forwarded-For as far as TRUST_PROXY allows, under both', async () => {
    // TRUST_PROXY=1: the last hop is the client. The sign-up limit (20 per address) counts it.
    const sign = (t: TestApp, address: string, n: number) =>
      t.gql.request<{ register: unknown }>(
        'mutation ($input: RegisterInput!) { register(input: $input) { user { id } } }',
        { input: { email: `hop.${address.replace(/\W/g, '')}.${n}@example.org`, password: 'correct horse battery', displayName: `Hop ${n}` } },
        { headers: { 'x-forwarded-for': `198.51.100.7, ${address}` } },
      );
    const codes = async (t: TestApp, address: string, from: number) => {
      const out: string[] = [];
      for (let n = from; n < from + 11; n++) out.push(String((await sign(t, address, n)).errors?.[0]?.extensions?.code ?? 'OK'));
      return out;
    };
    // The two apps share the database but count in their own memory: each refuses its own 21st.
    const viaExpress = [...(await codes(express, '203.0.113.9', 0)), ...(await codes(express, '203.0.113.9', 11))];
    const viaFastify = [...(await codes(fastify, '203.0.113.10', 0)), ...(await codes(fastify, '203.0.113.10', 11))];
    expect(viaExpress.slice(19)).toEqual(['OK', 'RATE_LIMITED', 'RATE_LIMITED']);
    expect(viaFastify).toEqual(viaExpress);
    // The first hop (a client's own claim) is not the address: a fresh one is counted afresh.
    expect((await codes(fastify, '203.0.113.11', 0)).every((code) => code === 'OK')).toBe(true);
  });
});

describe('GRAPHQL_EXECUTOR: graphql-js and graphql-jit answer alike', () => {
  let database: TestDatabase;
  let interpreted: TestApp;
  let compiled: TestApp;
  let resident: TestUser;
  let officer: TestUser;
  let problemId: string;
  let solutionId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    interpreted = await TestApp.start({ NODE_ENV: 'development', GRAPHQL_EXECUTOR: 'graphql-js' }, { databaseUrl: database.url });
    compiled = await TestApp.start({ NODE_ENV: 'development', GRAPHQL_EXECUTOR: 'jit', GRAPHQL_JIT_CACHE_ENTRIES: '3' }, { databaseUrl: database.url });
    resident = await interpreted.make.users.resident();
    officer = await interpreted.make.users.officer();
    const problem = await interpreted.make.problems.by(resident).category('DRUGS').anonymous().inStatus('SCANNING');
    await interpreted.make.problems.by(resident).report();
    problemId = problem.id;
    solutionId = (await interpreted.make.solutions.on(problem).by(resident).propose()).id;
    await interpreted.make.comments.by(officer).onProblem(problem).say('We are looking into it.');
  });
  afterAll(async () => {
    await interpreted?.close();
    await compiled?.close();
    await database?.drop();
  });

  const PAGE = `fragment Page on ProblemConnection {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { ...Fields } }
  }
  fragment Fields on Problem {
    id title status anonymous hidden supportCount
    reporter { displayName }
    category { code sensitive }
    location { lat lng }
    solutions(first: 2) { totalCount edges { node { id title proposer { displayName } viewerVote } } }
    comments(first: 2) { edges { node { body official author { displayName } } } }
    timeline(first: 5) { edges { node { __typename kind } } }
  }`;

  type Case = [name: string, query: string, variables?: Record<string, unknown>, who?: () => TestUser | undefined, operationName?: string];
  const cases: Case[] = [
    [
      'a page with nested pages, fragments and aliases',
      `query { problems(first: 5) { ...Page } newest: problems(first: 1, orderBy: NEWEST) { totalCount } } ${PAGE}`,
    ],
    ['the same page as the reporter', `query { problems(first: 5) { ...Page } } ${PAGE}`, {}, () => resident],
    ['the same page as an officer', `query { problems(first: 5) { ...Page } } ${PAGE}`, {}, () => officer],
    [
      '@include and @skip with variables',
      'query ($with: Boolean!, $without: Boolean!) { problems(first: 2) { totalCount edges @include(if: $with) { node { id title @skip(if: $without) } } } }',
      { with: true, without: true },
    ],
    ['a page with a variable and a default', 'query ($first: Int = 1) { problems(first: $first) { edges { node { id } } } }', {}],
    ['one problem by id', 'query ($id: ID!) { problem(id: $id) { id title description address analysis { place } } }', { id: '<problem>' }],
    ['an unknown id', 'query ($id: ID!) { problem(id: $id) { id } solution(id: $id) { id } }', { id: '00000000-0000-4000-8000-000000000000' }],
    ['a malformed id', 'query { problem(id: "not an id") { id } }'],
    [
      'a nested error inside a list, with its path and locations',
      'query {\n  problems(first: 3) {\n    edges { node { id solutions(first: 0) { totalCount } } }\n  }\n}',
    ],
    ['a forged cursor on a nested page', 'query ($id: ID!) { solution(id: $id) { id comments(after: "garbage") { totalCount } } }', { id: '<solution>' }],
    ['a role refused on a root field', 'query { moderationQueue { totalCount } }', {}, () => resident],
    ['no token where one is needed', 'query { moderationQueue { totalCount } }'],
    ['the signed-in user', 'query { me { id displayName email roles } }', {}, () => officer],
    ['a variable of the wrong type', 'query ($id: ID!) { problem(id: $id) { id } }', { id: { nested: true } }],
    ['a missing required variable', 'query ($id: ID!) { problem(id: $id) { id } }', {}],
    ['an enum value that does not exist', 'query ($s: [ProblemStatus!]) { problems(filter: { statuses: $s }) { totalCount } }', { s: ['REPORTD'] }],
    [
      'more than 50 bad variable values',
      'query ($s: [ProblemStatus!]) { problems(filter: { statuses: $s }) { totalCount } }',
      { s: Array.from({ length: 60 }, (_, i) => `NO_${i}`) },
    ],
    [
      'a null for a non-null input field',
      'query ($f: ProblemFilter) { problems(filter: $f) { totalCount } }',
      { f: { near: { lat: null, lng: 1, radiusMeters: 5 } } },
    ],
    ['two operations, one chosen by name', 'query A { categories { code } } query B { areas { id } }', {}, undefined, 'B'],
    ['an operation name that is not there', 'query A { categories { code } }', {}, undefined, 'C'],
    ['introspection', '{ __schema { queryType { name } } __type(name: "Problem") { name kind fields { name } } }'],
    ['__typename at the root and in lists', '{ __typename categories { __typename code } }'],
    ['a limit', `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: __typename`).join(' ')} }`],
    ['a mutation (graphql-js either way)', 'mutation { a: login(input: { email: "x@example.org", password: "wrong wrong wrong" }) { accessToken } }'],
  ];

  const send = async (t: TestApp, [, query, variables = {}, who, operationName]: Case) => {
    const filled = JSON.parse(
      JSON.stringify(variables).replace('"<problem>"', JSON.stringify(problemId)).replace('"<solution>"', JSON.stringify(solutionId)),
    ) as Record<string, unknown>;
    const token = who?.()?.token;
    let call = request(t.app.getHttpServer()).post('/graphql').set(JSON_TYPE);
    if (token) call = call.set('authorization', `Bearer ${token}`);
    const response = await call.send(JSON.stringify({ query, variables: filled, operationName }));
    return { status: response.status, retryAfter: response.headers['retry-after'], body: JSON.parse(response.text.replace(UUID, '<uuid>')) as unknown };
  };

  it.each(cases.map((c) => [c[0], c] as const))('%s', async (_name, c) => {
    const viaGraphqlJs = await send(interpreted, c);
    // Twice: compiled on first use, then from the cache.
    expect(await send(compiled, c)).toEqual(viaGraphqlJs);
    expect(await send(compiled, c)).toEqual(viaGraphqlJs);
  });

  it('keeps answering alike after more documents than its cache holds (3 here) came and went', async () => {
    for (const c of [...cases.slice(0, 8), ...cases.slice(0, 8)]) expect(await send(compiled, c)).toEqual(await send(interpreted, c));
  });

  it('runs the root fields of a mutation one after another, stopping at the first that fails', async () => {
    // `login` is non-null: its failure ends the document, so the later fields never run.
    const user = await interpreted.user();
    const document = `mutation { ${Array.from({ length: 4 }, (_, i) => `l${i}: login(input: { email: "${user.email}", password: "wrong wrong wrong" }) { accessToken }`).join(' ')} }`;
    const viaGraphqlJs = await send(interpreted, ['', document]);
    const viaJit = await send(compiled, ['', document]);
    expect(viaJit).toEqual(viaGraphqlJs);
    expect((viaJit.body as { errors: { path: string[] }[] }).errors.map((e) => e.path)).toEqual([['l0']]);
  });
});
