import { GraphQLExecutor } from '../graphql-client';
import { ASSESS_PROBLEM, ASSIGN_ACTION, ASSIGN_PROBLEM_LEAD, CREATE_ACTION, RATE_OUTCOME, UPDATE_ACTION } from '../documents';
import { FactoryUser, Staff } from './users';

export type ActionStatusName = 'PLANNED' | 'IN_PROGRESS' | 'BLOCKED' | 'DONE' | 'CANCELLED';
export type AssessmentOutcomeName = 'RESOLVED' | 'IMPROVED' | 'NO_CHANGE' | 'WORSENED' | 'DISPLACED';
export type OutcomeWorkedName = 'YES' | 'PARTLY' | 'NO';

export interface FactoryAction {
  id: string;
  problemId: string;
  status: ActionStatusName;
}

export interface AssessmentMetricDraft {
  name: string;
  before: number;
  after: number;
  unit?: string | null;
  period?: string | null;
}

export interface AssessmentDraft {
  outcome: AssessmentOutcomeName;
  summary: string;
  metrics?: AssessmentMetricDraft[];
}

export const DEFAULT_ASSESSMENT: AssessmentDraft = {
  outcome: 'IMPROVED',
  summary: 'Fewer reports since the response.',
  metrics: [{ name: 'Reports per week', before: 6, after: 2, unit: 'reports', period: '4 weeks before and after' }],
};

interface ActionDraft {
  by?: FactoryUser;
  problemId?: string;
  solutionId?: string | null;
  title: string;
  description?: string | null;
  assigneeId?: string | null;
  organisationId?: string | null;
  dueAt?: string | null;
  visibility?: 'PUBLIC' | 'INTERNAL';
}

/** `actions.on(problem).assignedTo(officer).due(date).internal().create()`: one `createAction`. */
export class ActionBuilder {
  constructor(
    private readonly factory: ActionFactory,
    private readonly draft: ActionDraft,
  ) {}

  /** Created by this officer (default: the factories' officer). */
  by(officer: FactoryUser): ActionBuilder {
    return this.with({ by: officer });
  }

  /** On a problem in RESPONSE (and, if given, one of its adopted solutions). */
  on(problem: { id: string; adoptedSolutionId?: string }, solution?: { id: string } | null): ActionBuilder {
    return this.with({ problemId: problem.id, solutionId: solution?.id ?? null });
  }

  titled(title: string, description?: string): ActionBuilder {
    return this.with({ title, description: description ?? this.draft.description });
  }

  assignedTo(officer: { id: string }): ActionBuilder {
    return this.with({ assigneeId: officer.id, organisationId: null });
  }

  forOrganisation(organisation: { id: string }): ActionBuilder {
    return this.with({ organisationId: organisation.id, assigneeId: null });
  }

  due(at: Date | string | null): ActionBuilder {
    return this.with({ dueAt: at === null ? null : new Date(at).toISOString() });
  }

  internal(): ActionBuilder {
    return this.with({ visibility: 'INTERNAL' });
  }

  async create(): Promise<FactoryAction> {
    if (!this.draft.problemId) throw new Error('actions: say on which problem (.on(problem))');
    const officer = this.draft.by ?? (await this.factory.staff.officer());
    const { problemId, solutionId, title, description, assigneeId, organisationId, dueAt, visibility } = this.draft;
    const input = { problemId, solutionId, title, description, assigneeId, organisationId, dueAt, visibility };
    const { createAction } = await this.factory.gql.ok<{ createAction: { id: string } }>(CREATE_ACTION, { input }, officer.token);
    return { id: createAction.id, problemId, status: 'PLANNED' };
  }

  private with(change: Partial<ActionDraft>): ActionBuilder {
    return new ActionBuilder(this.factory, { ...this.draft, ...change });
  }
}

/** Actions and what follows them: updates, the lead, the assessment, residents' ratings. One API call each. */
export class ActionFactory {
  constructor(
    readonly gql: GraphQLExecutor,
    readonly staff: Staff,
  ) {}

  on(problem: { id: string }, solution?: { id: string } | null): ActionBuilder {
    return new ActionBuilder(this, { title: 'Patrol the path at dusk', description: 'Two officers, Thursday to Saturday.' }).on(problem, solution);
  }

  /** One `updateAction` (default: by the factories' officer). */
  async update(
    action: { id: string },
    change: { status?: ActionStatusName; progressPercent?: number; note?: string; dueAt?: string | null },
    by?: FactoryUser,
  ): Promise<void> {
    const user = by ?? (await this.staff.officer());
    await this.gql.ok(UPDATE_ACTION, { input: { actionId: action.id, ...change } }, user.token);
  }

  /** Walks an action to DONE (by way of IN_PROGRESS) or CANCELLED, one update per move. */
  async finish(action: { id: string; status?: ActionStatusName }, as: 'DONE' | 'CANCELLED' = 'DONE', by?: FactoryUser): Promise<void> {
    if (as === 'CANCELLED') return this.update(action, { status: 'CANCELLED', note: 'No longer needed' }, by);
    if (!action.status || action.status === 'PLANNED') await this.update(action, { status: 'IN_PROGRESS' }, by);
    await this.update(action, { status: 'DONE' }, by);
  }

  /** One `assignAction`, by an officer. */
  async assign(action: { id: string }, to: { assigneeId?: string; organisationId?: string }, by?: FactoryUser): Promise<void> {
    const officer = by ?? (await this.staff.officer());
    await this.gql.ok(ASSIGN_ACTION, { input: { actionId: action.id, ...to } }, officer.token);
  }

  /** One `assignProblemLead`: by the officer themselves unless `by` (a supervisor) says otherwise. */
  async lead(problem: { id: string }, officer: FactoryUser, by?: FactoryUser): Promise<void> {
    await this.gql.ok(ASSIGN_PROBLEM_LEAD, { problemId: problem.id, officerId: officer.id }, (by ?? officer).token);
  }

  /** One `assessProblem` on a problem in ASSESSMENT. */
  async assess(problem: { id: string }, assessment: AssessmentDraft = DEFAULT_ASSESSMENT, by?: FactoryUser): Promise<void> {
    const officer = by ?? (await this.staff.officer());
    await this.gql.ok(ASSESS_PROBLEM, { input: { problemId: problem.id, ...assessment } }, officer.token);
  }

  /** One `rateOutcome` by the reporter or a supporter. */
  async rate(problem: { id: string }, user: FactoryUser, worked: OutcomeWorkedName, comment?: string): Promise<void> {
    await this.gql.ok(RATE_OUTCOME, { input: { problemId: problem.id, worked, comment: comment ?? null } }, user.token);
  }
}
