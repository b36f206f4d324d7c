import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildClientSchema, getIntrospectionQuery, lexicographicSortSchema, printSchema } from 'graphql';
import request from 'supertest';
import { TestApp } from './support/test-app';

describe('platform: health, bootstrap admin, schema', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start({ BOOTSTRAP_ADMIN_EMAIL: 'Root@Example.org', BOOTSTRAP_ADMIN_PASSWORD: 'bootstrap admin password' });
  });
  afterAll(() => t.close());

  it('reports liveness and readiness (the database answers)', async () => {
    const live = await request(t.app.getHttpServer()).get('/health/live');
    expect(live.status).toBe(200);
    expect(live.body).toEqual({ status: 'ok' });
    for (const path of ['/health', '/health/ready']) {
      const ready = await request(t.app.getHttpServer()).get(path);
      expect(ready.status).toBe(200);
      expect(ready.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
    }
  });

  it('creates the bootstrap admin on start, once', async () => {
    const session = await t.gql.ok<{ login: { user: { roles: string[]; email: string } } }>(
      'mutation ($input: LoginInput!) { login(input: $input) { user { roles email } } }',
      { input: { email: 'root@example.org', password: 'bootstrap admin password' } },
    );
    expect(session.login.user).toEqual({ roles: ['RESIDENT', 'ADMIN'], email: 'root@example.org' });
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM users WHERE email = 'root@example.org'`);
    expect(n).toBe(1);
  });

  it('sends parameterised statements as prepared statements, once per connection', async () => {
    const runner = t.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const text = 'SELECT id FROM problems WHERE id = $1';
      for (let i = 0; i < 3; i++) await runner.query(text, ['01890000-0000-7000-8000-000000000000']);
      await runner.query('SELECT 1');
      const prepared: { name: string; statement: string }[] = await runner.query('SELECT name, statement FROM pg_prepared_statements');
      expect(prepared.filter((p) => p.statement === text)).toEqual([{ name: expect.stringMatching(/^cg_/), statement: text }]);
      expect(prepared.some((p) => p.statement === 'SELECT 1' || /pg_prepared_statements/.test(p.statement))).toBe(false);
    } finally {
      await runner.release();
    }
  });

  it('serves exactly the committed schema.graphql', async () => {
    const introspection = await t.gql.ok(getIntrospectionQuery());
    const served = printSchema(lexicographicSortSchema(buildClientSchema(introspection as never)));
    const committed = readFileSync(join(__dirname, '../../../schema.graphql'), 'utf8');
    expect(`${served}\n`).toBe(committed);
  });
});
