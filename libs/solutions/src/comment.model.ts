import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { hiddenUnlessAuthor } from '@common-ground/shared/auth';
import { Connection } from '@common-ground/shared/graphql';

/** A comment; the body of a hidden one is shown only to moderators and its author. */
@ObjectType('Comment', { description: 'Part of the two-way conversation on a problem or a solution.' })
export class CommentModel {
  @Field(() => ID)
  id: string;

  @Field(() => String, {
    nullable: true,
    description: 'Null when hidden by moderation, except to moderators and the author.',
    middleware: [hiddenUnlessAuthor<CommentModel>((comment) => comment.authorId)],
  })
  body: string;

  @Field({ description: 'Written by an officer or supervisor.' })
  official: boolean;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Field({ description: 'Hidden by moderation (after flags or by a moderator).' })
  hidden: boolean;

  // Internal: never fields.
  authorId: string;
  parentId: string | null;
  problemId: string | null;
  solutionId: string | null;
}

@ObjectType('CommentConnection')
export class CommentConnection extends Connection(CommentModel, 'Comment') {}
