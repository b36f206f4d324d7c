import { Context, ID, Info, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { Auth, AuthenticatedUser, AuthRequest, CurrentUser, OFFICER_ROLES } from '@common-ground/shared/auth';
import { Args, atInput, ConnectionArgs, mapConnection, ParseIdPipe, selectionAt } from '@common-ground/shared/graphql';
import { toUserModel, UserModel, UsersLoader } from '@common-ground/identity';
import { ProblemConnection, ProblemModel, ProblemReader, ProblemService, toProblemModel } from '@common-ground/problems';
import { ActionsLoader } from './action.loader';
import { toActionModel } from './action.mapper';
import { ActionModel } from './action.model';
import { seesAction } from './action-visibility';
import { AssessProblemInput } from './assess-problem.input';
import { toAssessmentModel } from './assessment.mapper';
import { AssessmentModel, OutcomeRatingModel, RatingCommentModel, RatingCountModel } from './assessment.model';
import { AssessmentService } from './assessment.service';
import { OutcomeWorked } from './assessment-outcome';
import { OutcomeRatingService } from './outcome-rating.service';
import { ProblemLeadService } from './problem-lead.service';
import { RateOutcomeInput } from './rate-outcome.input';

/** What this lib adds to the problems lib's Problem type, and the response's mutations on a problem. */
@Resolver(() => ProblemModel)
export class ProblemActionsResolver {
  constructor(
    private readonly leads: ProblemLeadService,
    private readonly assessments: AssessmentService,
    private readonly ratings: OutcomeRatingService,
    private readonly problems: ProblemService,
    private readonly reader: ProblemReader,
    private readonly loader: ActionsLoader,
    private readonly users: UsersLoader,
  ) {}

  @Auth({ roles: OFFICER_ROLES })
  @Mutation(() => ProblemModel, { description: 'A SUPERVISOR makes any officer the lead; an OFFICER takes the lead of a problem nobody else leads.' })
  async assignProblemLead(
    @Args('problemId', { type: () => ID }, ParseIdPipe) problemId: string,
    @Args('officerId', { type: () => ID }, ParseIdPipe) officerId: string,
    @CurrentUser() viewer: AuthenticatedUser,
  ): Promise<ProblemModel> {
    await atInput(() => this.leads.assign(viewer, problemId, officerId), '');
    return toProblemModel(await this.problems.getById(problemId));
  }

  @Auth({ roles: OFFICER_ROLES })
  @Query(() => ProblemConnection, {
    description: 'OFFICER+: open problems in the areas you are assigned to that you lead or nobody leads, highest priority first.',
  })
  async problemQueue(
    @Args() args: ConnectionArgs,
    @CurrentUser() viewer: AuthenticatedUser,
    @Context() context: unknown,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ProblemConnection> {
    const selection = { fields: selectionAt(info, ['edges', 'node']).fields, context, info };
    return mapConnection(await atInput(() => this.reader.queue(viewer.id, args, selection), ''), toProblemModel);
  }

  @Auth({ roles: OFFICER_ROLES })
  @Mutation(() => ProblemModel, { description: 'OFFICER+, while the problem is in ASSESSMENT. Assessing again in the same round replaces the assessment.' })
  async assessProblem(@Args('input') input: AssessProblemInput, @CurrentUser() viewer: AuthenticatedUser): Promise<ProblemModel> {
    const command = { problemId: input.problemId, outcome: input.outcome, summary: input.summary, metrics: input.metrics };
    await atInput(() => this.assessments.assess(viewer.id, command));
    return toProblemModel(await this.problems.getById(input.problemId));
  }

  @Mutation(() => ProblemModel, {
    description: 'The reporter or a supporter, once the problem is in ASSESSMENT or RESOLVED: did it work? Once each; rating again changes it.',
  })
  async rateOutcome(@Args('input') input: RateOutcomeInput, @Context('req') req: AuthRequest, @CurrentUser() viewer: AuthenticatedUser): Promise<ProblemModel> {
    await atInput(() => this.ratings.rate(viewer.id, { problemId: input.problemId, worked: input.worked, comment: input.comment }));
    this.loader.clearRatings(req, input.problemId, viewer.id);
    return toProblemModel(await this.problems.getById(input.problemId));
  }

  @ResolveField(() => UserModel, { nullable: true, description: 'The officer who leads the work on it.' })
  async lead(@Parent() problem: ProblemModel, @Context('req') req: AuthRequest): Promise<UserModel | null> {
    if (!problem.leadOfficerId) return null;
    const user = await this.users.forRequest(req).load(problem.leadOfficerId);
    return user ? toUserModel(user) : null;
  }

  @ResolveField(() => [ActionModel], { description: 'The response’s actions the viewer may see (the public: PUBLIC ones), oldest first.' })
  async actions(@Parent() problem: ProblemModel, @Context('req') req: AuthRequest, @CurrentUser() viewer?: AuthenticatedUser): Promise<ActionModel[]> {
    const [actions, actionViewer] = await Promise.all([this.loader.ofProblem(req).load(problem.id), this.loader.viewer(req, viewer)]);
    const now = new Date();
    return actions.filter((action) => seesAction(action, actionViewer)).map((action) => toActionModel(action, now));
  }

  @ResolveField(() => AssessmentModel, { nullable: true, description: 'The latest assessment (see its `current`).' })
  async assessment(@Parent() problem: ProblemModel, @Context('req') req: AuthRequest): Promise<AssessmentModel | null> {
    const assessment = await this.loader.assessment(req).load(problem.id);
    return assessment ? toAssessmentModel(assessment) : null;
  }

  @ResolveField(() => [RatingCountModel], { description: 'Whether it worked, as its reporter and supporters said: every answer with its count.' })
  async outcomeRatings(@Parent() problem: ProblemModel, @Context('req') req: AuthRequest): Promise<RatingCountModel[]> {
    const counts = await this.loader.ratingCounts(req).load(problem.id);
    return Object.values(OutcomeWorked).map((worked) => ({ worked, count: counts[worked] }));
  }

  @ResolveField(() => [RatingCommentModel], { description: 'The newest comments given with ratings, naming nobody.' })
  async ratingComments(@Parent() problem: ProblemModel, @Context('req') req: AuthRequest): Promise<RatingCommentModel[]> {
    return this.loader.ratingComments(req).load(problem.id);
  }

  @ResolveField(() => OutcomeRatingModel, { nullable: true, description: 'The signed-in user’s own rating (null without a token).' })
  async viewerRating(
    @Parent() problem: ProblemModel,
    @Context('req') req: AuthRequest,
    @CurrentUser() viewer?: AuthenticatedUser,
  ): Promise<OutcomeRatingModel | null> {
    if (!viewer) return null;
    const rating = await this.loader.viewerRating(req, viewer.id).load(problem.id);
    return rating ? { worked: rating.worked, comment: rating.comment, ratedAt: rating.ratedAt } : null;
  }
}
