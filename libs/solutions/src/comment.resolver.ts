import { Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AuthenticatedUser, AuthRequest, CurrentUser } from '@common-ground/shared/auth';
import { Args, atInput } from '@common-ground/shared/graphql';
import { IdempotencyKey } from '@common-ground/shared/idempotency';
import { toUserModel, UserModel, UsersLoader } from '@common-ground/identity';
import { CommentModel } from './comment.model';
import { CommentService } from './comment.service';
import { SolutionsLoader } from './solutions.loader';
import { AddCommentInput } from './add-comment.input';
import { toCommentModel } from './comment.mapper';

@Resolver(() => CommentModel)
export class CommentResolver {
  constructor(
    private readonly comments: CommentService,
    private readonly loader: SolutionsLoader,
    private readonly users: UsersLoader,
  ) {}

  @Mutation(() => CommentModel, {
    description:
      'On exactly one problem or solution; a reply names a top-level comment on the same one. Officers’ and supervisors’ comments are official. Send an Idempotency-Key header to retry safely: a retry returns the first result.',
  })
  async addComment(
    @Args('input') input: AddCommentInput,
    @CurrentUser() viewer: AuthenticatedUser,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<CommentModel> {
    return toCommentModel(await atInput(() => this.comments.add(viewer, input, { idempotencyKey })));
  }

  @ResolveField(() => UserModel)
  async author(@Parent() comment: CommentModel, @Context('req') req: AuthRequest): Promise<UserModel> {
    const user = await this.users.forRequest(req).load(comment.authorId);
    if (!user) throw new Error(`author ${comment.authorId} of comment ${comment.id} is missing`);
    return toUserModel(user);
  }

  @ResolveField(() => CommentModel, { nullable: true, description: 'The comment this one replies to.' })
  async parent(@Parent() comment: CommentModel, @Context('req') req: AuthRequest): Promise<CommentModel | null> {
    if (!comment.parentId) return null;
    const parent = await this.loader.comment(req).load(comment.parentId);
    return parent ? toCommentModel(parent) : null;
  }
}
