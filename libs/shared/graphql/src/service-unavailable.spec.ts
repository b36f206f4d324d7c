import { ApolloServer } from '@apollo/server';
import { buildSchema } from 'graphql';
import { createErrorFormatter } from './format-error';
import { DomainError } from './errors';
import { asServiceUnavailable } from './service-unavailable';
import { serviceUnavailablePlugin } from './service-unavailable.plugin';

class RecordingLogger {
  readonly warnings: unknown[][] = [];
  readonly errors: unknown[][] = [];
  warn(...args: unknown[]) {
    this.warnings.push(args);
  }
  error(...args: unknown[]) {
    this.errors.push(args);
  }
}

const terminated = () => Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });

describe('asServiceUnavailable', () => {
  it('turns a database outage into SERVICE_UNAVAILABLE and logs the real cause with its reference', () => {
    const logger = new RecordingLogger();
    const cause = terminated();
    const error = asServiceUnavailable(cause, logger as never) as DomainError;
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('SERVICE_UNAVAILABLE');
    expect(error.details).toEqual({ retryAfterSeconds: 5, reason: 'DATABASE_UNREACHABLE', reference: expect.any(String) });
    expect(logger.warnings).toEqual([
      [{ reference: error.details['reference'], reason: 'DATABASE_UNREACHABLE', err: cause }, expect.stringContaining(String(error.details['reference']))],
    ]);
  });

  it('leaves every other error as it is', () => {
    const logger = new RecordingLogger();
    const bug = new TypeError('x is undefined');
    expect(asServiceUnavailable(bug, logger as never)).toBe(bug);
    expect(logger.warnings).toEqual([]);
  });
});

describe('serviceUnavailablePlugin', () => {
  const schema = buildSchema('type Query { down: Int, fine: Int, locked: Int }');
  const rootValue = {
    down: () => {
      throw terminated();
    },
    locked: () => {
      throw Object.assign(new Error('canceling statement due to lock timeout'), { code: '55P03' });
    },
    fine: () => 1,
  };
  const server = new ApolloServer({
    schema,
    rootValue,
    formatError: createErrorFormatter(new RecordingLogger() as never),
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
