import { Injectable } from '@nestjs/common';
import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AuthenticatedUser, AuthRequest, CurrentUser, hasAnyRole, MODERATOR_ROLES, seesHiddenContent } from '@common-ground/shared/auth';
import { Args, ConnectionArgs, mapConnection } from '@common-ground/shared/graphql';
import { ProblemModel } from '@common-ground/problems';
import { CommentModel } from './comment.model';
import { ModerationTarget } from './moderation.entity';
import { ModerationLoader } from './moderation.loader';
import { ModerationEntryConnection, ModerationStatusModel } from './moderation.model';
import { ModerationService, Target } from './moderation.service';
import { SolutionModel } from './solution.model';
import { toModerationEntryModel } from './moderation.mapper';

const STATUS_DESCRIPTION = 'Whether and why it is hidden by moderation: to moderators and its author only (null to everyone else).';
const HISTORY_DESCRIPTION = 'MODERATOR (or ADMIN): its audit trail, oldest first — who hid or restored it, when and why. Null to everyone else.';

/**
 * The moderation fields every moderated type has. The types live in their own libs (Problem in
 * problems), which never learn about moderation: each gets the fields from a resolver here.
 */
@Injectable()
export class ModerationFields {
  constructor(
    private readonly moderation: ModerationService,
    private readonly loader: ModerationLoader,
  ) {}

  async status(
    target: Target,
    item: { hidden: boolean; authorId: string },
    req: AuthRequest,
    viewer?: AuthenticatedUser,
  ): Promise<ModerationStatusModel | null> {
    if (!seesHiddenContent(item.authorId, viewer)) return null;
    if (!item.hidden) return { hidden: false, reason: null, hiddenAt: null, pendingReview: false };
    const hide = await this.loader.latestHide(req).load(target);
    return { hidden: true, reason: hide?.reason ?? null, hiddenAt: hide?.at ?? null, pendingReview: hide?.automatic ?? false };
  }

  async history(target: Target, args: ConnectionArgs, viewer?: AuthenticatedUser): Promise<ModerationEntryConnection | null> {
    if (!hasAnyRole(viewer, MODERATOR_ROLES)) return null;
    return mapConnection(await this.moderation.history(target, args), toModerationEntryModel);
  }
}

@Resolver(() => ProblemModel)
export class ProblemModerationResolver {
  constructor(private readonly fields: ModerationFields) {}

  @ResolveField(() => ModerationStatusModel, { nullable: true, description: STATUS_DESCRIPTION.replace('author', 'reporter') })
  moderation(
    @Parent() problem: ProblemModel,
    @Context('req') req: AuthRequest,
    @CurrentUser() viewer?: AuthenticatedUser,
  ): Promise<ModerationStatusModel | null> {
    return this.fields.status({ type: ModerationTarget.PROBLEM, id: problem.id }, { hidden: problem.hidden, authorId: problem.reporterId }, req, viewer);
  }

  @ResolveField(() => ModerationEntryConnection, { nullable: true, description: HISTORY_DESCRIPTION })
  moderationHistory(
    @Parent() problem: ProblemModel,
    @Args() args: ConnectionArgs,
    @CurrentUser() viewer?: AuthenticatedUser,
  ): Promise<ModerationEntryConnection | null> {
    return this.fields.history({ type: ModerationTarget.PROBLEM, id: problem.id }, args, viewer);
  }
}

@Resolver(() => SolutionModel)
export class SolutionModerationResolver {
  constructor(private readonly fields: ModerationFields) {}

  @ResolveField(() => ModerationStatusModel, { nullable: true, description: STATUS_DESCRIPTION.replace('author', 'proposer') })
  moderation(
    @Parent() solution: SolutionModel,
    @Context('req') req: AuthRequest,
    @CurrentUser() viewer?: AuthenticatedUser,
  ): Promise<ModerationStatusModel | null> {
    return this.fields.status({ type: ModerationTarget.SOLUTION, id: solution.id }, { hidden: solution.hidden, authorId: solution.proposerId }, req, viewer);
  }

  @ResolveField(() => ModerationEntryConnection, { nullable: true, description: HISTORY_DESCRIPTION })
  moderationHistory(
    @Parent() solution: SolutionModel,
    @Args() args: ConnectionArgs,
    @CurrentUser() viewer?: AuthenticatedUser,
  ): Promise<ModerationEntryConnection | null> {
    return this.fields.history({ type: ModerationTarget.SOLUTION, id: solution.id }, args, viewer);
  }
}

@Resolver(() => CommentModel)
export class CommentModerationResolver {
  constructor(private readonly fields: ModerationFields) {}

  @ResolveField(() => ModerationStatusModel, { nullable: true, description: STATUS_DESCRIPTION })
  moderation(
    @Parent() comment: CommentModel,
    @Context('req') req: AuthRequest,
    @CurrentUser() viewer?: AuthenticatedUser,
  ): Promise<ModerationStatusModel | null> {
    return this.fields.status({ type: ModerationTarget.COMMENT, id: comment.id }, { hidden: comment.hidden, authorId: comment.authorId }, req, viewer);
  }

  @ResolveField(() => ModerationEntryConnection, { nullable: true, description: HISTORY_DESCRIPTION })
  moderationHistory(
    @Parent() comment: CommentModel,
    @Args() args: ConnectionArgs,
    @CurrentUser() viewer?: AuthenticatedUser,
  ): Promise<ModerationEntryConnection | null> {
    return this.fields.history({ type: ModerationTarget.COMMENT, id: comment.id }, args, viewer);
  }
}
