import { BadUserInputError } from '@common-ground/shared/graphql';
import { ModerationTarget } from './moderation.entity';
import { hidesOnFlags, targetOf } from './moderation.service';

const ID = '01890000-0000-7000-8000-000000000000';

describe('moderation rules', () => {
  it('takes exactly one target', () => {
    expect(targetOf({ commentId: ID })).toEqual({ type: ModerationTarget.COMMENT, id: ID });
    expect(targetOf({ problemId: ID, commentId: null })).toEqual({ type: ModerationTarget.PROBLEM, id: ID });
    expect(targetOf({ solutionId: ID })).toEqual({ type: ModerationTarget.SOLUTION, id: ID });
    for (const input of [{}, { commentId: ID, solutionId: ID }, { commentId: ID, problemId: ID, solutionId: ID }]) {
      let error: unknown;
      try {
        targetOf(input);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(BadUserInputError);
      expect((error as BadUserInputError).fields.map((f) => f.field)).toEqual(['commentId', 'problemId', 'solutionId']);
    }
  });

  it('hides on enough counted flags, never with automatic hiding off, never an officer’s item', () => {
    expect(hidesOnFlags(2, 3, false)).toBe(false);
    expect(hidesOnFlags(3, 3, false)).toBe(true);
    expect(hidesOnFlags(7, 3, false)).toBe(true);
    expect(hidesOnFlags(100, 3, true)).toBe(false);
    expect(hidesOnFlags(100, 0, false)).toBe(false);
    expect(hidesOnFlags(1, 1, false)).toBe(true);
  });
});
