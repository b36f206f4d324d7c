import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import { auditServer } from 'graphql-http';
import request from 'supertest';
import { createTestDatabase } from '@common-ground/shared/testing';
import { TEST_JWT_SECRET, TestApp } from './support/test-app';

const JSON_TYPE = { 'content-type': 'application/json' };

/**
 * Production hardening. The first block sends exactly what graphql-cop (dolevf/graphql-cop)
 * sends for each of its checks and asserts the finding is absent; the tool itself reports 0
 * findings against `NODE_ENV=production`.
 */
describe('production hardening', () => {
  let t: TestApp;
  const post = (body: unknown, headers: Record<string, string> = JSON_TYPE) =>
    request(t.app.getHttpServer())
      .post('/graphql')
      .set(headers)
      .send(typeof body === 'string' ? body : JSON.stringify(body));
  const cop = (query: string) => post({ query, operationName: 'cop' });

  beforeAll(async () => {
    t = await TestApp.start({ NODE_ENV: 'production' });
  });
  afterAll(() => t.close());

  describe('graphql-cop checks', () => {
    it('Alias Overloading: 101 __typename aliases are refused (they count like any alias)', async () => {
      const aliases = Array.from({ length: 101 }, (_, i) => `alias${i}:__typename \n`).join('');
      const response = await cop(`query cop { ${aliases} }`);
      expect(response.status).toBe(400);
      expect(response.body.data).toBeUndefined();
      expect(response.body.errors[0]).toEqual({
        message: 'Aliases limit of 15 exceeded, found 101.',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED', reason: 'ALIAS_LIMIT' },
      });
    });

    it('Array-based Query Batching: refused', async () => {
      const response = await post(Array.from({ length: 10 }, () => ({ query: 'query cop { __typename }' })));
      expect(response.status).toBe(400);
      expect(Array.isArray(response.body)).toBe(false);
    });

    it('Directive Overloading: ten duplicated directives are refused by the directive limit', async () => {
      const response = await cop('query cop { __typename @aa@aa@aa@aa@aa@aa@aa@aa@aa@aa }');
      expect(response.status).toBe(400);
      expect(response.body.errors[0]).toEqual({
        message: 'Directives limit of 5 exceeded, found 10.',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED', reason: 'DIRECTIVE_LIMIT' },
      });
      expect(response.body.errors).not.toHaveLength(10);
    });

    it('Field Duplication: 500 copies of one field are refused before validation', async () => {
      const response = await cop(`query cop { ${'__typename \n'.repeat(500)}} `);
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([
        { message: 'Field selection limit of 200 exceeded, found 500.', extensions: { code: 'GRAPHQL_VALIDATION_FAILED', reason: 'FIELD_LIMIT' } },
      ]);
    });

    it('Field Suggestions: no "Did you mean" for fields, arguments or enum values', async () => {
      for (const query of [
        'query cop { __schema { directive } }',
        '{ mee { id } }',
        '{ problems(firts: 1) { totalCount } }',
        '{ problems(filter: { statuses: [REPORTD] }) { totalCount } }',
      ]) {
        const response = await post({ query });
        expect({ query, status: response.status }).toEqual({ query, status: 400 });
        expect(response.body.errors[0].message).not.toMatch(/did you mean/i);
      }
      const enumValue = await post({ query: '{ problems(filter: { statuses: [REPORTD] }) { totalCount } }' });
      expect(enumValue.body.errors[0].message).toBe('Value "REPORTD" does not exist in "ProblemStatus" enum.');
      const variable = await post({
        query: 'query ($statuses: [ProblemStatus!]) { problems(filter: { statuses: $statuses }) { totalCount } }',
        variables: { statuses: ['REPORTD'] },
      });
      expect(variable.body.errors[0].message).toBe(
        'Variable "$statuses" got invalid value "REPORTD" at "statuses[0]"; Value "REPORTD" does not exist in "ProblemStatus" enum.',
      );
    });

    it('GET Method Query Support: a GET without a preflight header is refused (CSRF prevention)', async () => {
      const response = await request(t.app.getHttpServer()).get('/graphql').query({ query: 'query cop {__typename}' });
      expect(response.status).toBe(400);
      expect(response.body?.data).toBeUndefined();
    });

    it('GraphQL IDE: no GraphiQL or playground page', async () => {
      const response = await request(t.app.getHttpServer()).get('/graphql').set('accept', 'text/html');
      for (const word of ['graphiql.min.css', 'GraphQL Playground', 'GraphiQL', 'graphql-playground']) expect(response.text).not.toContain(word);
    });

    it('Introspection and Introspection-based Circular Query: refused', async () => {
      for (const query of [
        'query cop { __schema { types { name fields { name } } } }',
        'query cop { __schema { types { fields { type { fields { type { fields { type { fields { type { name } } } } } } } } } } }',
      ]) {
        const response = await cop(query);
        expect(response.status).toBe(400);
        expect(response.body.data).toBeUndefined();
        expect(response.body.errors[0].message).toMatch(/introspection/i);
      }
    });

    it('Mutation is allowed over GET: refused, also with the preflight header', async () => {
      const plain = await request(t.app.getHttpServer()).get('/graphql').query({ query: 'mutation cop {__typename}' });
      expect(plain.body?.data).toBeUndefined();
      const preflighted = await request(t.app.getHttpServer())
        .get('/graphql')
        .set('apollo-require-preflight', 'true')
        .query({ query: 'mutation cop {__typename}' });
      expect(preflighted.status).toBe(405);
      expect(preflighted.body?.data).toBeUndefined();
    });

    it('POST based url-encoded query: refused', async () => {
      const response = await post('query=query+cop+%7B+__typename+%7D', { 'content-type': 'application/x-www-form-urlencoded' });
      expect(response.status).toBe(400);
      expect(response.body?.data).toBeUndefined();
    });

    it('Trace Mode and Unhandled Errors: no tracing, no exception details, a 400 for the bad document', async () => {
      const traced = await cop('query cop { __typename }');
      expect(traced.body).toEqual({ data: { __typename: 'Query' } });
      const broken = await cop('qwerty cop { abc }');
      expect(broken.status).toBe(400);
      expect(broken.body.errors).toEqual([
        { message: 'Syntax Error: Unexpected Name "qwerty".', locations: [{ line: 1, column: 1 }], extensions: { code: 'GRAPHQL_PARSE_FAILED' } },
      ]);
    });
  });

  describe('limits at their defaults', () => {
    it('counts __typename aliases: 15 pass, 16 are refused', async () => {
      const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(' ')} }`;
      expect((await post({ query: aliases(15) })).body.data.a14).toBe('Query');
      expect((await post({ query: aliases(16) })).body.errors[0].extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', reason: 'ALIAS_LIMIT' });
    });

    it('allows 5 directives and refuses 6', async () => {
      const five = '{ me @include(if: true) { id @include(if: true) displayName @include(if: true) roles @include(if: true) } __typename @include(if: true) }';
      expect((await post({ query: five })).body).toEqual({ data: { me: null, __typename: 'Query' } });
      const six = five.replace('roles @include(if: true)', 'roles @include(if: true) email @skip(if: false)');
      const refused = await post({ query: six });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([
        { message: 'Directives limit of 5 exceeded, found 6.', extensions: { code: 'GRAPHQL_VALIDATION_FAILED', reason: 'DIRECTIVE_LIMIT' } },
      ]);
    });

    it('allows 200 field selections and refuses 201, counting fragments where they are spread', async () => {
      expect((await post({ query: `{ ${'__typename '.repeat(200)}}` })).body).toEqual({ data: { __typename: 'Query' } });
      expect((await post({ query: `{ ${'__typename '.repeat(201)}}` })).body.errors[0].extensions.reason).toBe('FIELD_LIMIT');
      const fragment = `fragment F on Query { ${'__typename '.repeat(60)}}`;
      const spread = await post({ query: `{ ...F ...F ...F ...F } ${fragment}` });
      expect(spread.body.errors[0].message).toBe('Field selection limit of 200 exceeded, found 240.');
    });

    it('refuses more than 2000 tokens while parsing, before counting fields', async () => {
      // `{`, the fields and `}`: 2000 tokens parse (and then exceed the field limit), 2001 do not.
      expect((await post({ query: `{ ${'__typename '.repeat(1998)}}` })).body.errors[0].extensions.reason).toBe('FIELD_LIMIT');
      const refused = await post({ query: `{ ${'__typename '.repeat(1999)}}` });
      expect(refused.status).toBe(400);
      expect(refused.body.errors[0]).toEqual(
        expect.objectContaining({ message: 'Token limit of 2000 exceeded.', extensions: { code: 'GRAPHQL_PARSE_FAILED', reason: 'TOKEN_LIMIT' } }),
      );
    });
  });

  describe('response headers', () => {
    it('answers /graphql with no-store and nosniff, a closed content policy, and no HSTS unless configured', async () => {
      const response = await post({ query: '{ __typename }' });
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
      expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(response.headers['strict-transport-security']).toBeUndefined();
      expect(response.headers['x-powered-by']).toBeUndefined();
      const refused = await post({ query: '{' });
      expect(refused.headers['cache-control']).toBe('no-store');
      const health = await request(t.app.getHttpServer()).get('/health/live');
      expect(health.headers['x-content-type-options']).toBe('nosniff');
    });
  });

  it('passes the graphql-http server audit, but for the two audits that need introspection', async () => {
    // Both send `{ __type(name: …) { name } }`; production answers introspection with 400, as
    // graphql-cop's Introspection check requires. Every other audit passes.
    expect(await auditErrors(t)).toEqual([
      'MUST accept utf-8 encoded request: Response status code is not 200',
      'MUST allow map {variables} parameter when accepting application/json: Response status code is not 200',
    ]);
    const typeLookup = await post({ query: '{ __type(name: "Run🏃Swim🏊") { name } }' });
    expect(typeLookup.body.errors[0].message).toMatch(/introspection/i);
  });
});

describe('limits set by the operator', () => {
  let t: TestApp;
  const post = (query: string) => request(t.app.getHttpServer()).post('/graphql').set(JSON_TYPE).send({ query });

  beforeAll(async () => {
    t = await TestApp.start({
      NODE_ENV: 'production',
      GRAPHQL_MAX_DEPTH: '2',
      GRAPHQL_MAX_ALIASES: '1',
      GRAPHQL_MAX_DIRECTIVES: '1',
      GRAPHQL_MAX_FIELDS: '6',
      GRAPHQL_MAX_TOKENS: '40',
      GRAPHQL_MAX_COST: '9',
      HSTS_MAX_AGE_SECONDS: '31536000',
    });
  });
  afterAll(() => t.close());

  it.each([
    ['{ categories { code } problems { edges { node { id } } } }', 'Query depth limit of 2 exceeded, found 4.', 'DEPTH_LIMIT'],
    ['{ a: __typename b: __typename }', 'Aliases limit of 1 exceeded, found 2.', 'ALIAS_LIMIT'],
    ['{ __typename @include(if: true) categories @skip(if: false) { code } }', 'Directives limit of 1 exceeded, found 2.', 'DIRECTIVE_LIMIT'],
    ['{ categories { code name sensitive } areas { id name } }', 'Field selection limit of 6 exceeded, found 7.', 'FIELD_LIMIT'],
    ['{ categories { code name sensitive } areas { id } }', 'Query Cost limit of 9 exceeded, found 10.', 'COST_LIMIT'],
  ])('refuses %j with 400, naming the limit', async (query, message, reason) => {
    const response = await post(query);
    expect(response.status).toBe(400);
    expect(response.body.errors).toContainEqual({ message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED', reason } });
    expect(JSON.stringify(response.body)).not.toContain('Syntax Error');
  });

  it('refuses a document over the token limit with 400 naming it', async () => {
    const response = await post(`{ ${'__typename '.repeat(39)}}`);
    expect(response.status).toBe(400);
    expect(response.body.errors[0].message).toBe('Token limit of 40 exceeded.');
  });

  it('sends HSTS when configured', async () => {
    const response = await post('{ __typename }');
    expect(response.body).toEqual({ data: { __typename: 'Query' } });
    expect(response.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });
});

describe('development mode', () => {
  it('passes the graphql-http server audit with no errors, and serves GraphiQL without a content policy', async () => {
    const t = await TestApp.start({ NODE_ENV: 'development' });
    try {
      const page = await request(t.app.getHttpServer()).get('/graphql').set('accept', 'text/html');
      expect(page.text).toContain('GraphiQL');
      expect(page.headers['content-security-policy']).toBeUndefined();
      expect(page.headers['x-content-type-options']).toBe('nosniff');
      expect(await auditErrors(t)).toEqual([]);
    } finally {
      await t.close();
    }
  });
});

/**
 * The request log of the real process (`main.ts`, production mode), read from its standard output:
 * no query strings, variables, passwords or tokens; user errors at info without a stack.
 */
describe('request log of the API process', () => {
  it('never holds query strings, variables or tokens', async () => {
    const database = await createTestDatabase();
    const port = await freePort();
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join('apps', 'api', 'src', 'main.ts')], {
      cwd: join(__dirname, '..', '..', '..'),
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DATABASE_URL: database.url,
        DB_MIGRATIONS_RUN: 'false',
        DEMO_DATA: 'false',
        HOST: '127.0.0.1',
        PORT: String(port),
        JWT_SECRET: TEST_JWT_SECRET,
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    try {
      await new Promise<void>((resolve, reject) => {
        const check = () => (output.includes('Common Ground API on') ? resolve() : undefined);
        child.stdout.on('data', check);
        child.once('exit', (code) => reject(new Error(`the API exited (${code}): ${output}`)));
      });
      const base = `http://127.0.0.1:${port}`;
      const secret = 'hunter2-correct-horse';
      const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzZWNyZXQtdG9rZW4ifQ.c2lnbmF0dXJl';
      const variables = JSON.stringify({ input: { email: 'ann@example.org', password: secret } });
      const get = await fetch(`${base}/graphql?query=${encodeURIComponent('{ __typename }')}&variables=${encodeURIComponent(variables)}`, {
        headers: { 'apollo-require-preflight': 'true', authorization: `Bearer ${token}`, cookie: `session=${secret}`, referer: `${base}/?password=${secret}` },
      });
      expect(await get.json()).toEqual({ data: { __typename: 'Query' } });
      const login = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: 'mutation ($input: LoginInput!) { login(input: $input) { accessToken } }', variables: JSON.parse(variables) as unknown }),
      });
      expect(((await login.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('UNAUTHENTICATED');
      const bad = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'mutation ($input: RegisterInput!) { register(input: $input) { accessToken } }',
          variables: { input: { email: 'no', password: secret, displayName: 'Ann' } },
        }),
      });
      expect(bad.status).toBe(200);
      child.kill('SIGTERM');
      await once(child, 'exit');
      const lines = output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { level: number; msg: string; req?: { path?: string }; code?: string; err?: unknown });
      const requests = lines.filter((line) => line.msg === 'request completed');
      expect(requests.map((line) => line.req?.path)).toEqual(['/graphql', '/graphql', '/graphql']);
      expect(output).not.toContain(secret);
      expect(output).not.toContain(token);
      expect(output).not.toContain('variables');
      expect(output).not.toContain('?query');
      const clientErrors = lines.filter((line) => line.msg.startsWith('GraphQL client error'));
      expect(clientErrors.map((line) => line.level)).toEqual(clientErrors.map(() => 30));
      expect(clientErrors.map((line) => line.code)).toContain('BAD_USER_INPUT');
      expect(lines.filter((line) => line.level >= 50)).toEqual([]);
      expect(output).not.toContain('"stack"');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await database.drop();
    }
  });
});

/** The graphql-http audit against the app listening on a free port: the names and reasons of its errors. */
async function auditErrors(t: TestApp): Promise<string[]> {
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  const results = await auditServer({ url: `http://127.0.0.1:${port}/graphql` });
  expect(results.length).toBeGreaterThan(20);
  return results.flatMap((result) => (result.status === 'error' ? [`${result.name}: ${result.reason}`] : []));
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}
