import { BadUserInputError, ConflictError, DomainError, ErrorCode } from '@common-ground/shared/graphql';
import { ProblemStatus } from '@common-ground/problems';
import { SolutionStatus } from './solution-status';

/** The stable reasons (`extensions.reason`) of the solutions lib's errors. */
export enum SolutionsReason {
  /** A vote on a REJECTED or IMPLEMENTED solution. */
  VOTING_CLOSED = 'VOTING_CLOSED',
  /** A vote on a solution hidden by moderation. */
  SOLUTION_HIDDEN = 'SOLUTION_HIDDEN',
  /** A vote on your own solution. */
  OWN_SOLUTION = 'OWN_SOLUTION',
  /** A status change the solution state machine does not allow. */
  ILLEGAL_STATUS_MOVE = 'ILLEGAL_STATUS_MOVE',
  /** Adopting a solution while its problem is not in ANALYSIS or RESPONSE. */
  PROBLEM_NOT_ADOPTABLE = 'PROBLEM_NOT_ADOPTABLE',
  /** Proposing on a RESOLVED, DUPLICATE or REJECTED problem. */
  PROBLEM_CLOSED_FOR_SOLUTIONS = 'PROBLEM_CLOSED_FOR_SOLUTIONS',
  /** Flagging your own problem, solution or comment. */
  OWN_CONTENT = 'OWN_CONTENT',
  /** Proposing on behalf of an organisation you are not a member of. */
  NOT_AN_ORGANISATION_MEMBER = 'NOT_AN_ORGANISATION_MEMBER',
  /** A reply to a comment that does not exist. */
  COMMENT_PARENT_NOT_FOUND = 'COMMENT_PARENT_NOT_FOUND',
  /** A reply to a reply (replies go one level deep). */
  COMMENT_PARENT_IS_REPLY = 'COMMENT_PARENT_IS_REPLY',
  /** A reply to a comment on another problem or solution. */
  COMMENT_PARENT_ELSEWHERE = 'COMMENT_PARENT_ELSEWHERE',
}

export class VotingClosedError extends ConflictError {
  constructor(status: SolutionStatus) {
    super(`Voting is closed on a ${status} solution`, { reason: SolutionsReason.VOTING_CLOSED, currentStatus: status });
  }
}

export class SolutionHiddenError extends ConflictError {
  constructor() {
    super('Voting is closed while the solution is hidden by moderation', { reason: SolutionsReason.SOLUTION_HIDDEN });
  }
}

export class OwnSolutionVoteError extends DomainError {
  constructor() {
    super(ErrorCode.FORBIDDEN, 'You cannot vote on your own solution', { reason: SolutionsReason.OWN_SOLUTION });
  }
}

export class IllegalStatusMoveError extends ConflictError {
  constructor(from: SolutionStatus, to: SolutionStatus, allowed: readonly SolutionStatus[]) {
    super(`A solution cannot move from ${from} to ${to}`, {
      reason: SolutionsReason.ILLEGAL_STATUS_MOVE,
      currentStatus: from,
      requestedStatus: to,
      allowedStatuses: allowed,
    });
  }
}

export class ProblemNotAdoptableError extends ConflictError {
  constructor(from: SolutionStatus, to: SolutionStatus, problemStatus: ProblemStatus, adoptable: readonly ProblemStatus[]) {
    super(`A solution can be adopted only while its problem is in ${adoptable.join(' or ')}; it is ${problemStatus}`, {
      reason: SolutionsReason.PROBLEM_NOT_ADOPTABLE,
      currentStatus: from,
      requestedStatus: to,
      problemStatus,
    });
  }
}

export class ProblemClosedForSolutionsError extends ConflictError {
  constructor(problemStatus: ProblemStatus) {
    super(`A ${problemStatus} problem takes no new solutions`, { reason: SolutionsReason.PROBLEM_CLOSED_FOR_SOLUTIONS, problemStatus });
  }
}

export class OwnContentFlagError extends DomainError {
  constructor() {
    super(ErrorCode.FORBIDDEN, 'You cannot flag your own content', { reason: SolutionsReason.OWN_CONTENT });
  }
}

export class NotAnOrganisationMemberError extends DomainError {
  constructor() {
    super(ErrorCode.FORBIDDEN, 'You must be a member of this organisation', { reason: SolutionsReason.NOT_AN_ORGANISATION_MEMBER });
  }
}

export class CommentParentNotFoundError extends DomainError {
  constructor(parentId: string) {
    super(ErrorCode.NOT_FOUND, `Comment ${parentId} not found`, { reason: SolutionsReason.COMMENT_PARENT_NOT_FOUND });
  }
}

/** A reply's parent that cannot take it; names the command's field (`parentId`). */
export function badCommentParent(reason: SolutionsReason.COMMENT_PARENT_IS_REPLY | SolutionsReason.COMMENT_PARENT_ELSEWHERE): BadUserInputError {
  const message =
    reason === SolutionsReason.COMMENT_PARENT_IS_REPLY
      ? 'is itself a reply; replies go one level deep, so reply to the comment it answers'
      : 'is a comment on another problem or solution';
  const error = BadUserInputError.field('parentId', message);
  error.details['reason'] = reason;
  return error;
}
