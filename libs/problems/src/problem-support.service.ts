import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { inTransaction } from '@common-ground/shared/database';
import { ConflictError, NotFoundError } from '@common-ground/shared/graphql';
import { ProblemStatus } from './problem-status';
import { ProblemsReason } from './problems.exception';

const CLOSED_FOR_SUPPORT: readonly ProblemStatus[] = [ProblemStatus.DUPLICATE, ProblemStatus.REJECTED, ProblemStatus.RESOLVED];

/**
 * "Me too": one support per user and problem. The row and the counter change in one
 * transaction; the counter moves only when a row was really added or removed, so it stays exact
 * under any concurrency and repeated calls change nothing. Both take the problem's lock before
 * they touch a support row (the lock order in shared/database), so a support and a withdrawal
 * of one user, or either and a merge, queue on the problem instead of deadlocking.
 */
@Injectable()
export class ProblemSupportService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async support(problemId: string, userId: string): Promise<void> {
    await inTransaction(this.dataSource, async (manager) => {
      // A concurrent markDuplicate cannot move supports away between the status check and the insert.
      const problem = await this.lock(manager, problemId);
      if (CLOSED_FOR_SUPPORT.includes(problem.status)) {
        throw new ConflictError(
          problem.status === ProblemStatus.DUPLICATE
            ? `This problem is a duplicate; support ${problem.duplicate_of_id} instead`
            : `A ${problem.status} problem cannot be supported`,
          {
            reason: problem.status === ProblemStatus.DUPLICATE ? ProblemsReason.PROBLEM_IS_DUPLICATE : ProblemsReason.PROBLEM_CLOSED_FOR_SUPPORT,
            currentStatus: problem.status,
            duplicateOfId: problem.duplicate_of_id,
          },
        );
      }
      const inserted: unknown[] = await manager.query(
        `INSERT INTO problem_supports (problem_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING problem_id`,
        [problemId, userId],
      );
      if (inserted.length === 1) {
        await manager.query('UPDATE problems SET support_count = support_count + 1, updated_at = now() WHERE id = $1', [problemId]);
      }
    });
  }

  async withdraw(problemId: string, userId: string): Promise<void> {
    await inTransaction(this.dataSource, async (manager) => {
      await this.lock(manager, problemId);
      const [{ deleted }]: { deleted: number }[] = await manager.query(
        `WITH gone AS (DELETE FROM problem_supports WHERE problem_id = $1 AND user_id = $2 RETURNING 1)
         SELECT count(*)::int AS deleted FROM gone`,
        [problemId, userId],
      );
      if (deleted === 1) {
        await manager.query('UPDATE problems SET support_count = support_count - 1, updated_at = now() WHERE id = $1', [problemId]);
      }
    });
  }

  /** The problem, locked for the rest of the transaction (step 2 of the lock order). */
  private async lock(manager: EntityManager, problemId: string): Promise<{ status: ProblemStatus; duplicate_of_id: string | null }> {
    const [problem]: { status: ProblemStatus; duplicate_of_id: string | null }[] = await manager.query(
      'SELECT status, duplicate_of_id FROM problems WHERE id = $1 FOR NO KEY UPDATE',
      [problemId],
    );
    if (!problem) throw new NotFoundError('Problem', problemId);
    return problem;
  }
}
