import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { AuthenticatedUser, hasAnyRole, POLICE_ROLES } from '@common-ground/shared/auth';
import { anyOf, DomainEvents, LeanReader, newId } from '@common-ground/shared/database';
import { BadUserInputError, ColumnKey, ConnectionShape, firstPages, keysetPage, NotFoundError, Page, sortKeysFor } from '@common-ground/shared/graphql';
import { CreateOptions, IdempotencyKeys } from '@common-ground/shared/idempotency';
import { ProblemService } from '@common-ground/problems';
import { CommentEntity } from './comment.entity';
import { AddComment, PageQuery } from './solution.commands';
import { commentAdded } from './solutions.events';
import { badCommentParent, CommentParentNotFoundError, SolutionsReason } from './solutions.exception';

/** What a comment is on. */
export type CommentTarget = 'problem' | 'solution';

const TARGET_COLUMN: Readonly<Record<CommentTarget, string>> = { problem: 'problem_id', solution: 'solution_id' };

/** Oldest first. */
const COMMENT_KEYS: readonly ColumnKey[] = [
  { column: 'created_at', direction: 'ASC', type: 'timestamptz' },
  { column: 'id', direction: 'ASC', type: 'uuid' },
];

/** The discussion on problems and solutions. */
@Injectable()
export class CommentService {
  /** Writes comments, answering from the INSERT's RETURNING clause. */
  private readonly lean: LeanReader<CommentEntity>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(CommentEntity) private readonly comments: Repository<CommentEntity>,
    private readonly events: DomainEvents,
    private readonly idempotency: IdempotencyKeys,
    private readonly problems: ProblemService,
  ) {
    this.lean = new LeanReader(comments);
  }

  findByIds(ids: readonly string[]): Promise<CommentEntity[]> {
    return ids.length ? this.comments.findBy({ id: anyOf(ids) }) : Promise.resolve([]);
  }

  /**
   * Adds a comment, or a reply to a top-level comment on the same problem or solution. An
   * officer's or supervisor's comment is official and shows on the problem's timeline. Answered
   * from what its transaction wrote; with an idempotency key, a retry returns the first comment.
   */
  async add(author: AuthenticatedUser, input: AddComment, options: CreateOptions = {}): Promise<CommentEntity> {
    if (!input.problemId === !input.solutionId) {
      const message = 'give exactly one of problemId and solutionId';
      throw new BadUserInputError([
        { field: 'problemId', message },
        { field: 'solutionId', message },
      ]);
    }
    const official = hasAnyRole(author, POLICE_ROLES);
    const comment = this.comments.create({
      id: newId(),
      problemId: input.problemId ?? null,
      solutionId: input.solutionId ?? null,
      parentId: input.parentId ?? null,
      authorId: author.id,
      body: input.body,
      official,
    });
    const request = { userId: author.id, key: options.idempotencyKey, operation: 'addComment', input };
    return this.idempotency.create(
      request,
      comment.id,
      async (manager) => {
        let problemId: string;
        if (comment.problemId) {
          if (!(await this.problems.exists(manager, comment.problemId))) throw new NotFoundError('Problem', comment.problemId);
          problemId = comment.problemId;
        } else {
          const [solution]: { problem_id: string }[] = await manager.query('SELECT problem_id FROM solutions WHERE id = $1', [comment.solutionId]);
          if (!solution) throw new NotFoundError('Solution', comment.solutionId ?? undefined);
          problemId = solution.problem_id;
        }
        if (comment.parentId) {
          const parent = await manager.findOneBy(CommentEntity, { id: comment.parentId });
          if (!parent) throw new CommentParentNotFoundError(comment.parentId);
          if (parent.parentId) throw badCommentParent(SolutionsReason.COMMENT_PARENT_IS_REPLY);
          if (parent.problemId !== comment.problemId || parent.solutionId !== comment.solutionId) {
            throw badCommentParent(SolutionsReason.COMMENT_PARENT_ELSEWHERE);
          }
        }
        const written = await this.lean.insert(manager, comment);
        await this.events.publish(
          manager,
          commentAdded({ commentId: comment.id, problemId, solutionId: comment.solutionId, parentId: comment.parentId, authorId: author.id }, official),
        );
        return written;
      },
      (firstId) => this.comments.findOneByOrFail({ id: firstId }),
    );
  }

  /** One target's comments, oldest first, keyset-paged (used for pages after the first). */
  page(target: CommentTarget, targetId: string, args: PageQuery): Promise<ConnectionShape<CommentEntity>> {
    const query = this.comments.createQueryBuilder('c').where(`c.${TARGET_COLUMN[target]} = :targetId`, { targetId });
    return keysetPage(query, sortKeysFor('c', COMMENT_KEYS), args);
  }

  /** The first page of comments of each target, in one statement. */
  firstPages(target: CommentTarget, targetIds: readonly string[], first: number): Promise<Page<CommentEntity>[]> {
    return firstPages(this.comments, TARGET_COLUMN[target], targetIds, COMMENT_KEYS, first);
  }

  async countBy(target: CommentTarget, targetIds: readonly string[]): Promise<Map<string, number>> {
    if (!targetIds.length) return new Map();
    const column = TARGET_COLUMN[target];
    const rows: { target_id: string; count: number }[] = await this.dataSource.query(
      `SELECT ${column} AS target_id, count(*)::int AS count FROM comments WHERE ${column} = ANY($1::uuid[]) GROUP BY ${column}`,
      [[...targetIds]],
    );
    return new Map(rows.map((row) => [row.target_id, row.count]));
  }
}
