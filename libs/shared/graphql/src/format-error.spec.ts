import { ForbiddenException } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { BadUserInputError, ConflictError, ServiceUnavailableError } from './errors';
import { createErrorFormatter } from './format-error';

describe('createErrorFormatter', () => {
  const logged: unknown[] = [];
  const levels: string[] = [];
  const logger = {
    log: (...args: unknown[]) => levels.push('info') && logged.push(args),
    warn: (...args: unknown[]) => levels.push('warn') && logged.push(args),
    error: (...args: unknown[]) => levels.push('error') && logged.push(args),
  };
  const format = createErrorFormatter({ logger: logger as never });
  const production = createErrorFormatter({ logger: logger as never, production: true });
  const wrap = (original: Error) => new GraphQLError(original.message, { originalError: original, path: ['field'] });

  beforeEach(() => {
    logged.length = 0;
    levels.length = 0;
  });

  it('logs an error that mapError replaced once, where the mapper logged it', () => {
    const mapped = createErrorFormatter({
      logger: logger as never,
      mapError: (error, log) => {
        log.warn({ err: error }, 'mapped');
        return new ServiceUnavailableError(2);
      },
    });
    expect(mapped({ message: 'x' }, wrap(new Error('connection refused'))).extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 2 });
    expect(levels).toEqual(['warn']);
    // An error the mapper leaves as it is is logged by the formatter as before.
    format({ message: 'x' }, wrap(new ServiceUnavailableError(1)));
    expect(levels).toEqual(['warn', 'warn']);
  });

  it('keeps a domain error’s code, message and details', () => {
    const error = wrap(BadUserInputError.field('input.title', 'is too short'));
    expect(format({ message: error.message, path: ['field'] }, error)).toEqual({
      message: 'input.title: is too short',
      path: ['field'],
      locations: undefined,
      extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'input.title', message: 'is too short' }] },
    });
    const conflict = wrap(new ConflictError('Cannot move', { from: 'REPORTED' }));
    expect(format({ message: 'x' }, conflict).extensions).toEqual({ code: 'CONFLICT', from: 'REPORTED' });
  });

  it('maps Nest HTTP exceptions to contract codes', () => {
    expect(format({ message: 'x' }, wrap(new ForbiddenException())).extensions).toEqual({ code: 'FORBIDDEN' });
  });

  it('passes request errors from graphql-js through', () => {
    const error = new GraphQLError('Cannot query field "x"', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(format({ message: error.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }, error)).toEqual({
      message: 'Cannot query field "x"',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      locations: undefined,
      path: undefined,
    });
  });

  it('masks anything else with a logged reference and no internals', () => {
    const formatted = format({ message: 'relation "users" does not exist' }, wrap(new Error('relation "users" does not exist')));
    const reference = formatted.extensions?.['reference'];
    expect(formatted.message).toBe(`Internal server error (reference ${reference})`);
    expect(formatted.extensions?.['code']).toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(logged)).toContain(String(reference));
  });

  it('logs client mistakes at info without a stack or values, internal errors at error', () => {
    format({ message: 'x', path: ['field'] }, wrap(BadUserInputError.field('input.password', 'is too short')));
    expect(levels).toEqual(['info']);
    expect(logged[0]).toEqual([
      { code: 'BAD_USER_INPUT', reason: undefined, path: ['field'], fields: ['input.password'] },
      'GraphQL client error BAD_USER_INPUT',
    ]);
    format({ message: 'boom' }, wrap(new Error('boom')));
    expect(levels).toEqual(['info', 'error']);
  });

  it('names the token limit instead of reporting a syntax error', () => {
    const message = 'Syntax Error: Document contains more than 2000 tokens. Parsing aborted.';
    expect(format({ message, extensions: { code: 'GRAPHQL_PARSE_FAILED' } }, new GraphQLError(message))).toEqual({
      message: 'Token limit of 2000 exceeded.',
      extensions: { code: 'GRAPHQL_PARSE_FAILED', reason: 'TOKEN_LIMIT' },
      locations: undefined,
      path: undefined,
    });
  });

  it('gives persisted-query mistakes their own codes', () => {
    const error = new GraphQLError('provided sha does not match query');
    expect(format({ message: error.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, error).extensions).toEqual({
      code: 'PERSISTED_QUERY_HASH_MISMATCH',
    });
  });

  it('hides "did you mean" hints of every kind in production only', () => {
    const field = 'Cannot query field "mee" on type "Query". Did you mean "me"?';
    const value = 'Value "REPORTD" does not exist in "ProblemStatus" enum. Did you mean the enum value "REPORTED"?';
    const extensions = { code: 'GRAPHQL_VALIDATION_FAILED' };
    expect(production({ message: field, extensions }, new GraphQLError(field)).message).toBe('Cannot query field "mee" on type "Query".');
    expect(production({ message: value, extensions }, new GraphQLError(value)).message).toBe('Value "REPORTD" does not exist in "ProblemStatus" enum.');
    expect(format({ message: value, extensions }, new GraphQLError(value)).message).toBe(value);
  });
});
