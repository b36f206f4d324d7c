import { Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Auth, AuthenticatedUser, AuthRequest, CurrentUser, MODERATOR_ROLES } from '@common-ground/shared/auth';
import { Args, atInput, connection, ConnectionArgs, firstFromLoaderLaterFromService, mapConnection, Page } from '@common-ground/shared/graphql';
import { toUserModel, UserModel, UsersLoader } from '@common-ground/identity';
import { ProblemModel, ProblemsLoader, toProblemModel } from '@common-ground/problems';
import { CommentModel } from './comment.model';
import { ContentFlagEntity, ModerationTarget } from './moderation.entity';
import { ModerationLoader } from './moderation.loader';
import { ContentFlagConnection, ContentFlagModel, FlaggedItemConnection, FlaggedItemModel, ModerationEntryModel } from './moderation.model';
import { toContentFlagModel, toFlaggedItemModel } from './moderation.mapper';
import { ModerationService, targetOf } from './moderation.service';
import { SolutionModel } from './solution.model';
import { SolutionsLoader } from './solutions.loader';
import { toCommentModel } from './comment.mapper';
import { FlagContentInput } from './flag-content.input';
import { ModerateContentInput } from './moderate-content.input';
import { toSolutionModel } from './solution.mapper';

@Resolver()
export class ModerationResolver {
  constructor(private readonly moderation: ModerationService) {}

  @Mutation(() => Boolean, {
    description:
      'Asks moderators to review an item: it enters the moderation queue. Once per user and item (repeating changes nothing); not on your own item (FORBIDDEN, reason OWN_CONTENT). Flags from MODERATION_FLAGS_TO_HIDE users whose accounts are at least MODERATION_FLAGGER_MIN_ACCOUNT_AGE_HOURS old hide it pending review — except an officer’s item or an official answer, which stays visible in the queue.',
  })
  async flagContent(@Args('input') input: FlagContentInput, @CurrentUser() viewer: AuthenticatedUser): Promise<boolean> {
    await atInput(async () => this.moderation.flag(viewer.id, targetOf(input), input.reason));
    return true;
  }

  @Auth({ roles: MODERATOR_ROLES })
  @Mutation(() => Boolean, {
    description:
      'MODERATOR (or ADMIN). Hides or restores an item (RESTORE on a visible item keeps it visible); the reason goes to the audit trail. Clears its pending flags, so it leaves the queue.',
  })
  async moderateContent(@Args('input') input: ModerateContentInput, @CurrentUser() viewer: AuthenticatedUser): Promise<boolean> {
    await atInput(async () => this.moderation.moderate(viewer.id, targetOf(input), input.action, input.reason));
    return true;
  }

  @Auth({ roles: MODERATOR_ROLES })
  @Query(() => FlaggedItemConnection, {
    description:
      'MODERATOR (or ADMIN). Items flagged since the last moderator decision on them, with their flags: most pending flags first, then the most recently flagged.',
  })
  async moderationQueue(@Args() args: ConnectionArgs): Promise<FlaggedItemConnection> {
    return mapConnection(await this.moderation.queue(args), toFlaggedItemModel);
  }
}

/** The item behind a queue entry, and its flags. Only reachable through moderationQueue (MODERATOR). */
@Resolver(() => FlaggedItemModel)
export class FlaggedItemResolver {
  constructor(
    private readonly moderation: ModerationService,
    private readonly loader: ModerationLoader,
    private readonly problems: ProblemsLoader,
    private readonly solutions: SolutionsLoader,
  ) {}

  @ResolveField(() => ProblemModel, { nullable: true, description: 'The item, when it is a problem.' })
  async problem(@Parent() item: FlaggedItemModel, @Context('req') req: AuthRequest): Promise<ProblemModel | null> {
    if (item.kind !== ModerationTarget.PROBLEM) return null;
    const problem = await this.problems.problem(req).load(item.targetId);
    return problem ? toProblemModel(problem) : null;
  }

  @ResolveField(() => SolutionModel, { nullable: true, description: 'The item, when it is a solution.' })
  async solution(@Parent() item: FlaggedItemModel, @Context('req') req: AuthRequest): Promise<SolutionModel | null> {
    if (item.kind !== ModerationTarget.SOLUTION) return null;
    const solution = await this.solutions.solution(req).load(item.targetId);
    return solution ? toSolutionModel(solution) : null;
  }

  @ResolveField(() => CommentModel, { nullable: true, description: 'The item, when it is a comment.' })
  async comment(@Parent() item: FlaggedItemModel, @Context('req') req: AuthRequest): Promise<CommentModel | null> {
    if (item.kind !== ModerationTarget.COMMENT) return null;
    const comment = await this.solutions.comment(req).load(item.targetId);
    return comment ? toCommentModel(comment) : null;
  }

  @ResolveField(() => Boolean, { description: 'Whether the item is hidden now.' })
  async hidden(@Parent() item: FlaggedItemModel, @Context('req') req: AuthRequest): Promise<boolean> {
    switch (item.kind) {
      case ModerationTarget.PROBLEM:
        return (await this.problems.problem(req).load(item.targetId))?.hidden ?? false;
      case ModerationTarget.SOLUTION:
        return (await this.solutions.solution(req).load(item.targetId))?.hidden ?? false;
      case ModerationTarget.COMMENT:
        return (await this.solutions.comment(req).load(item.targetId))?.hidden ?? false;
    }
  }

  @ResolveField(() => ContentFlagConnection, { description: 'Every flag it has, newest first.' })
  async flags(@Parent() item: FlaggedItemModel, @Args() args: ConnectionArgs, @Context('req') req: AuthRequest): Promise<ContentFlagConnection> {
    const target = { type: item.kind, id: item.targetId };
    const page = await firstFromLoaderLaterFromService<Page<ContentFlagEntity>>(
      args,
      (first) => this.loader.firstFlags(req, first).load(target),
      (later) => this.moderation.flags(target, later),
    );
    return connection(
      page.edges.map((edge) => ({ cursor: edge.cursor, node: toContentFlagModel(edge.node) })),
      page.pageInfo,
      async () => item.flagCount,
    );
  }
}

@Resolver(() => ContentFlagModel)
export class ContentFlagResolver {
  constructor(private readonly users: UsersLoader) {}

  @ResolveField(() => UserModel, { description: 'Who flagged it.' })
  async user(@Parent() flag: ContentFlagModel, @Context('req') req: AuthRequest): Promise<UserModel> {
    const user = await this.users.forRequest(req).load(flag.userId);
    if (!user) throw new Error(`flagger ${flag.userId} is missing`);
    return toUserModel(user);
  }
}

@Resolver(() => ModerationEntryModel)
export class ModerationEntryResolver {
  constructor(private readonly users: UsersLoader) {}

  @ResolveField(() => UserModel, { nullable: true, description: 'The moderator; null when it was hidden automatically on flags.' })
  async moderator(@Parent() entry: ModerationEntryModel, @Context('req') req: AuthRequest): Promise<UserModel | null> {
    if (!entry.moderatorId) return null;
    const user = await this.users.forRequest(req).load(entry.moderatorId);
    return user ? toUserModel(user) : null;
  }
}
