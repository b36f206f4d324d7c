import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '@common-ground/shared/graphql';
import { CommentEntity } from './comment.entity';

/** A comment; the body of a hidden one is shown only to moderators and its author. */
@ObjectType('Comment', { description: 'Part of the two-way conversation on a problem or a solution.' })
export class CommentModel {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Written by an officer or supervisor.' })
  official: boolean;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Field({ description: 'Hidden by moderation (after flags or by a moderator).' })
  hidden: boolean;

  // Internal: never fields.
  bodyText: string;
  authorId: string;
  parentId: string | null;
  problemId: string | null;
  solutionId: string | null;
}

export function toCommentModel(entity: CommentEntity): CommentModel {
  return {
    id: entity.id,
    official: entity.official,
    createdAt: entity.createdAt,
    hidden: entity.hidden,
    bodyText: entity.body,
    authorId: entity.authorId,
    parentId: entity.parentId,
    problemId: entity.problemId,
    solutionId: entity.solutionId,
  };
}

@ObjectType('CommentConnection')
export class CommentConnection extends Connection(CommentModel, 'Comment') {}
