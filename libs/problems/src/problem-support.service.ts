import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ConflictError, NotFoundError } from '@common-ground/shared/graphql';
import { ProblemEntity } from './problem.entity';
import { ProblemStatus } from './problem-status';

const CLOSED_FOR_SUPPORT: readonly ProblemStatus[] = [ProblemStatus.DUPLICATE, ProblemStatus.REJECTED, ProblemStatus.RESOLVED];

/**
 * "Me too": one support per user and problem. The row and the counter change in one
 * transaction; the counter moves only when a row was really added or removed, so it stays exact
 * under any concurrency and repeated calls change nothing.
 */
@Injectable()
export class ProblemSupportService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async support(problemId: string, userId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [problem]: { status: ProblemStatus; duplicate_of_id: string | null }[] = await manager.query(
        // Locks the problem: a concurrent markDuplicate cannot move supports away between the
        // status check and the insert.
        'SELECT status, duplicate_of_id FROM problems WHERE id = $1 FOR UPDATE',
        [problemId],
      );
      if (!problem) throw new NotFoundError('Problem', problemId);
      if (CLOSED_FOR_SUPPORT.includes(problem.status)) {
        throw new ConflictError(
          problem.status === ProblemStatus.DUPLICATE
            ? `This problem is a duplicate; support ${problem.duplicate_of_id} instead`
            : `A ${problem.status} problem cannot be supported`,
          { currentStatus: problem.status, duplicateOfId: problem.duplicate_of_id },
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
    await this.dataSource.transaction(async (manager) => {
      if (!(await manager.existsBy(ProblemEntity, { id: problemId }))) throw new NotFoundError('Problem', problemId);
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
}
