import request from 'supertest';
import { TestApp } from './support/test-app';

describe('production mode hardening', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start({ NODE_ENV: 'production', GRAPHQL_MAX_DEPTH: '3', GRAPHQL_MAX_ALIASES: '5' });
  });
  afterAll(() => t.close());

  it('serves ordinary operations (control)', async () => {
    expect(await t.gql.ok('{ __typename }')).toEqual({ __typename: 'Query' });
    const user = await t.user();
    expect(await t.gql.ok('{ me { id } }', {}, user.token)).toEqual({ me: { id: user.id } });
  });

  it('refuses introspection', async () => {
    const response = await t.gql.request('{ __schema { types { name } } }');
    expect(response.data ?? null).toBeNull();
    expect(response.errors?.[0]?.message).toMatch(/introspection/i);
  });

  it('refuses a query with too many aliases', async () => {
    const aliases = Array.from({ length: 6 }, (_, i) => `a${i}: me { id }`).join(' ');
    const response = await t.gql.request(`{ ${aliases} }`);
    expect(response.data ?? null).toBeNull();
    expect(response.errors?.[0]?.message).toMatch(/aliases/i);
  });

  it('refuses a query that is too deep', async () => {
    const deep = '{ organisation(id: "01890000-0000-7000-8000-000000000000") { members { user { roles } } } }';
    const shallow = '{ organisation(id: "01890000-0000-7000-8000-000000000000") { members { role } } }';
    expect((await t.gql.request(shallow)).errors).toBeUndefined();
    const response = await t.gql.request(deep);
    expect(response.data ?? null).toBeNull();
    expect(response.errors?.[0]?.message).toMatch(/depth/i);
  });

  it('gives no "did you mean" hints', async () => {
    const response = await t.gql.request('{ mee { id } }');
    expect(response.errors?.[0]?.message).toBeDefined();
    expect(response.errors?.[0]?.message).not.toMatch(/did you mean/i);
  });

  it('refuses batched requests', async () => {
    const response = await request(t.app.getHttpServer())
      .post('/graphql')
      .set('content-type', 'application/json')
      .send([{ query: '{ __typename }' }, { query: '{ __typename }' }]);
    expect(response.status).toBe(400);
  });

  it('prevents CSRF: a simple GET without a preflight header is refused', async () => {
    const response = await request(t.app.getHttpServer()).get('/graphql').query({ query: '{ __typename }' });
    expect(response.status).toBe(400);
    expect(response.text).toMatch(/CSRF/i);
  });

  it('serves no IDE page', async () => {
    const response = await request(t.app.getHttpServer()).get('/graphql').set('accept', 'text/html');
    expect(response.text).not.toMatch(/graphiql|sandbox|<html/i);
  });

  it('masks an unexpected error as INTERNAL_SERVER_ERROR with a reference and no internals', async () => {
    const user = await t.user();
    await t.dataSource.query('ALTER TABLE organisations RENAME TO organisations_moved');
    try {
      const response = await t.gql.request(
        'mutation { createOrganisation(input: { name: "Broken Club", description: "" }) { id } }',
        {},
        { token: user.token },
      );
      const error = response.errors?.[0];
      expect(error?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(error?.extensions?.reference).toMatch(/^[0-9a-f-]{36}$/);
      expect(error?.message).toBe(`Internal server error (reference ${error?.extensions?.reference})`);
      expect(JSON.stringify(response.errors)).not.toMatch(/organisations|relation|stack|QueryFailed/i);
    } finally {
      await t.dataSource.query('ALTER TABLE organisations_moved RENAME TO organisations');
    }
  });
});
