import { findMove, MOVES, ProblemStatus } from './problem-status';

const S = ProblemStatus;

describe('SARA moves', () => {
  it('follows the cycle forward', () => {
    const path = [S.REPORTED, S.SCANNING, S.ANALYSIS, S.RESPONSE, S.ASSESSMENT, S.RESOLVED];
    for (let i = 0; i + 1 < path.length; i++) expect(findMove(path[i], path[i + 1])).toBeDefined();
  });

  it('lets ASSESSMENT go back to ANALYSIS or RESPONSE', () => {
    expect(findMove(S.ASSESSMENT, S.ANALYSIS)).toBeDefined();
    expect(findMove(S.ASSESSMENT, S.RESPONSE)).toBeDefined();
  });

  it('reopens RESOLVED only for supervisors, with a note', () => {
    expect(findMove(S.RESOLVED, S.ANALYSIS)).toEqual({ to: S.ANALYSIS, supervisorOnly: true, needsNote: true });
  });

  it('never skips a step, and never reaches DUPLICATE by a status change', () => {
    expect(findMove(S.REPORTED, S.RESOLVED)).toBeUndefined();
    expect(findMove(S.SCANNING, S.RESPONSE)).toBeUndefined();
    expect(findMove(S.RESPONSE, S.RESOLVED)).toBeUndefined();
    for (const from of Object.values(S)) expect(findMove(from, S.DUPLICATE)).toBeUndefined();
    expect(MOVES[S.DUPLICATE]).toEqual([]);
  });

  it('requires a reason to reject', () => {
    for (const from of [S.REPORTED, S.SCANNING, S.ANALYSIS]) expect(findMove(from, S.REJECTED)?.needsNote).toBe(true);
  });
});
