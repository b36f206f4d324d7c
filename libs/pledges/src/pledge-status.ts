import { SolutionStatus } from '@common-ground/solutions';

/** Where a pledge stands: PLEDGED → FULFILLED (an officer confirmed delivery) | WITHDRAWN | RELEASED (its solution was rejected). */
export enum PledgeStatus {
  PLEDGED = 'PLEDGED',
  FULFILLED = 'FULFILLED',
  WITHDRAWN = 'WITHDRAWN',
  RELEASED = 'RELEASED',
}

/** What is promised: money (an exact amount) or capacity (a kind, a quantity, a unit). */
export enum PledgeKind {
  FUNDING = 'FUNDING',
  CAPACITY = 'CAPACITY',
}

/** The kinds of capacity one can pledge. */
export enum CapacityKind {
  VOLUNTEER_HOURS = 'VOLUNTEER_HOURS',
  EQUIPMENT = 'EQUIPMENT',
  SKILL = 'SKILL',
  VENUE = 'VENUE',
  MATERIALS = 'MATERIALS',
  OTHER = 'OTHER',
}

/** The moves of the state machine: only an open (PLEDGED) pledge moves, and once. */
export const PLEDGE_MOVES: Readonly<Record<PledgeStatus, readonly PledgeStatus[]>> = {
  [PledgeStatus.PLEDGED]: [PledgeStatus.FULFILLED, PledgeStatus.WITHDRAWN, PledgeStatus.RELEASED],
  [PledgeStatus.FULFILLED]: [],
  [PledgeStatus.WITHDRAWN]: [],
  [PledgeStatus.RELEASED]: [],
};

export function canMovePledge(from: PledgeStatus, to: PledgeStatus): boolean {
  return PLEDGE_MOVES[from].includes(to);
}

/** The statuses whose pledges count in `pledged` totals (FULFILLED ones also in `fulfilled`). */
export const COUNTED_STATUSES: readonly PledgeStatus[] = [PledgeStatus.PLEDGED, PledgeStatus.FULFILLED];

export function isCounted(status: PledgeStatus): boolean {
  return COUNTED_STATUSES.includes(status);
}

/** Solutions that take no new pledges nor match offers. */
export const CLOSED_FOR_PLEDGES: readonly SolutionStatus[] = [SolutionStatus.REJECTED, SolutionStatus.IMPLEMENTED];
