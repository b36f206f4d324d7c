import { Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Auth, AuthenticatedUser, AuthRequest, CurrentUser, seesHiddenContent } from '@common-ground/shared/auth';
import { Args, atInput, ConnectionArgs, mapConnection, ParseIdPipe } from '@common-ground/shared/graphql';
import { IdempotencyKey } from '@common-ground/shared/idempotency';
import { toUserModel, UserModel, UsersLoader } from '@common-ground/identity';
import { toAreaModel } from './area.mapper';
import { AreaModel } from './area.model';
import { toCategoryModel } from './category.mapper';
import { CategoryModel } from './category.model';
import { LatLngInput } from './lat-lng.input';
import { toAnalysisModel, toProblemModel } from './problem.mapper';
import { LatLngModel, ProblemAnalysisModel, ProblemConnection, ProblemModel } from './problem.model';
import { ReportProblemInput } from './report-problem.input';
import { toTimelineEventModel } from './timeline-event.mapper';
import { TimelineEventConnection } from './timeline-event.model';
import { ProblemService } from './problem.service';
import { seesAnalysis, seesReporter, visibleAddress, visibleAreaId, visiblePoint } from './problem-visibility';
import { ProblemSupportService } from './problem-support.service';
import { STATUS_PROGRESS } from './problem-status';
import { ProblemsArgs } from './problems.args';
import { ProblemsLoader } from './problems.loader';
import { TimelineService } from './timeline.service';

@Resolver(() => ProblemModel)
export class ProblemResolver {
  constructor(
    private readonly problemService: ProblemService,
    private readonly supports: ProblemSupportService,
    private readonly timelineService: TimelineService,
    private readonly loader: ProblemsLoader,
    private readonly users: UsersLoader,
  ) {}

  @Mutation(() => ProblemModel, {
    description: 'The reporter supports the problem from the start. Send an Idempotency-Key header to retry safely: a retry returns the first result.',
  })
  async reportProblem(
    @Args('input') input: ReportProblemInput,
    @CurrentUser() viewer: AuthenticatedUser,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<ProblemModel> {
    const { title, description, categoryCode, location, address, anonymous } = input;
    const command = { title, description, categoryCode, location: { lat: location.lat, lng: location.lng }, address, anonymous };
    return toProblemModel(await atInput(this.problemService.report(viewer.id, command, { idempotencyKey })));
  }

  @Auth({ public: true })
  @Query(() => [ProblemModel], { description: 'Open problems nearby with similar titles: support one instead of reporting again.' })
  async similarProblems(
    @Args('title') title: string,
    @Args('location') location: LatLngInput,
    @CurrentUser() viewer?: AuthenticatedUser,
  ): Promise<ProblemModel[]> {
    return (await this.problemService.similar(title.slice(0, 200), { lat: location.lat, lng: location.lng }, viewer)).map(toProblemModel);
  }

  @Auth({ public: true })
  @Query(() => ProblemModel, { nullable: true })
  async problem(@Args('id', { type: () => ID }, ParseIdPipe) id: string): Promise<ProblemModel | null> {
    const problem = await this.problemService.findById(id);
    return problem ? toProblemModel(problem) : null;
  }

  @Auth({ public: true })
  @Query(() => ProblemConnection)
  async problems(@Args() args: ProblemsArgs, @CurrentUser() viewer?: AuthenticatedUser): Promise<ProblemConnection> {
    return mapConnection(await atInput(this.problemService.list(args, viewer), ''), toProblemModel);
  }

  @Mutation(() => ProblemModel, { description: '"Me too". Once per user; calling again changes nothing.' })
  async supportProblem(@Args('problemId', { type: () => ID }, ParseIdPipe) problemId: string, @CurrentUser() viewer: AuthenticatedUser): Promise<ProblemModel> {
    await this.supports.support(problemId, viewer.id);
    return toProblemModel(await this.problemService.getById(problemId));
  }

  @Mutation(() => ProblemModel)
  async withdrawSupport(
    @Args('problemId', { type: () => ID }, ParseIdPipe) problemId: string,
    @CurrentUser() viewer: AuthenticatedUser,
  ): Promise<ProblemModel> {
    await this.supports.withdraw(problemId, viewer.id);
    return toProblemModel(await this.problemService.getById(problemId));
  }

  @ResolveField(() => CategoryModel)
  async category(@Parent() problem: ProblemModel, @Context('req') req: AuthRequest): Promise<CategoryModel> {
    const category = await this.loader.category(req).load(problem.categoryCode);
    if (!category) throw new Error(`category ${problem.categoryCode} of problem ${problem.id} is missing`);
    return toCategoryModel(category);
  }

  @ResolveField(() => LatLngModel, {
    description: 'For sensitive categories the public sees the centre of a ~200 m cell; officers and the reporter see the exact point.',
  })
  location(@Parent() problem: ProblemModel, @CurrentUser() viewer?: AuthenticatedUser): LatLngModel {
    // The public point is the exact one unless the category is sensitive (kept so by reporting
    // and by updateCategory), so no category look-up is needed.
    return visiblePoint(problem, viewer);
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'Hidden from the public for sensitive categories. Null when hidden by moderation, except to moderators and the reporter.',
  })
  async address(@Parent() problem: ProblemModel, @Context('req') req: AuthRequest, @CurrentUser() viewer?: AuthenticatedUser): Promise<string | null> {
    if (problem.hidden && !seesHiddenContent(problem.reporterId, viewer)) return null;
    return visibleAddress(problem, () => this.sensitive(problem, req), viewer);
  }

  @ResolveField(() => AreaModel, {
    nullable: true,
    description: 'The area of the point the viewer sees: for sensitive categories the public gets the area of the coarsened point.',
  })
  async area(@Parent() problem: ProblemModel, @Context('req') req: AuthRequest, @CurrentUser() viewer?: AuthenticatedUser): Promise<AreaModel | null> {
    const areaId = visibleAreaId(problem, viewer);
    if (!areaId) return null;
    const area = await this.loader.area(req).load(areaId);
    return area ? toAreaModel(area) : null;
  }

  @ResolveField(() => UserModel, { nullable: true, description: 'Null for an anonymous report, except to its reporter.' })
  async reporter(@Parent() problem: ProblemModel, @Context('req') req: AuthRequest, @CurrentUser() viewer?: AuthenticatedUser): Promise<UserModel | null> {
    if (!seesReporter(problem, viewer)) return null;
    const user = await this.users.forRequest(req).load(problem.reporterId);
    return user ? toUserModel(user) : null;
  }

  @ResolveField(() => Boolean, { description: 'Whether the signed-in user supports it (false without a token).' })
  async viewerSupports(@Parent() problem: ProblemModel, @Context('req') req: AuthRequest, @CurrentUser() viewer?: AuthenticatedUser): Promise<boolean> {
    return viewer ? this.loader.supportedBy(req, viewer.id).load(problem.id) : false;
  }

  @ResolveField(() => ProblemModel, { nullable: true })
  async duplicateOf(@Parent() problem: ProblemModel, @Context('req') req: AuthRequest): Promise<ProblemModel | null> {
    if (!problem.duplicateOfId) return null;
    const original = await this.loader.problem(req).load(problem.duplicateOfId);
    return original ? toProblemModel(original) : null;
  }

  @ResolveField(() => ProblemAnalysisModel, {
    nullable: true,
    description: 'Null until recorded; for sensitive categories and anonymous reports, null except to officers and the reporter.',
  })
  async analysis(
    @Parent() problem: ProblemModel,
    @Context('req') req: AuthRequest,
    @CurrentUser() viewer?: AuthenticatedUser,
  ): Promise<ProblemAnalysisModel | null> {
    if (!(await seesAnalysis(problem, () => this.sensitive(problem, req), viewer))) return null;
    const analysis = await this.loader.analysis(req).load(problem.id);
    return analysis ? toAnalysisModel(analysis) : null;
  }

  @ResolveField(() => Int, {
    description: "0 to 100: the average progress of the response's actions that are not cancelled; while there are none, the SARA status's share.",
  })
  progressPercent(@Parent() problem: ProblemModel): number {
    return problem.responseProgress ?? STATUS_PROGRESS[problem.status];
  }

  @ResolveField(() => TimelineEventConnection, { description: 'Oldest first.' })
  async timeline(@Parent() problem: ProblemModel, @Args() args: ConnectionArgs): Promise<TimelineEventConnection> {
    return mapConnection(await this.timelineService.page(problem.id, args), toTimelineEventModel);
  }

  /** Whether the problem's category is sensitive (from the per-request category loader). */
  private async sensitive(problem: ProblemModel, req: AuthRequest): Promise<boolean> {
    const category = await this.loader.category(req).load(problem.categoryCode);
    if (!category) throw new Error(`category ${problem.categoryCode} of problem ${problem.id} is missing`);
    return category.sensitive;
  }
}
