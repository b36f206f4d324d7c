import { Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Auth, AuthenticatedUser, AuthRequest, CurrentUser, hasAnyRole, OFFICER_ROLES } from '@common-ground/shared/auth';
import { Args, ConnectionArgs, IdempotencyKey, mapConnection, ParseIdPipe } from '@common-ground/shared/graphql';
import { toUserModel, UserModel, UsersLoader } from '@common-ground/identity';
import { AreaModel, toAreaModel } from './area.model';
import { toCategoryModel } from './category.resolver';
import {
  CategoryModel,
  LatLngInput,
  LatLngModel,
  ProblemAnalysisModel,
  ProblemConnection,
  ProblemModel,
  TimelineEventConnection,
  toAnalysisModel,
  toProblemModel,
  toTimelineEventModel,
} from './problem.model';
import { ReportProblemInput } from './problem.input';
import { ProblemService } from './problem.service';
import { ProblemSupportService } from './problem-support.service';
import { STATUS_PROGRESS } from './problem-status';
import { ProblemsArgs } from './problems.args';
import { ProblemsLoader } from './problems.loader';
import { TimelineService } from './timeline.service';

/** Who may see a problem's exact place and address: officers, and its reporter. */
export function seesExactPlace(problem: ProblemModel, viewer?: AuthenticatedUser): boolean {
  return hasAnyRole(viewer, OFFICER_ROLES) || viewer?.id === problem.reporterId;
}

/** Whether the viewer may learn who reported the problem. Anonymous: only the reporter. */
export function seesReporter(problem: { anonymous: boolean; reporterId: string }, viewer?: AuthenticatedUser): boolean {
  return !problem.anonymous || viewer?.id === problem.reporterId;
}

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
    return toProblemModel(await this.problemService.report(viewer.id, input, { idempotencyKey }));
  }

  @Auth({ public: true })
  @Query(() => [ProblemModel], { description: 'Open problems nearby with similar titles: support one instead of reporting again.' })
  async similarProblems(
    @Args('title') title: string,
    @Args('location') location: LatLngInput,
    @CurrentUser() viewer?: AuthenticatedUser,
  ): Promise<ProblemModel[]> {
    return (await this.problemService.similar(title.slice(0, 200), location, viewer)).map(toProblemModel);
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
    return mapConnection(await this.problemService.list(args, viewer), toProblemModel);
  }

  @Mutation(() => ProblemModel, { description: '"Me too". Once per user; calling again changes nothing.' })
  async supportProblem(
    @Args('problemId', { type: () => ID }, ParseIdPipe) problemId: string,
    @CurrentUser() viewer: AuthenticatedUser,
  ): Promise<ProblemModel> {
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
    return seesExactPlace(problem, viewer) ? { lat: problem.lat, lng: problem.lng } : { lat: problem.publicLat, lng: problem.publicLng };
  }

  @ResolveField(() => String, { nullable: true, description: 'Hidden from the public for sensitive categories.' })
  async address(@Parent() problem: ProblemModel, @Context('req') req: AuthRequest, @CurrentUser() viewer?: AuthenticatedUser): Promise<string | null> {
    if (seesExactPlace(problem, viewer)) return problem.addressText;
    const category = await this.loader.category(req).load(problem.categoryCode);
    return category?.sensitive ? null : problem.addressText;
  }

  @ResolveField(() => AreaModel, { nullable: true })
  async area(@Parent() problem: ProblemModel, @Context('req') req: AuthRequest): Promise<AreaModel | null> {
    if (!problem.areaId) return null;
    const area = await this.loader.area(req).load(problem.areaId);
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

  @ResolveField(() => ProblemAnalysisModel, { nullable: true })
  async analysis(@Parent() problem: ProblemModel, @Context('req') req: AuthRequest): Promise<ProblemAnalysisModel | null> {
    const analysis = await this.loader.analysis(req).load(problem.id);
    return analysis ? toAnalysisModel(analysis) : null;
  }

  @ResolveField(() => Int, { description: 'Rough progress through the SARA cycle, 0 to 100.' })
  progressPercent(@Parent() problem: ProblemModel): number {
    return STATUS_PROGRESS[problem.status];
  }

  @ResolveField(() => TimelineEventConnection, { description: 'Oldest first.' })
  async timeline(@Parent() problem: ProblemModel, @Args() args: ConnectionArgs): Promise<TimelineEventConnection> {
    return mapConnection(await this.timelineService.page(problem.id, args), toTimelineEventModel);
  }
}
