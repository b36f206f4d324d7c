import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AuthenticatedUser, AuthRequest, CurrentUser } from '@common-ground/shared/auth';
import { toUserModel, UserModel, UsersLoader } from '@common-ground/identity';
import { TimelineEventModel } from './problem.model';
import { seesReporter } from './problem.resolver';
import { ProblemsLoader } from './problems.loader';

@Resolver(() => TimelineEventModel)
export class TimelineEventResolver {
  constructor(
    private readonly loader: ProblemsLoader,
    private readonly users: UsersLoader,
  ) {}

  @ResolveField(() => UserModel, {
    nullable: true,
    description: 'Who did it; null for system events, and for the reporter of an anonymous report (except to the reporter).',
  })
  async actor(@Parent() event: TimelineEventModel, @Context('req') req: AuthRequest, @CurrentUser() viewer?: AuthenticatedUser): Promise<UserModel | null> {
    if (!event.actorId) return null;
    const problem = await this.loader.problem(req).load(event.problemId);
    if (!problem || (event.actorId === problem.reporterId && !seesReporter(problem, viewer))) return null;
    const user = await this.users.forRequest(req).load(event.actorId);
    return user ? toUserModel(user) : null;
  }
}
