import { DomainEvent } from '@common-ground/shared/database';
import { declareTimelineKinds } from '@common-ground/problems';
import { SolutionStatus } from './solution-status';

/** The timeline kinds the solutions lib writes (see `SolutionTimelineListener`). */
export enum SolutionTimelineKind {
  SOLUTION_PROPOSED = 'SOLUTION_PROPOSED',
  SOLUTION_STATUS_CHANGED = 'SOLUTION_STATUS_CHANGED',
  SOLUTION_ADOPTED = 'SOLUTION_ADOPTED',
  OFFICIAL_RESPONSE = 'OFFICIAL_RESPONSE',
}
declareTimelineKinds('solutions', SolutionTimelineKind);

/** A solution was proposed for a problem (the problem's solution count has been raised). */
export class SolutionProposed extends DomainEvent<{
  solutionId: string;
  problemId: string;
  proposerId: string;
  organisationId: string | null;
}> {
  readonly type = 'solutions.solution-proposed';
}

export interface SolutionStatusChange {
  solutionId: string;
  problemId: string;
  actorId: string;
  from: SolutionStatus;
  to: SolutionStatus;
  note: string | null;
}

/**
 * A solution moved (shortlisted, adopted, rejected, implemented). Moves to ADOPTED and REJECTED
 * are published as the subclasses `SolutionAdopted` and `SolutionRejected`, so a lib can listen
 * to just those; a handler of this class hears every move. Build one with `solutionStatusChanged`.
 */
export class SolutionStatusChanged extends DomainEvent<SolutionStatusChange> {
  readonly type: string = 'solutions.solution-status-changed';
}

/** A solution was adopted for its problem. */
export class SolutionAdopted extends SolutionStatusChanged {
  override readonly type = 'solutions.solution-adopted';
}

/** A solution was rejected (pledges toward it are released). */
export class SolutionRejected extends SolutionStatusChanged {
  override readonly type = 'solutions.solution-rejected';
}

/** The event of a status change: its subclass where the move has one. */
export function solutionStatusChanged(change: SolutionStatusChange): SolutionStatusChanged {
  if (change.to === SolutionStatus.ADOPTED) return new SolutionAdopted(change);
  if (change.to === SolutionStatus.REJECTED) return new SolutionRejected(change);
  return new SolutionStatusChanged(change);
}

export interface CommentFacts {
  commentId: string;
  /** The problem the comment is on, or the problem of the solution it is on. */
  problemId: string;
  solutionId: string | null;
  parentId: string | null;
  authorId: string;
}

/**
 * A comment was added to a problem's or a solution's discussion. An officer's or supervisor's
 * comment is published as the subclass `OfficialResponseGiven`. Build one with `commentAdded`.
 */
export class CommentAdded extends DomainEvent<CommentFacts> {
  readonly type: string = 'solutions.comment-added';
}

/** An official (officer's or supervisor's) comment: it shows on the problem's timeline. */
export class OfficialResponseGiven extends CommentAdded {
  override readonly type = 'solutions.official-response-given';
}

export function commentAdded(facts: CommentFacts, official: boolean): CommentAdded {
  return official ? new OfficialResponseGiven(facts) : new CommentAdded(facts);
}
