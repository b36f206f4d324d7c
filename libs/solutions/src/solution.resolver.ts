import { Inject } from '@nestjs/common';
import { Context, ID, Info, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { APP_CONFIG, AppConfig } from '@common-ground/shared/config';
import { Auth, AuthenticatedUser, AuthRequest, CurrentUser, requestOfContext, viewerOf } from '@common-ground/shared/auth';
import {
  Args,
  atInput,
  ConnectionArgs,
  firstFromLoaderLaterFromService,
  mapConnection,
  MoneyModel,
  ParseIdPipe,
  plannedValue,
  selectionAt,
  toMoneyModel,
} from '@common-ground/shared/graphql';
import { IdempotencyKey } from '@common-ground/shared/idempotency';
import { OrganisationModel, toOrganisationModel, toUserModel, UserModel, UsersLoader } from '@common-ground/identity';
import { ProblemModel, ProblemsLoader, toProblemModel } from '@common-ground/problems';
import { CommentConnection } from './comment.model';
import { CommentService } from './comment.service';
import { CapacityNeedModel, SolutionModel, VoteValue } from './solution.model';
import { SolutionCapacityNeedEntity } from './solution.entity';
import { SolutionService } from './solution.service';
import { SolutionReader } from './solution.reader';
import { SolutionsLoader } from './solutions.loader';
import { toCommentModel } from './comment.mapper';
import { toCapacityNeedModel, toSolutionModel, voteValueOf } from './solution.mapper';
import { ProposeSolutionInput } from './propose-solution.input';
import { fundingTotalsOf } from './solution-funding';

@Resolver(() => SolutionModel)
export class SolutionResolver {
  constructor(
    private readonly solutions: SolutionService,
    private readonly reader: SolutionReader,
    private readonly commentService: CommentService,
    private readonly loader: SolutionsLoader,
    private readonly problems: ProblemsLoader,
    private readonly users: UsersLoader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Auth({ public: true })
  @Query(() => SolutionModel, { nullable: true })
  async solution(
    @Args('id', { type: () => ID }, ParseIdPipe) id: string,
    @Context() context: unknown,
    @Info() info: GraphQLResolveInfo,
  ): Promise<SolutionModel | null> {
    const solution = await this.reader.byId(id, { fields: selectionAt(info, []).fields, context, info });
    return solution ? toSolutionModel(solution) : null;
  }

  @Mutation(() => SolutionModel, {
    description:
      'Any signed-in user; on behalf of an organisation only by its members. Not on RESOLVED, DUPLICATE or REJECTED problems. Send an Idempotency-Key header to retry safely: a retry returns the first result.',
  })
  async proposeSolution(
    @Args('input') input: ProposeSolutionInput,
    @CurrentUser() viewer: AuthenticatedUser,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<SolutionModel> {
    return toSolutionModel(await atInput(() => this.solutions.propose(viewer.id, input, { idempotencyKey })));
  }

  @ResolveField(() => ProblemModel)
  async problem(@Parent() solution: SolutionModel, @Context('req') req: AuthRequest): Promise<ProblemModel> {
    const problem = await this.problems.problem(req).load(solution.problemId);
    if (!problem) throw new Error(`problem ${solution.problemId} of solution ${solution.id} is missing`);
    return toProblemModel(problem);
  }

  // Fields resolved on every row of a page: no parameter decorators (Nest binds them directly);
  // planned values from the page's statement first (see solution.planner.ts), loaders otherwise.

  @ResolveField(() => UserModel)
  proposer(solution: SolutionModel, _args: unknown, context: unknown, info: GraphQLResolveInfo): UserModel | Promise<UserModel> {
    const planned = plannedValue<UserModel | null>(solution, info);
    if (planned) return planned;
    return this.users
      .forRequest(requestOfContext(context))
      .load(solution.proposerId)
      .then((user) => {
        if (!user) throw new Error(`proposer ${solution.proposerId} of solution ${solution.id} is missing`);
        return toUserModel(user);
      });
  }

  @ResolveField(() => OrganisationModel, { nullable: true, description: 'The organisation it was proposed on behalf of.' })
  organisation(solution: SolutionModel, _args: unknown, context: unknown): Promise<OrganisationModel | null> | null {
    if (!solution.organisationId) return null;
    return this.loader
      .organisation(requestOfContext(context))
      .load(solution.organisationId)
      .then((organisation) => (organisation ? toOrganisationModel(organisation) : null));
  }

  @ResolveField(() => [CapacityNeedModel], { description: 'Their kind and unit are masked with the solution while it is hidden.' })
  capacityNeeds(solution: SolutionModel, _args: unknown, context: unknown, info: GraphQLResolveInfo): CapacityNeedModel[] | Promise<CapacityNeedModel[]> {
    const planned = plannedValue<SolutionCapacityNeedEntity[]>(solution, info);
    if (planned) return planned.map((need) => toCapacityNeedModel(need, solution));
    return this.loader
      .capacityNeeds(requestOfContext(context))
      .load(solution.id)
      .then((needs) => needs.map((need) => toCapacityNeedModel(need, solution)));
  }

  @ResolveField(() => MoneyModel, {
    description:
      'Money pledged toward it: open and fulfilled pledges, in the funding goal’s currency (the platform’s default without a goal). It may pass the goal.',
  })
  fundingPledged(solution: SolutionModel): MoneyModel {
    return toMoneyModel(fundingTotalsOf(solution, this.config.defaultCurrency).pledged);
  }

  @ResolveField(() => MoneyModel, { description: 'The part of `fundingPledged` delivered, as confirmed by an officer.' })
  fundingFulfilled(solution: SolutionModel): MoneyModel {
    return toMoneyModel(fundingTotalsOf(solution, this.config.defaultCurrency).fulfilled);
  }

  @ResolveField(() => VoteValue, { nullable: true, description: 'The signed-in user’s vote; null without one (or without a token).' })
  viewerVote(solution: SolutionModel, _args: unknown, context: unknown): Promise<VoteValue | null> | null {
    const viewer = viewerOf(context);
    if (!viewer) return null;
    return this.loader
      .voteOf(requestOfContext(context), viewer.id)
      .load(solution.id)
      .then((vote) => (vote === null ? null : voteValueOf(vote)));
  }

  @ResolveField(() => CommentConnection, { description: 'Oldest first.' })
  async comments(@Parent() solution: SolutionModel, @Args() args: ConnectionArgs, @Context('req') req: AuthRequest): Promise<CommentConnection> {
    const page = await firstFromLoaderLaterFromService(
      args,
      (first) => this.loader.firstComments(req, 'solution', first).load(solution.id),
      (later) => this.commentService.page('solution', solution.id, later),
    );
    return mapConnection(page, toCommentModel);
  }
}
