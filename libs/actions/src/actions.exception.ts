import { BadUserInputError, ConflictError, DomainError, ForbiddenError, NotFoundError } from '@common-ground/shared/graphql';

/** The stable reasons (`extensions.reason`) of the actions lib's errors. */
export enum ActionsReason {
  /** NOT_FOUND: no such action, or one the caller may not see (an INTERNAL action is not admitted to exist). */
  ACTION_NOT_FOUND = 'ACTION_NOT_FOUND',
  /** FORBIDDEN: updating an action that is not yours, your organisation's, or (as an officer) the police's. */
  NOT_ACTION_ASSIGNEE = 'NOT_ACTION_ASSIGNEE',
  /** FORBIDDEN: only officers change an action's due date. */
  DUE_DATE_BY_OFFICERS = 'DUE_DATE_BY_OFFICERS',
  /** FORBIDDEN: the actions list is for officers, partner agencies, and an organisation's own actions. */
  ACTIONS_LIST_FORBIDDEN = 'ACTIONS_LIST_FORBIDDEN',
  /** CONFLICT: actions are created only while their problem is in RESPONSE. */
  PROBLEM_NOT_IN_RESPONSE = 'PROBLEM_NOT_IN_RESPONSE',
  /** BAD_USER_INPUT on `solutionId`: not an adopted (or implemented) solution of this problem. */
  SOLUTION_NOT_ADOPTED_HERE = 'SOLUTION_NOT_ADOPTED_HERE',
  /** BAD_USER_INPUT: an officer or an organisation, never both (assignAction: exactly one). */
  ONE_ASSIGNEE = 'ONE_ASSIGNEE',
  /** BAD_USER_INPUT on `assigneeId`: not an officer or supervisor. */
  ASSIGNEE_NOT_AN_OFFICER = 'ASSIGNEE_NOT_AN_OFFICER',
  /** BAD_USER_INPUT on `organisationId`: no such organisation. */
  ORGANISATION_NOT_FOUND = 'ORGANISATION_NOT_FOUND',
  /**
   * BAD_USER_INPUT on `organisationId`: a community or business organisation takes actions only on
   * a problem it is part of (it proposed one of its solutions); partner agencies on any problem.
   */
  ORGANISATION_NOT_INVOLVED = 'ORGANISATION_NOT_INVOLVED',
  /** CONFLICT: a move the action state machine does not allow. */
  ILLEGAL_ACTION_MOVE = 'ILLEGAL_ACTION_MOVE',
  /** CONFLICT: the action is DONE or CANCELLED; nothing about it changes any more. */
  ACTION_FINISHED = 'ACTION_FINISHED',
  /** BAD_USER_INPUT on `progressPercent`: DONE means 100. */
  DONE_MEANS_100 = 'DONE_MEANS_100',
  /** BAD_USER_INPUT on `officerId`: the lead must be an officer or supervisor. */
  LEAD_NOT_AN_OFFICER = 'LEAD_NOT_AN_OFFICER',
  /** FORBIDDEN: an officer takes the lead only themselves; supervisors assign anyone. */
  LEAD_SELF_ONLY = 'LEAD_SELF_ONLY',
  /** CONFLICT: another officer leads the problem; a supervisor may reassign it. */
  PROBLEM_ALREADY_LED = 'PROBLEM_ALREADY_LED',
  /** CONFLICT: a RESOLVED, DUPLICATE or REJECTED problem takes no lead. */
  PROBLEM_CLOSED = 'PROBLEM_CLOSED',
  /** CONFLICT: a problem is assessed only in ASSESSMENT. */
  PROBLEM_NOT_IN_ASSESSMENT = 'PROBLEM_NOT_IN_ASSESSMENT',
  /** CONFLICT: whether it worked is asked once the problem is in ASSESSMENT or RESOLVED. */
  RATING_NOT_OPEN = 'RATING_NOT_OPEN',
  /** FORBIDDEN: only the problem's reporter and supporters say whether it worked. */
  NOT_REPORTER_OR_SUPPORTER = 'NOT_REPORTER_OR_SUPPORTER',
  /** BAD_USER_INPUT on `from`/`to`: the period ends before it starts. */
  PERIOD_REVERSED = 'PERIOD_REVERSED',
}

/** The SARA gate blockers this lib adds (in the CONFLICT's `blockers`, reason SARA_GATE_BLOCKED). */
export enum ActionsGateReason {
  /** Entering ASSESSMENT while an action is PLANNED, IN_PROGRESS or BLOCKED. */
  SARA_GATE_ACTIONS_OPEN = 'SARA_GATE_ACTIONS_OPEN',
  /** Reaching RESOLVED without a current assessment. */
  SARA_GATE_ASSESSMENT_MISSING = 'SARA_GATE_ASSESSMENT_MISSING',
}

function because<E extends DomainError>(error: E, reason: ActionsReason): E {
  error.details['reason'] = reason;
  return error;
}

/** BAD_USER_INPUT on a command's field, with its reason. */
export function refusedField(field: string, message: string, reason: ActionsReason): BadUserInputError {
  return because(BadUserInputError.field(field, message), reason);
}

export const actionNotFound = (id: string) => because(new NotFoundError('Action', id), ActionsReason.ACTION_NOT_FOUND);
export const notActionAssignee = () =>
  because(new ForbiddenError('Only the assignee, members of the assigned organisation, and officers update an action'), ActionsReason.NOT_ACTION_ASSIGNEE);
export const dueDateByOfficers = () => because(new ForbiddenError('Only officers change an action’s due date'), ActionsReason.DUE_DATE_BY_OFFICERS);
export const actionsListForbidden = () =>
  because(
    new ForbiddenError('The actions list is for officers and partner agencies; others list their organisation’s actions (filter.organisationId)'),
    ActionsReason.ACTIONS_LIST_FORBIDDEN,
  );
export const leadSelfOnly = () =>
  because(new ForbiddenError('An officer takes the lead only themselves; a supervisor assigns others'), ActionsReason.LEAD_SELF_ONLY);
export const notReporterOrSupporter = () =>
  because(new ForbiddenError('Only the problem’s reporter and supporters say whether it worked'), ActionsReason.NOT_REPORTER_OR_SUPPORTER);

export function wrongProblemStatus(
  reason: ActionsReason.PROBLEM_NOT_IN_RESPONSE | ActionsReason.PROBLEM_NOT_IN_ASSESSMENT | ActionsReason.RATING_NOT_OPEN | ActionsReason.PROBLEM_CLOSED,
  problemStatus: string,
  message: string,
): ConflictError {
  return new ConflictError(message, { reason, problemStatus });
}

export class IllegalActionMoveError extends ConflictError {
  constructor(from: string, to: string, allowed: readonly string[]) {
    super(`An action cannot move from ${from} to ${to}`, {
      reason: ActionsReason.ILLEGAL_ACTION_MOVE,
      currentStatus: from,
      requestedStatus: to,
      allowedStatuses: allowed,
    });
  }
}

export class ActionFinishedError extends ConflictError {
  constructor(status: string) {
    super(`The action is ${status}; it does not change any more`, { reason: ActionsReason.ACTION_FINISHED, currentStatus: status });
  }
}

export class ProblemAlreadyLedError extends ConflictError {
  constructor() {
    super('Another officer leads this problem; a supervisor may reassign it', { reason: ActionsReason.PROBLEM_ALREADY_LED });
  }
}
