import { BadUserInputError, ConflictError, DomainError, ErrorCode } from '@common-ground/shared/graphql';
import { SolutionStatus } from '@common-ground/solutions';
import { PledgeStatus } from './pledge-status';

/** The stable reasons (`extensions.reason`) of the pledges lib's errors. */
export enum PledgesReason {
  /** A pledge or a match offer toward a REJECTED or IMPLEMENTED solution. */
  SOLUTION_CLOSED_FOR_PLEDGES = 'SOLUTION_CLOSED_FOR_PLEDGES',
  /** Withdrawing or fulfilling a pledge that is no longer PLEDGED. */
  PLEDGE_NOT_OPEN = 'PLEDGE_NOT_OPEN',
  /** Withdrawing a pledge you did not make (and whose organisation you are not an OWNER of). */
  NOT_THE_PLEDGER = 'NOT_THE_PLEDGER',
  /** Withdrawing a match pledge: it follows the pledge it matches. */
  MATCH_FOLLOWS_ITS_PLEDGE = 'MATCH_FOLLOWS_ITS_PLEDGE',
  /** An amount or a cap above PLEDGE_AMOUNT_MAX_MINOR. */
  PLEDGE_AMOUNT_TOO_LARGE = 'PLEDGE_AMOUNT_TOO_LARGE',
  /** A FUNDING pledge without `amount`, or a CAPACITY pledge without `capacity`. */
  PLEDGE_PART_MISSING = 'PLEDGE_PART_MISSING',
  /** `amount` on a CAPACITY pledge, or `capacity` on a FUNDING pledge. */
  PLEDGE_PART_NOT_ALLOWED = 'PLEDGE_PART_NOT_ALLOWED',
  /** `capacity.needId` is not a capacity need of the solution. */
  CAPACITY_NEED_NOT_FOUND = 'CAPACITY_NEED_NOT_FOUND',
}

/** A BAD_USER_INPUT naming the command's field, with a reason. */
export function refusedField(field: string, message: string, reason: string): BadUserInputError {
  const error = BadUserInputError.field(field, message);
  error.details['reason'] = reason;
  return error;
}

export class SolutionClosedForPledgesError extends ConflictError {
  constructor(status: SolutionStatus) {
    super(`A ${status} solution takes no pledges`, { reason: PledgesReason.SOLUTION_CLOSED_FOR_PLEDGES, solutionStatus: status });
  }
}

export class PledgeNotOpenError extends ConflictError {
  constructor(status: PledgeStatus) {
    super(`The pledge is ${status}; only a PLEDGED one can change`, { reason: PledgesReason.PLEDGE_NOT_OPEN, currentStatus: status });
  }
}

export class NotThePledgerError extends DomainError {
  constructor() {
    super(ErrorCode.FORBIDDEN, 'Only the pledger, or an OWNER of the organisation it was made for, may withdraw it', { reason: PledgesReason.NOT_THE_PLEDGER });
  }
}

export class MatchFollowsItsPledgeError extends ConflictError {
  constructor(matchesPledgeId: string) {
    super('A match pledge is withdrawn with the pledge it matches', { reason: PledgesReason.MATCH_FOLLOWS_ITS_PLEDGE, matchesPledgeId });
  }
}
