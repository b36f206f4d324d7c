import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AuthenticatedUser, AuthRequest, CurrentUser } from '@common-ground/shared/auth';
import { toUserModel, UserModel, UsersLoader } from '@common-ground/identity';
import { TimelineEventModel } from './timeline-event.model';
import { seesEventActor } from './problem-visibility';
import { ProblemsLoader } from './problems.loader';

@Resolver(() => TimelineEventModel)
export class TimelineEventResolver {
  constructor(
    private readonly loader: ProblemsLoader,
    private readonly users: UsersLoader,
  ) {}

  @ResolveField(() => UserModel, {
    nullable: true,
    description: 'Who did it; null for system events. For an anonymous report, the REPORTED event’s actor is null except to the reporter.',
  })
  async actor(@Parent() event: TimelineEventModel, @Context('req') req: AuthRequest, @CurrentUser() viewer?: AuthenticatedUser): Promise<UserModel | null> {
    if (!event.actorId) return null;
    if (!(await seesEventActor(event.kind, () => this.loader.problem(req).load(event.problemId), viewer))) return null;
    const user = await this.users.forRequest(req).load(event.actorId);
    return user ? toUserModel(user) : null;
  }
}
