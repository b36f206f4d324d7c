import { ProblemStatus } from '@common-ground/problems';

export enum SolutionStatus {
  PROPOSED = 'PROPOSED',
  SHORTLISTED = 'SHORTLISTED',
  ADOPTED = 'ADOPTED',
  REJECTED = 'REJECTED',
  IMPLEMENTED = 'IMPLEMENTED',
}

export interface SolutionMove {
  to: SolutionStatus;
  /** A note (the reason) is required. */
  needsNote?: boolean;
}

/** The legal moves of changeSolutionStatus; REJECTED and IMPLEMENTED are final. */
export const SOLUTION_MOVES: Readonly<Record<SolutionStatus, readonly SolutionMove[]>> = {
  [SolutionStatus.PROPOSED]: [{ to: SolutionStatus.SHORTLISTED }, { to: SolutionStatus.ADOPTED }, { to: SolutionStatus.REJECTED, needsNote: true }],
  [SolutionStatus.SHORTLISTED]: [{ to: SolutionStatus.ADOPTED }, { to: SolutionStatus.REJECTED, needsNote: true }],
  [SolutionStatus.ADOPTED]: [{ to: SolutionStatus.IMPLEMENTED }, { to: SolutionStatus.REJECTED, needsNote: true }],
  [SolutionStatus.REJECTED]: [],
  [SolutionStatus.IMPLEMENTED]: [],
};

export function findSolutionMove(from: SolutionStatus, to: SolutionStatus): SolutionMove | undefined {
  return SOLUTION_MOVES[from].find((move) => move.to === to);
}

/** Votes are closed on these. */
export const VOTING_CLOSED: readonly SolutionStatus[] = [SolutionStatus.REJECTED, SolutionStatus.IMPLEMENTED];

/** A solution may be adopted only while its problem is analysed or responded to. */
export const ADOPTABLE_PROBLEM_STATUSES: readonly ProblemStatus[] = [ProblemStatus.ANALYSIS, ProblemStatus.RESPONSE];

/** No new solutions for problems that are closed this way. */
export const CLOSED_FOR_SOLUTIONS: readonly ProblemStatus[] = [ProblemStatus.RESOLVED, ProblemStatus.DUPLICATE, ProblemStatus.REJECTED];

/** What counts as "a solution has been adopted" for the SARA gate (implemented ones were adopted). */
export const ADOPTED_STATUSES: readonly SolutionStatus[] = [SolutionStatus.ADOPTED, SolutionStatus.IMPLEMENTED];
