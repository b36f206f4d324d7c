import { CommentEntity } from './comment.entity';
import { CommentModel } from './comment.model';

export function toCommentModel(entity: CommentEntity): CommentModel {
  return {
    id: entity.id,
    official: entity.official,
    createdAt: entity.createdAt,
    hidden: entity.hidden,
    body: entity.body,
    authorId: entity.authorId,
    parentId: entity.parentId,
    problemId: entity.problemId,
    solutionId: entity.solutionId,
  };
}
