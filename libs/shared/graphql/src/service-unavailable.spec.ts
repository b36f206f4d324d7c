import { ApolloServer } from '@apollo/server';
import { buildSchema } from 'graphql';
import { ServiceUnavailableError } from './errors';
import { createErrorFormatter } from './format-error';
import { serviceUnavailablePlugin } from './service-unavailable.plugin';

const silent = { log: () => undefined, warn: () => undefined, error: () => undefined };
const unavailable = (reason: string, retryAfterSeconds: number) =>
  Object.assign(new ServiceUnavailableError(retryAfterSeconds), { details: { retryAfterSeconds, reason } });

describe('serviceUnavailablePlugin', () => {
  const schema = buildSchema('type Query { down: Int, fine: Int, locked: Int }');
  const rootValue = {
    down: () => {
      throw unavailable('DATABASE_UNREACHABLE', 5);
    },
    locked: () => {
      throw unavailable('LOCK_TIMEOUT', 1);
    },
    fine: () => 1,
  };
  const server = new ApolloServer({
    schema,
    rootValue,
    formatError: createErrorFormatter({ logger: silent }),
    plugins: [serviceUnavailablePlugin()],
  });

  it('answers 503 with Retry-After (the longest asked for) when an error is SERVICE_UNAVAILABLE', async () => {
    const response = await server.executeOperation({ query: '{ down locked fine }' });
    expect(response.http.status).toBe(503);
    expect(response.http.headers.get('retry-after')).toBe('5');
    expect(response.body.kind === 'single' && response.body.singleResult.errors?.map((e) => e.extensions?.['reason'])).toEqual([
      'DATABASE_UNREACHABLE',
      'LOCK_TIMEOUT',
    ]);
  });

  it('leaves other responses alone', async () => {
    const response = await server.executeOperation({ query: '{ fine }' });
    expect(response.http.status).toBeUndefined();
    expect(response.http.headers.get('retry-after')).toBeUndefined();
  });
});
