/** Registered with GraphQL in problem.model.ts. */
export enum ProblemStatus {
  REPORTED = 'REPORTED',
  SCANNING = 'SCANNING',
  ANALYSIS = 'ANALYSIS',
  RESPONSE = 'RESPONSE',
  ASSESSMENT = 'ASSESSMENT',
  RESOLVED = 'RESOLVED',
  DUPLICATE = 'DUPLICATE',
  REJECTED = 'REJECTED',
}

/** Statuses in which a problem is still being worked on (or waits to be). */
export const OPEN_STATUSES: readonly ProblemStatus[] = [
  ProblemStatus.REPORTED,
  ProblemStatus.SCANNING,
  ProblemStatus.ANALYSIS,
  ProblemStatus.RESPONSE,
  ProblemStatus.ASSESSMENT,
];

/** Statuses the local team shows as its current priorities. */
export const PRIORITY_STATUSES: readonly ProblemStatus[] = [ProblemStatus.ANALYSIS, ProblemStatus.RESPONSE];

export interface Move {
  to: ProblemStatus;
  /** Only supervisors (and admins) may make this move. */
  supervisorOnly?: boolean;
  /** A note (the reason) is required. */
  needsNote?: boolean;
}

/**
 * The legal moves of changeProblemStatus. DUPLICATE is reached only through markDuplicate.
 * Gates (analysis recorded, solution adopted, actions finished, assessment recorded) are
 * checked on top of these by the lifecycle service.
 */
export const MOVES: Readonly<Record<ProblemStatus, readonly Move[]>> = {
  [ProblemStatus.REPORTED]: [{ to: ProblemStatus.SCANNING }, { to: ProblemStatus.REJECTED, needsNote: true }],
  [ProblemStatus.SCANNING]: [{ to: ProblemStatus.ANALYSIS }, { to: ProblemStatus.REJECTED, needsNote: true }],
  [ProblemStatus.ANALYSIS]: [{ to: ProblemStatus.RESPONSE }, { to: ProblemStatus.REJECTED, needsNote: true }],
  [ProblemStatus.RESPONSE]: [{ to: ProblemStatus.ASSESSMENT }],
  [ProblemStatus.ASSESSMENT]: [{ to: ProblemStatus.RESOLVED }, { to: ProblemStatus.ANALYSIS }, { to: ProblemStatus.RESPONSE }],
  [ProblemStatus.RESOLVED]: [
    { to: ProblemStatus.ANALYSIS, supervisorOnly: true, needsNote: true },
    { to: ProblemStatus.RESPONSE, supervisorOnly: true, needsNote: true },
  ],
  [ProblemStatus.REJECTED]: [{ to: ProblemStatus.SCANNING, supervisorOnly: true, needsNote: true }],
  [ProblemStatus.DUPLICATE]: [],
};

export function findMove(from: ProblemStatus, to: ProblemStatus): Move | undefined {
  return MOVES[from].find((move) => move.to === to);
}

/** Rough progress through the cycle, for residents following a problem. */
export const STATUS_PROGRESS: Readonly<Record<ProblemStatus, number>> = {
  [ProblemStatus.REPORTED]: 0,
  [ProblemStatus.SCANNING]: 10,
  [ProblemStatus.ANALYSIS]: 30,
  [ProblemStatus.RESPONSE]: 50,
  [ProblemStatus.ASSESSMENT]: 90,
  [ProblemStatus.RESOLVED]: 100,
  [ProblemStatus.DUPLICATE]: 100,
  [ProblemStatus.REJECTED]: 100,
};
