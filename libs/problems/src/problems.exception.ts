import { ForbiddenError } from '@common-ground/shared/graphql';

/**
 * The stable reasons (`extensions.reason`) of the errors the problems lib throws. Clients and
 * tests branch on these, never on the sentences beside them.
 */
export const ProblemsReason = {
  /** CONFLICT: the move is not in the state machine (`allowedStatuses` lists the legal ones). */
  ILLEGAL_STATUS_MOVE: 'ILLEGAL_STATUS_MOVE',
  /** CONFLICT: DUPLICATE is reached through markDuplicate only. */
  DUPLICATE_NEEDS_MARK_DUPLICATE: 'DUPLICATE_NEEDS_MARK_DUPLICATE',
  /** CONFLICT: one or more SARA gates block the move; `blockers` lists their reasons. */
  SARA_GATE_BLOCKED: 'SARA_GATE_BLOCKED',
  /** A blocker: no analysis recorded before leaving ANALYSIS for RESPONSE. */
  SARA_GATE_ANALYSIS_MISSING: 'SARA_GATE_ANALYSIS_MISSING',
  /** FORBIDDEN: the move is for supervisors. */
  SUPERVISOR_ONLY_MOVE: 'SUPERVISOR_ONLY_MOVE',
  /** CONFLICT: supporting a DUPLICATE problem (`duplicateOfId` names the one to support). */
  PROBLEM_IS_DUPLICATE: 'PROBLEM_IS_DUPLICATE',
  /** CONFLICT: supporting a REJECTED or RESOLVED problem. */
  PROBLEM_CLOSED_FOR_SUPPORT: 'PROBLEM_CLOSED_FOR_SUPPORT',
  /** CONFLICT: the analysis of a closed problem cannot change. */
  ANALYSIS_LOCKED: 'ANALYSIS_LOCKED',
  /** CONFLICT: merging a problem into one that was merged into it. */
  ALREADY_MERGED_INTO_THIS: 'ALREADY_MERGED_INTO_THIS',
  /** CONFLICT: only an open problem can be marked as a duplicate. */
  PROBLEM_NOT_OPEN_FOR_MERGE: 'PROBLEM_NOT_OPEN_FOR_MERGE',
  /** CONFLICT: the problem it would be merged into (after following merges) is closed. */
  MERGE_TARGET_CLOSED: 'MERGE_TARGET_CLOSED',
} as const;
export type ProblemsReason = (typeof ProblemsReason)[keyof typeof ProblemsReason];

/** Kept for the importers of the first reason this lib published. */
export const ALREADY_MERGED_INTO_THIS = ProblemsReason.ALREADY_MERGED_INTO_THIS;

/** FORBIDDEN with a reason: a move only supervisors may make. */
export class SupervisorOnlyMoveError extends ForbiddenError {
  constructor(message: string) {
    super(message);
    this.details['reason'] = ProblemsReason.SUPERVISOR_ONLY_MOVE;
  }
}
