import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { hasAnyRole, POLICE_ROLES } from '@common-ground/shared/auth';
import { anyOf, DomainEvents, inTransaction, newId } from '@common-ground/shared/database';
import { BadUserInputError, ConnectionShape, keysetPage, NotFoundError, SortKey } from '@common-ground/shared/graphql';
import { CreateOptions, IdempotencyKeys } from '@common-ground/shared/idempotency';
import { OrganisationKind, OrganisationService, UserService } from '@common-ground/identity';
import { ProblemService, ProblemStatus, ResponseFacts } from '@common-ground/problems';
import { ADOPTED_STATUSES, SolutionService } from '@common-ground/solutions';
import { ActionEntity, ActionUpdateEntity } from './action.entity';
import { AssignAction, CreateAction, ListActions, UpdateAction } from './action.commands';
import {
  ActionStatus,
  ActionVisibility,
  DONE_PROGRESS,
  findActionMove,
  FINISHED_ACTION_STATUSES,
  OPEN_ACTION_STATUSES,
  progressAfter,
  responseProgress,
} from './action-status';
import { ActionViewer, mayChangeDueDate, mayListActions, mayUpdateAction, seesAction, seesActionSql } from './action-visibility';
import { ActionAssigned, ActionCreated, ActionFacts, ActionUpdated } from './actions.events';
import {
  ActionFinishedError,
  actionNotFound,
  ActionsReason,
  actionsListForbidden,
  dueDateByOfficers,
  IllegalActionMoveError,
  notActionAssignee,
  refusedField,
  wrongProblemStatus,
} from './actions.exception';

/** Soonest due first (no due date last), then by id: the workload order. */
const WORKLOAD_ORDER: SortKey[] = [
  { expression: 'a.due_order', direction: 'ASC', type: 'timestamptz' },
  { expression: 'a.id', direction: 'ASC', type: 'uuid' },
];

/** Creating, assigning, updating and listing the actions of problems' responses. */
@Injectable()
export class ActionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(ActionEntity) private readonly actions: Repository<ActionEntity>,
    @InjectRepository(ActionUpdateEntity) private readonly updates: Repository<ActionUpdateEntity>,
    private readonly problems: ProblemService,
    private readonly solutions: SolutionService,
    private readonly organisations: OrganisationService,
    private readonly users: UserService,
    private readonly events: DomainEvents,
    private readonly idempotency: IdempotencyKeys,
  ) {}

  findByIds(ids: readonly string[]): Promise<ActionEntity[]> {
    return ids.length ? this.actions.findBy({ id: anyOf(ids) }) : Promise.resolve([]);
  }

  /** The action if the viewer may see it; NOT_FOUND (ACTION_NOT_FOUND) otherwise, INTERNAL ones included. */
  async getVisible(id: string, viewer: ActionViewer): Promise<ActionEntity> {
    const action = await this.actions.findOneBy({ id });
    if (!action || !seesAction(action, viewer)) throw actionNotFound(id);
    return action;
  }

  /** The actions of these problems, oldest first (the loader filters them by what the viewer sees). */
  ofProblems(problemIds: readonly string[]): Promise<ActionEntity[]> {
    return problemIds.length ? this.actions.find({ where: { problemId: anyOf(problemIds) }, order: { createdAt: 'ASC', id: 'ASC' } }) : Promise.resolve([]);
  }

  /** The updates of these actions, oldest first. */
  updatesOf(actionIds: readonly string[]): Promise<ActionUpdateEntity[]> {
    return actionIds.length ? this.updates.find({ where: { actionId: anyOf(actionIds) }, order: { at: 'ASC', id: 'ASC' } }) : Promise.resolve([]);
  }

  /**
   * The local team's work the public may see: PUBLIC actions in progress on problems the public
   * sees in the area, assigned to one of the area's officers; soonest due first.
   */
  publicInProgress(publicAreaId: string, officerIds: readonly string[], limit = 20): Promise<ActionEntity[]> {
    if (!officerIds.length) return Promise.resolve([]);
    return this.actions
      .createQueryBuilder('a')
      .where('a.public_area_id = :publicAreaId', { publicAreaId })
      .andWhere('a.status = :status', { status: ActionStatus.IN_PROGRESS })
      .andWhere('a.visibility = :visibility', { visibility: ActionVisibility.PUBLIC })
      .andWhere('a.assignee_id = ANY(CAST(:officerIds AS uuid[]))', { officerIds: [...officerIds] })
      .orderBy('a.due_order', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  /**
   * Workloads: filtered, soonest due first, keyset-paged; only actions the viewer sees.
   * FORBIDDEN (ACTIONS_LIST_FORBIDDEN) unless mayListActions admits the viewer with this filter.
   */
  list(args: ListActions, viewer: ActionViewer): Promise<ConnectionShape<ActionEntity>> {
    const filter = args.filter ?? {};
    if (!mayListActions(viewer, filter)) throw actionsListForbidden();
    const query = this.actions.createQueryBuilder('a');
    const sees = seesActionSql(viewer);
    query.where(sees.sql, sees.parameters);
    if (filter.assigneeId) query.andWhere('a.assignee_id = :assigneeId', { assigneeId: filter.assigneeId });
    if (filter.organisationId) query.andWhere('a.organisation_id = :organisationId', { organisationId: filter.organisationId });
    if (filter.areaId) query.andWhere('a.area_id = :areaId', { areaId: filter.areaId });
    if (filter.statuses?.length) query.andWhere('a.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter.overdue === true) {
      query.andWhere('a.due_at < now() AND a.status IN (:...openStatuses)', { openStatuses: [...OPEN_ACTION_STATUSES] });
    } else if (filter.overdue === false) {
      query.andWhere('NOT (a.due_at IS NOT NULL AND a.due_at < now() AND a.status IN (:...openStatuses))', { openStatuses: [...OPEN_ACTION_STATUSES] });
    }
    return keysetPage(query, WORKLOAD_ORDER, args);
  }

  /**
   * OFFICER+ (the resolver admits them). CONFLICT (PROBLEM_NOT_IN_RESPONSE) unless the problem is
   * in RESPONSE. With an idempotency key, a retry returns the action the first request created.
   */
  async create(actorId: string, command: CreateAction, options: CreateOptions = {}): Promise<ActionEntity> {
    if (command.assigneeId && command.organisationId) {
      throw refusedField('organisationId', 'an action is assigned to an officer or an organisation, not both', ActionsReason.ONE_ASSIGNEE);
    }
    const id = newId();
    const request = { userId: actorId, key: options.idempotencyKey, operation: 'createAction', input: command };
    return this.idempotency.create(
      request,
      id,
      (manager) => this.insert(manager, id, actorId, command),
      (firstId) => this.actions.findOneByOrFail({ id: firstId }),
    );
  }

  private async insert(manager: EntityManager, id: string, actorId: string, command: CreateAction): Promise<ActionEntity> {
    const problem = await this.lockProblem(manager, command.problemId);
    if (problem.status !== ProblemStatus.RESPONSE) {
      throw wrongProblemStatus(
        ActionsReason.PROBLEM_NOT_IN_RESPONSE,
        problem.status,
        `Actions are created while a problem is in RESPONSE; it is ${problem.status}`,
      );
    }
    if (command.solutionId) await this.assertAdoptedHere(manager, command.problemId, command.solutionId);
    await this.assertAssignable(manager, command.problemId, command);
    await manager.insert(ActionEntity, {
      id,
      problemId: command.problemId,
      solutionId: command.solutionId ?? null,
      areaId: problem.areaId,
      publicAreaId: problem.publicAreaId,
      title: command.title,
      description: command.description ?? '',
      status: ActionStatus.PLANNED,
      progressPercent: 0,
      visibility: command.visibility ?? ActionVisibility.PUBLIC,
      dueAt: command.dueAt ?? null,
      assigneeId: command.assigneeId ?? null,
      organisationId: command.organisationId ?? null,
      createdById: actorId,
      finishedAt: null,
    });
    const action = await this.reread(manager, id);
    await this.refreshProgress(manager, action.problemId);
    await this.events.publish(manager, new ActionCreated(facts(action, actorId)));
    return action;
  }

  /** OFFICER+ (the resolver admits them). Exactly one of assigneeId and organisationId. */
  async assign(actorId: string, command: AssignAction, viewer: ActionViewer): Promise<ActionEntity> {
    if (!!command.assigneeId === !!command.organisationId) {
      throw refusedField(command.assigneeId ? 'organisationId' : 'assigneeId', 'give exactly one of assigneeId and organisationId', ActionsReason.ONE_ASSIGNEE);
    }
    return inTransaction(this.dataSource, async (manager) => {
      const current = await this.lockAction(manager, command.actionId, viewer);
      if (FINISHED_ACTION_STATUSES.includes(current.status)) throw new ActionFinishedError(current.status);
      await this.assertAssignable(manager, current.problemId, command);
      await manager.update(ActionEntity, { id: current.id }, { assigneeId: command.assigneeId ?? null, organisationId: command.organisationId ?? null });
      const action = await this.reread(manager, current.id);
      await this.events.publish(manager, new ActionAssigned(facts(action, actorId)));
      return action;
    });
  }

  /**
   * By the assigned officer, members of the assigned organisation, or officers (else FORBIDDEN
   * NOT_ACTION_ASSIGNEE; NOT_FOUND for an INTERNAL action the caller may not see). Appends an
   * entry to the action's log and keeps the problem's progress.
   */
  async update(actorId: string, command: UpdateAction, viewer: ActionViewer): Promise<ActionEntity> {
    const changesDue = command.dueAt !== undefined;
    if (command.status == null && command.progressPercent == null && command.note == null && !changesDue) {
      throw BadUserInputError.field('', 'give at least one of status, progressPercent, note and dueAt');
    }
    return inTransaction(this.dataSource, async (manager) => {
      const current = await this.lockAction(manager, command.actionId, viewer);
      if (!mayUpdateAction(current, viewer)) throw notActionAssignee();
      if (changesDue && !mayChangeDueDate(viewer)) throw dueDateByOfficers();
      if (FINISHED_ACTION_STATUSES.includes(current.status)) throw new ActionFinishedError(current.status);
      const to = command.status ?? current.status;
      if (to !== current.status) {
        const move = findActionMove(current.status, to);
        if (!move) throw new IllegalActionMoveError(current.status, to, actionMovesFrom(current.status));
        if (move.needsNote && !command.note) throw BadUserInputError.field('note', `is required to move an action to ${to}`);
      }
      if (to === ActionStatus.DONE && command.progressPercent != null && command.progressPercent !== DONE_PROGRESS) {
        throw refusedField('progressPercent', 'must be 100 (or left out) when the action is DONE', ActionsReason.DONE_MEANS_100);
      }
      const progress = progressAfter(current.progressPercent, to, command.progressPercent);
      const dueAt = changesDue ? (command.dueAt ?? null) : current.dueAt;
      const finished = FINISHED_ACTION_STATUSES.includes(to);
      await manager.update(ActionEntity, { id: current.id }, { status: to, progressPercent: progress, dueAt, finishedAt: finished ? () => 'now()' : null });
      await manager.insert(ActionUpdateEntity, {
        id: newId(),
        actionId: current.id,
        authorId: actorId,
        at: new Date(),
        note: command.note ?? null,
        status: to,
        progressPercent: progress,
        dueAt,
      });
      const action = await this.reread(manager, current.id);
      if (action.progressPercent !== current.progressPercent || action.status !== current.status) await this.refreshProgress(manager, action.problemId);
      await this.events.publish(
        manager,
        new ActionUpdated({ ...facts(action, actorId), from: current.status, to, progressPercent: progress, note: command.note ?? null }),
      );
      return action;
    });
  }

  /** The problem, locked for its response (step 2 of the lock order); NOT_FOUND when there is none. */
  private async lockProblem(manager: EntityManager, problemId: string): Promise<ResponseFacts> {
    const problem = await this.problems.lockForResponse(manager, problemId);
    if (!problem) throw new NotFoundError('Problem', problemId);
    return problem;
  }

  /**
   * The action and its problem, locked in the lock order (the problem first, then the action);
   * NOT_FOUND (ACTION_NOT_FOUND) when it does not exist or the viewer may not see it.
   */
  private async lockAction(manager: EntityManager, actionId: string, viewer: ActionViewer): Promise<ActionEntity> {
    const found = await manager.findOneBy(ActionEntity, { id: actionId });
    if (!found || !seesAction(found, viewer)) throw actionNotFound(actionId);
    await this.problems.lockForResponse(manager, found.problemId);
    const action = await manager.findOne(ActionEntity, { where: { id: actionId }, lock: { mode: 'for_no_key_update' } });
    if (!action) throw actionNotFound(actionId);
    return action;
  }

  private async reread(manager: EntityManager, id: string): Promise<ActionEntity> {
    return manager.findOneByOrFail(ActionEntity, { id });
  }

  /** Keeps the problem's progress: the average of its actions that are not cancelled (null: none). */
  private async refreshProgress(manager: EntityManager, problemId: string): Promise<void> {
    const rows: { status: ActionStatus; progress_percent: number }[] = await manager.query(
      'SELECT status, progress_percent FROM actions WHERE problem_id = $1',
      [problemId],
    );
    const percent = responseProgress(rows.map((row) => ({ status: row.status, progressPercent: row.progress_percent })));
    await this.problems.setResponseProgress(manager, problemId, percent);
  }

  /** BAD_USER_INPUT (SOLUTION_NOT_ADOPTED_HERE) unless the solution is an adopted one of this problem. */
  private async assertAdoptedHere(manager: EntityManager, problemId: string, solutionId: string): Promise<void> {
    const solution = await this.solutions.lockForShare(manager, solutionId);
    if (!solution || solution.problemId !== problemId || !ADOPTED_STATUSES.includes(solution.status)) {
      throw refusedField('solutionId', 'is not an adopted solution of this problem', ActionsReason.SOLUTION_NOT_ADOPTED_HERE);
    }
  }

  /**
   * The assignee must be an officer (or supervisor); an organisation must exist and be a partner
   * agency or have proposed one of the problem's solutions.
   */
  private async assertAssignable(manager: EntityManager, problemId: string, to: { assigneeId?: string | null; organisationId?: string | null }): Promise<void> {
    if (to.assigneeId) {
      const user = (await this.users.factsOf(manager, [to.assigneeId])).get(to.assigneeId);
      if (!user || !hasAnyRole(user, POLICE_ROLES)) {
        throw refusedField('assigneeId', 'is not an officer', ActionsReason.ASSIGNEE_NOT_AN_OFFICER);
      }
    }
    if (to.organisationId) {
      const organisation = await this.organisations.findById(to.organisationId);
      if (!organisation) throw refusedField('organisationId', 'is not a known organisation', ActionsReason.ORGANISATION_NOT_FOUND);
      if (organisation.kind !== OrganisationKind.PARTNER_AGENCY && !(await this.solutions.proposedByOrganisation(manager, problemId, organisation.id))) {
        throw refusedField(
          'organisationId',
          'is neither a partner agency nor an organisation that proposed a solution for this problem',
          ActionsReason.ORGANISATION_NOT_INVOLVED,
        );
      }
    }
  }
}

function actionMovesFrom(status: ActionStatus): ActionStatus[] {
  return Object.values(ActionStatus).filter((to) => !!findActionMove(status, to));
}

function facts(action: ActionEntity, actorId: string): ActionFacts {
  return {
    actionId: action.id,
    problemId: action.problemId,
    actorId,
    title: action.title,
    visibility: action.visibility,
    assigneeId: action.assigneeId,
    organisationId: action.organisationId,
  };
}
