import { Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Auth, AuthenticatedUser, AuthRequest, CurrentUser, OFFICER_ROLES } from '@common-ground/shared/auth';
import { Args, atInput, mapConnection, ParseIdPipe } from '@common-ground/shared/graphql';
import { IdempotencyKey } from '@common-ground/shared/idempotency';
import { OrganisationModel, toOrganisationModel, toUserModel, UserModel, UsersLoader } from '@common-ground/identity';
import { ProblemModel, ProblemsLoader, toProblemModel } from '@common-ground/problems';
import { SolutionModel, SolutionsLoader, toSolutionModel } from '@common-ground/solutions';
import { ActionsArgs } from './actions.args';
import { ActionsLoader } from './action.loader';
import { toActionModel, toActionUpdateModel } from './action.mapper';
import { ActionConnection, ActionModel, ActionUpdateModel } from './action.model';
import { ActionService } from './action.service';
import { AssignActionInput } from './assign-action.input';
import { CreateActionInput } from './create-action.input';
import { UpdateActionInput } from './update-action.input';
import { seesAction } from './action-visibility';

@Resolver(() => ActionModel)
export class ActionResolver {
  constructor(
    private readonly actionService: ActionService,
    private readonly loader: ActionsLoader,
    private readonly problems: ProblemsLoader,
    private readonly solutions: SolutionsLoader,
    private readonly users: UsersLoader,
  ) {}

  @Auth({ roles: OFFICER_ROLES })
  @Mutation(() => ActionModel, {
    description:
      'OFFICER+. On a problem in RESPONSE; assigned to an officer or an organisation, never both. Send an Idempotency-Key header to retry safely: a retry returns the first result.',
  })
  async createAction(
    @Args('input') input: CreateActionInput,
    @CurrentUser() viewer: AuthenticatedUser,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<ActionModel> {
    const command = {
      problemId: input.problemId,
      solutionId: input.solutionId,
      title: input.title,
      description: input.description,
      assigneeId: input.assigneeId,
      organisationId: input.organisationId,
      dueAt: input.dueAt,
      visibility: input.visibility,
    };
    return toActionModel(await atInput(() => this.actionService.create(viewer.id, command, { idempotencyKey })));
  }

  @Auth({ roles: OFFICER_ROLES })
  @Mutation(() => ActionModel, { description: 'OFFICER+. Reassigns an unfinished action to an officer or an organisation.' })
  async assignAction(
    @Args('input') input: AssignActionInput,
    @Context('req') req: AuthRequest,
    @CurrentUser() viewer: AuthenticatedUser,
  ): Promise<ActionModel> {
    const command = { actionId: input.actionId, assigneeId: input.assigneeId, organisationId: input.organisationId };
    const action = await atInput(async () => this.actionService.assign(viewer.id, command, await this.loader.viewer(req, viewer)));
    this.loader.clearAction(req, action.id);
    return toActionModel(action);
  }

  @Mutation(() => ActionModel, { description: 'By the assigned officer, members of the assigned organisation, or OFFICER+. Adds an entry to its log.' })
  async updateAction(
    @Args('input') input: UpdateActionInput,
    @Context('req') req: AuthRequest,
    @CurrentUser() viewer: AuthenticatedUser,
  ): Promise<ActionModel> {
    const command = { actionId: input.actionId, status: input.status, progressPercent: input.progressPercent, note: input.note, dueAt: input.dueAt };
    const action = await atInput(async () => this.actionService.update(viewer.id, command, await this.loader.viewer(req, viewer)));
    this.loader.clearAction(req, action.id);
    return toActionModel(action);
  }

  @Query(() => ActionConnection, {
    description:
      'Workloads, soonest due first (no due date last). For officers and partner agencies; anyone else may list their organisation’s actions (filter.organisationId).',
  })
  async actions(@Args() args: ActionsArgs, @Context('req') req: AuthRequest, @CurrentUser() viewer: AuthenticatedUser): Promise<ActionConnection> {
    const actionViewer = await this.loader.viewer(req, viewer);
    const now = new Date();
    return mapConnection(await atInput(() => this.actionService.list(args, actionViewer), ''), (action) => toActionModel(action, now));
  }

  @Auth({ public: true })
  @Query(() => ActionModel, { nullable: true, description: 'Null when there is none, or it is INTERNAL and not for the caller.' })
  async action(
    @Args('id', { type: () => ID }, ParseIdPipe) id: string,
    @Context('req') req: AuthRequest,
    @CurrentUser() viewer?: AuthenticatedUser,
  ): Promise<ActionModel | null> {
    const action = await this.loader.action(req).load(id);
    return action && seesAction(action, await this.loader.viewer(req, viewer)) ? toActionModel(action) : null;
  }

  @ResolveField(() => ProblemModel)
  async problem(@Parent() action: ActionModel, @Context('req') req: AuthRequest): Promise<ProblemModel> {
    const problem = await this.problems.problem(req).load(action.problemId);
    if (!problem) throw new Error(`problem ${action.problemId} of action ${action.id} is missing`);
    return toProblemModel(problem);
  }

  @ResolveField(() => SolutionModel, { nullable: true, description: 'The adopted solution it carries out, if any.' })
  async solution(@Parent() action: ActionModel, @Context('req') req: AuthRequest): Promise<SolutionModel | null> {
    if (!action.solutionId) return null;
    const solution = await this.solutions.solution(req).load(action.solutionId);
    return solution ? toSolutionModel(solution) : null;
  }

  @ResolveField(() => UserModel, { nullable: true, description: 'The officer it is assigned to (null when it is an organisation’s, or unassigned).' })
  async assignee(@Parent() action: ActionModel, @Context('req') req: AuthRequest): Promise<UserModel | null> {
    if (!action.assigneeId) return null;
    const user = await this.users.forRequest(req).load(action.assigneeId);
    return user ? toUserModel(user) : null;
  }

  @ResolveField(() => OrganisationModel, { nullable: true, description: 'The organisation it is assigned to (null when it is an officer’s, or unassigned).' })
  async organisation(@Parent() action: ActionModel, @Context('req') req: AuthRequest): Promise<OrganisationModel | null> {
    if (!action.organisationId) return null;
    const organisation = await this.loader.organisation(req).load(action.organisationId);
    return organisation ? toOrganisationModel(organisation) : null;
  }

  @ResolveField(() => UserModel, { description: 'The officer who created it.' })
  async createdBy(@Parent() action: ActionModel, @Context('req') req: AuthRequest): Promise<UserModel> {
    const user = await this.users.forRequest(req).load(action.createdById);
    if (!user) throw new Error(`creator ${action.createdById} of action ${action.id} is missing`);
    return toUserModel(user);
  }

  /** Only ever reached on an action the viewer sees (every path to an action asks seesAction first). */
  @ResolveField(() => [ActionUpdateModel], { description: 'Its log, oldest first.' })
  async updates(@Parent() action: ActionModel, @Context('req') req: AuthRequest): Promise<ActionUpdateModel[]> {
    return (await this.loader.updates(req).load(action.id)).map(toActionUpdateModel);
  }
}

@Resolver(() => ActionUpdateModel)
export class ActionUpdateResolver {
  constructor(private readonly users: UsersLoader) {}

  @ResolveField(() => UserModel)
  async author(@Parent() update: ActionUpdateModel, @Context('req') req: AuthRequest): Promise<UserModel> {
    const user = await this.users.forRequest(req).load(update.authorId);
    if (!user) throw new Error(`author ${update.authorId} of action update ${update.id} is missing`);
    return toUserModel(user);
  }
}
