import { ProblemStatus } from '@common-ground/problems';
import { ADOPTABLE_PROBLEM_STATUSES, CLOSED_FOR_SOLUTIONS, findSolutionMove, SOLUTION_MOVES, SolutionStatus, VOTING_CLOSED } from './solution-status';

const S = SolutionStatus;

describe('solution status moves', () => {
  it.each([
    [S.PROPOSED, S.SHORTLISTED],
    [S.PROPOSED, S.ADOPTED],
    [S.PROPOSED, S.REJECTED],
    [S.SHORTLISTED, S.ADOPTED],
    [S.SHORTLISTED, S.REJECTED],
    [S.ADOPTED, S.IMPLEMENTED],
    [S.ADOPTED, S.REJECTED],
  ])('allows %s -> %s', (from, to) => {
    expect(findSolutionMove(from, to)).toBeDefined();
  });

  it('allows nothing else', () => {
    const legal = Object.values(S).flatMap((from) => SOLUTION_MOVES[from].map((m) => `${from}->${m.to}`));
    expect(legal.sort()).toEqual(
      [
        'ADOPTED->IMPLEMENTED',
        'ADOPTED->REJECTED',
        'PROPOSED->ADOPTED',
        'PROPOSED->REJECTED',
        'PROPOSED->SHORTLISTED',
        'SHORTLISTED->ADOPTED',
        'SHORTLISTED->REJECTED',
      ].sort(),
    );
    for (const status of Object.values(S)) expect(findSolutionMove(status, status)).toBeUndefined();
    for (const from of Object.values(S)) expect(findSolutionMove(from, S.PROPOSED)).toBeUndefined();
    expect(findSolutionMove(S.PROPOSED, S.IMPLEMENTED)).toBeUndefined();
    expect(findSolutionMove(S.SHORTLISTED, S.IMPLEMENTED)).toBeUndefined();
  });

  it('makes REJECTED and IMPLEMENTED final and closes their votes', () => {
    expect(SOLUTION_MOVES[S.REJECTED]).toEqual([]);
    expect(SOLUTION_MOVES[S.IMPLEMENTED]).toEqual([]);
    expect([...VOTING_CLOSED].sort()).toEqual([S.IMPLEMENTED, S.REJECTED]);
  });

  it('requires a reason to reject, and only to reject', () => {
    for (const from of Object.values(S)) {
      for (const move of SOLUTION_MOVES[from]) expect(!!move.needsNote).toBe(move.to === S.REJECTED);
    }
  });

  it('adopts only while the problem is in ANALYSIS or RESPONSE, and takes no proposals on closed problems', () => {
    expect(ADOPTABLE_PROBLEM_STATUSES).toEqual([ProblemStatus.ANALYSIS, ProblemStatus.RESPONSE]);
    expect([...CLOSED_FOR_SOLUTIONS].sort()).toEqual([ProblemStatus.DUPLICATE, ProblemStatus.REJECTED, ProblemStatus.RESOLVED]);
  });
});
