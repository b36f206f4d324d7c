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

  it('serves exactly the committed schema.graphql', async () => {
    const introspection = await t.gql.ok(getIntrospectionQuery());
    const served = printSchema(lexicographicSortSchema(buildClientSchema(introspection as never)));
    const committed = readFileSync(join(__dirname, '../../../schema.graphql'), 'utf8');
    expect(`${served}\n`).toBe(committed);
  });
});
