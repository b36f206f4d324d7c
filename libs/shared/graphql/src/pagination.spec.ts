import { decodeCursor, encodeCursor } from './pagination';
import { BadUserInputError } from './errors';

describe('cursors', () => {
  it('round-trips key values', () => {
    const values = ['2026-11-28T10:00:00.000Z', 42, '01890000-0000-7000-8000-000000000000'];
    expect(decodeCursor(encodeCursor(values), 3)).toEqual(values);
  });

  it.each(['', 'not base64 at all', encodeCursor([1, 2]), Buffer.from('{"a":1}').toString('base64url')])(
    'refuses %j as BAD_USER_INPUT on after',
    (cursor) => {
      let error: unknown;
      try {
        decodeCursor(cursor, 3);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(BadUserInputError);
      expect((error as BadUserInputError).fields).toEqual([{ field: 'after', message: 'is not a cursor of this list' }]);
    },
  );
});
