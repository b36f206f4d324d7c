import { ActionStatus, ActionVisibility } from './action-status';
import { AssessmentOutcome, OutcomeWorked } from './assessment-outcome';

/** The plain commands and queries the actions lib's services take (resolvers map inputs onto them). */

export interface CreateAction {
  problemId: string;
  solutionId?: string | null;
  title: string;
  description?: string | null;
  assigneeId?: string | null;
  organisationId?: string | null;
  dueAt?: Date | null;
  visibility?: ActionVisibility | null;
}

/** Exactly one of the two. */
export interface AssignAction {
  actionId: string;
  assigneeId?: string | null;
  organisationId?: string | null;
}

export interface UpdateAction {
  actionId: string;
  status?: ActionStatus | null;
  progressPercent?: number | null;
  note?: string | null;
  /** null clears the due date; undefined leaves it. */
  dueAt?: Date | null;
}

export interface ListActions {
  filter?: {
    assigneeId?: string | null;
    organisationId?: string | null;
    areaId?: string | null;
    statuses?: ActionStatus[] | null;
    overdue?: boolean | null;
  } | null;
  first?: number;
  after?: string;
}

export interface AssessmentMetricCommand {
  name: string;
  before: number;
  after: number;
  unit?: string | null;
  period?: string | null;
}

export interface AssessProblem {
  problemId: string;
  outcome: AssessmentOutcome;
  summary: string;
  metrics?: AssessmentMetricCommand[] | null;
}

export interface RateOutcome {
  problemId: string;
  worked: OutcomeWorked;
  comment?: string | null;
}
