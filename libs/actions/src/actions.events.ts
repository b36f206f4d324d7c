import { DomainEvent } from '@common-ground/shared/database';
import { declareTimelineKinds } from '@common-ground/problems';
import { ActionStatus, ActionVisibility } from './action-status';
import { AssessmentOutcome } from './assessment-outcome';

/**
 * The timeline kinds the actions lib writes (see `ActionsTimelineListener`). The timeline is
 * public: INTERNAL actions never appear on it.
 */
export enum ActionsTimelineKind {
  LEAD_ASSIGNED = 'LEAD_ASSIGNED',
  ACTION_CREATED = 'ACTION_CREATED',
  ACTION_ASSIGNED = 'ACTION_ASSIGNED',
  ACTION_UPDATED = 'ACTION_UPDATED',
  ASSESSED = 'ASSESSED',
}
declareTimelineKinds('actions', ActionsTimelineKind);

/** An officer now leads the problem. */
export class ProblemLeadAssigned extends DomainEvent<{ problemId: string; officerId: string; actorId: string; previousLeadId: string | null }> {
  readonly type = 'actions.problem-lead-assigned';
}

export interface ActionFacts {
  actionId: string;
  problemId: string;
  actorId: string;
  title: string;
  visibility: ActionVisibility;
  assigneeId: string | null;
  organisationId: string | null;
}

export class ActionCreated extends DomainEvent<ActionFacts> {
  readonly type = 'actions.action-created';
}

export class ActionAssigned extends DomainEvent<ActionFacts> {
  readonly type = 'actions.action-assigned';
}

export class ActionUpdated extends DomainEvent<ActionFacts & { from: ActionStatus; to: ActionStatus; progressPercent: number; note: string | null }> {
  readonly type = 'actions.action-updated';
}

export class ProblemAssessed extends DomainEvent<{ problemId: string; assessmentId: string; actorId: string; outcome: AssessmentOutcome }> {
  readonly type = 'actions.problem-assessed';
}
