import { ForbiddenException } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { BadUserInputError, ConflictError } from './errors';
import { createErrorFormatter } from './format-error';

describe('createErrorFormatter', () => {
  const logged: unknown[] = [];
  const format = createErrorFormatter({ error: (...args: unknown[]) => logged.push(args) } as never);
  const wrap = (original: Error) => new GraphQLError(original.message, { originalError: original, path: ['field'] });

  beforeEach(() => (logged.length = 0));

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
});
