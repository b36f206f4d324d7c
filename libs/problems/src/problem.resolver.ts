import { Context, ID, Info, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { Auth, AuthenticatedUser, CurrentUser, requestOfContext, seesHiddenContent, viewerOf } from '@common-ground/shared/auth';
import { Args, atInput, ConnectionArgs, isPlanned, mapConnection, ParseIdPipe, plannedValue, selectionAt } from '@common-ground/shared/graphql';
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
import { ProblemReader } from './problem.reader';
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
    private readonly reader: ProblemReader,
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
    @Context() context: unknown,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ProblemModel[]> {
    const selection = { fields: selectionAt(info, []).fields, context, info };
    return (await this.reader.similar(title.slice(0, 200), { lat: location.lat, lng: location.lng }, viewerOf(context), selection)).map(toProblemModel);
  }

  @Auth({ public: true })
  @Query(() => ProblemModel, { nullable: true })
  async problem(
    @Args('id', { type: () => ID }, ParseIdPipe) id: string,
    @Context() context: unknown,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ProblemModel | null> {
    const problem = await this.reader.byId(id, { fields: selectionAt(info, []).fields, context, info });
    return problem ? toProblemModel(problem) : null;
  }

  @Auth({ public: true })
  @Query(() => ProblemConnection)
  async problems(@Args() args: ProblemsArgs, @Context() context: unknown, @Info() info: GraphQLResolveInfo): Promise<ProblemConnection> {
    const selection = { fields: selectionAt(info, ['edges', 'node']).fields, context, info };
    return mapConnection(await atInput(this.reader.page(args, viewerOf(context), selection), ''), toProblemModel);
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

  // Fields resolved on every row of a page are written without parameter decorators: Nest binds
  // such a method directly (no per-call pipeline). Values planned by the page's statement
  // (ProblemReader) are used as they are; otherwise the per-request loaders read them.

  @ResolveField(() => CategoryModel)
  category(problem: ProblemModel, _args: unknown, context: unknown, info: GraphQLResolveInfo): CategoryModel | Promise<CategoryModel> {
    const planned = plannedValue<CategoryModel | null>(problem, info);
    if (planned) return planned;
    return this.loader
      .category(requestOfContext(context))
      .load(problem.categoryCode)
      .then((category) => {
        if (!category) throw new Error(`category ${problem.categoryCode} of problem ${problem.id} is missing`);
        return toCategoryModel(category);
      });
  }

  @ResolveField(() => LatLngModel, {
    description: 'For sensitive categories the public sees the centre of a ~200 m cell; officers and the reporter see the exact point.',
  })
  location(problem: ProblemModel, _args: unknown, context: unknown): LatLngModel {
    // The public point is the exact one unless the category is sensitive (kept so by reporting
    // and by updateCategory), so no category look-up is needed.
    return visiblePoint(problem, viewerOf(context));
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'Hidden from the public for sensitive categories. Null when hidden by moderation, except to moderators and the reporter.',
  })
  address(problem: ProblemModel, _args: unknown, context: unknown, info: GraphQLResolveInfo): Promise<string | null> | null {
    const viewer = viewerOf(context);
    if (problem.hidden && !seesHiddenContent(problem.reporterId, viewer)) return null;
    // Planned: whether the category is sensitive (ProblemAddressPlanner).
    const sensitive = plannedValue<boolean>(problem, info);
    return visibleAddress(problem, () => (sensitive !== undefined ? Promise.resolve(sensitive) : this.sensitive(problem, context)), viewer);
  }

  @ResolveField(() => AreaModel, {
    nullable: true,
    description: 'The area of the point the viewer sees: for sensitive categories the public gets the area of the coarsened point.',
  })
  area(problem: ProblemModel, _args: unknown, context: unknown): Promise<AreaModel | null> | null {
    const areaId = visibleAreaId(problem, viewerOf(context));
    if (!areaId) return null;
    return this.loader
      .area(requestOfContext(context))
      .load(areaId)
      .then((area) => (area ? toAreaModel(area) : null));
  }

  @ResolveField(() => UserModel, { nullable: true, description: 'Null for an anonymous report, except to its reporter.' })
  reporter(problem: ProblemModel, _args: unknown, context: unknown, info: GraphQLResolveInfo): UserModel | null | Promise<UserModel | null> {
    if (!seesReporter(problem, viewerOf(context))) return null;
    if (isPlanned(problem, info)) return plannedValue<UserModel | null>(problem, info) ?? null;
    return this.users
      .forRequest(requestOfContext(context))
      .load(problem.reporterId)
      .then((user) => (user ? toUserModel(user) : null));
  }

  @ResolveField(() => Boolean, { description: 'Whether the signed-in user supports it (false without a token).' })
  viewerSupports(problem: ProblemModel, _args: unknown, context: unknown): boolean | Promise<boolean> {
    const viewer = viewerOf(context);
    return viewer ? this.loader.supportedBy(requestOfContext(context), viewer.id).load(problem.id) : false;
  }

  @ResolveField(() => ProblemModel, { nullable: true })
  duplicateOf(problem: ProblemModel, _args: unknown, context: unknown): Promise<ProblemModel | null> | null {
    if (!problem.duplicateOfId) return null;
    return this.loader
      .problem(requestOfContext(context))
      .load(problem.duplicateOfId)
      .then((original) => (original ? toProblemModel(original) : null));
  }

  @ResolveField(() => ProblemAnalysisModel, {
    nullable: true,
    description: 'Null until recorded; for sensitive categories and anonymous reports, null except to officers and the reporter.',
  })
  async analysis(problem: ProblemModel, _args: unknown, context: unknown): Promise<ProblemAnalysisModel | null> {
    if (!(await seesAnalysis(problem, () => this.sensitive(problem, context), viewerOf(context)))) return null;
    const analysis = await this.loader.analysis(requestOfContext(context)).load(problem.id);
    return analysis ? toAnalysisModel(analysis) : null;
  }

  @ResolveField(() => Int, {
    description: "0 to 100: the average progress of the response's actions that are not cancelled; while there are none, the SARA status's share.",
  })
  progressPercent(problem: ProblemModel): number {
    return problem.responseProgress ?? STATUS_PROGRESS[problem.status];
  }

  @ResolveField(() => TimelineEventConnection, { description: 'Oldest first.' })
  async timeline(@Parent() problem: ProblemModel, @Args() args: ConnectionArgs): Promise<TimelineEventConnection> {
    return mapConnection(await this.timelineService.page(problem.id, args), toTimelineEventModel);
  }

  /** Whether the problem's category is sensitive (from the per-request category loader). */
  private async sensitive(problem: ProblemModel, context: unknown): Promise<boolean> {
    const category = await this.loader.category(requestOfContext(context)).load(problem.categoryCode);
    if (!category) throw new Error(`category ${problem.categoryCode} of problem ${problem.id} is missing`);
    return category.sensitive;
  }
}
