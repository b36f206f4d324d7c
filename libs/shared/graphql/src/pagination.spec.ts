import { cursorScope, decodeCursor, encodeCursor } from './pagination';
import { BadUserInputError } from './errors';

const TYPES = ['timestamptz', 'float8', 'int', 'uuid'];
const SCOPE = cursorScope('problems', [
  { name: 'reported_at', direction: 'DESC', type: 'timestamptz' },
  { name: 'priority', direction: 'DESC', type: 'float8' },
  { name: 'support_count', direction: 'DESC', type: 'int' },
  { name: 'id', direction: 'DESC', type: 'uuid' },
]);
const VALID = ['2026-11-28 10:00:00.123456+00', '0.5', '42', '01890000-0000-7000-8000-000000000000'];

function refusal(run: () => unknown): BadUserInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof BadUserInputError) return error;
    throw error;
  }
  throw new Error('expected BAD_USER_INPUT');
}

describe('cursors', () => {
  it('round-trips key values in their text forms', () => {
    expect(decodeCursor(encodeCursor(SCOPE, VALID), SCOPE, TYPES)).toEqual(VALID);
    const other = ['2026-02-28 23:59:59+05:30', '-1.5e-300', '-2147483648', 'ffffffff-ffff-7fff-bfff-ffffffffffff'];
    expect(decodeCursor(encodeCursor(SCOPE, other), SCOPE, TYPES)).toEqual(other);
    expect(decodeCursor(encodeCursor(SCOPE, ['2026-01-01 00:00:00+00', 'Infinity', '0', VALID[3]]), SCOPE, TYPES)[1]).toBe('Infinity');
  });

  it('gives every list and ordering its own scope', () => {
    const keys = [{ name: 'id', direction: 'DESC' as const, type: 'uuid' }];
    expect(cursorScope('problems', keys)).not.toBe(cursorScope('solutions', keys));
    expect(cursorScope('problems', keys)).not.toBe(cursorScope('problems', [{ ...keys[0], direction: 'ASC' }]));
    expect(cursorScope('problems', keys)).toBe(cursorScope('problems', [...keys]));
  });

  it.each(['', 'not base64 at all', encodeCursor(SCOPE, [1, 2]), Buffer.from('{"a":1}').toString('base64url')])(
    'refuses %j as BAD_USER_INPUT on after',
    (cursor) => {
      expect(refusal(() => decodeCursor(cursor, SCOPE, TYPES)).fields).toEqual([{ field: 'after', message: 'is not a cursor of this list' }]);
    },
  );

  it('refuses a cursor of another ordering', () => {
    const other = cursorScope('problems', [{ name: 'id', direction: 'DESC', type: 'uuid' }]);
    expect(refusal(() => decodeCursor(encodeCursor(other, VALID), SCOPE, TYPES)).fields).toEqual([
      { field: 'after', message: 'is a cursor of another list or ordering' },
    ]);
  });

  it.each([
    ['nulls', [null, null, null, null]],
    ['numbers for text', [1, 0.5, 42, 7]],
    ['a month 13', ['2026-13-01 00:00:00+00', ...VALID.slice(1)]],
    ['February 30th', ['2026-02-30 00:00:00+00', ...VALID.slice(1)]],
    ['an ISO date', ['2026-11-28T10:00:00Z', ...VALID.slice(1)]],
    ['a float that overflows', [VALID[0], '1e999', ...VALID.slice(2)]],
    ['a float that underflows', [VALID[0], '1e-400', ...VALID.slice(2)]],
    ['a subnormal float', [VALID[0], '5e-324', ...VALID.slice(2)]],
    ['an int out of range', [VALID[0], VALID[1], '2147483648', VALID[3]]],
    ['a fractional int', [VALID[0], VALID[1], '1.5', VALID[3]]],
    ['a malformed uuid', [...VALID.slice(0, 3), 'not-a-uuid']],
    ['an upper-case uuid with a NUL', [...VALID.slice(0, 3), '01890000-0000-7000-8000-00000000000\u0000']],
    ['objects', [{}, [], VALID[2], VALID[3]]],
  ])('refuses well-formed cursors with %s', (_, values) => {
    expect(refusal(() => decodeCursor(encodeCursor(SCOPE, values), SCOPE, TYPES)).fields).toEqual([
      { field: 'after', message: 'is not a cursor of this list' },
    ]);
  });
});
