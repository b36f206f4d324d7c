import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthenticatedUser } from '@common-ground/shared/auth';
import { DomainEvents, inTransaction } from '@common-ground/shared/database';
import { BadUserInputError, NotFoundError } from '@common-ground/shared/graphql';
import { ProblemService } from '@common-ground/problems';
import { ChangeSolutionStatus } from './solution.commands';
import { ADOPTABLE_PROBLEM_STATUSES, findSolutionMove, SOLUTION_MOVES, SolutionStatus } from './solution-status';
import { IllegalStatusMoveError, ProblemNotAdoptableError } from './solutions.exception';
import { solutionStatusChanged } from './solutions.events';

/** Officers shortlist, adopt, reject and mark solutions implemented. */
@Injectable()
export class SolutionLifecycleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: DomainEvents,
    private readonly problems: ProblemService,
  ) {}

  async changeStatus(actor: AuthenticatedUser, command: ChangeSolutionStatus): Promise<void> {
    const { solutionId, status: to, note } = command;
    await inTransaction(this.dataSource, async (manager) => {
      const [found]: { problem_id: string }[] = await manager.query('SELECT problem_id FROM solutions WHERE id = $1', [solutionId]);
      if (!found) throw new NotFoundError('Solution', solutionId);
      // The problem first (shared), then the solution, as the lock order in shared/database says:
      // the problem's own status change locks the problem and then checks for an adopted
      // solution, so the two cannot interleave.
      const problemStatus = await this.problems.lockForShare(manager, found.problem_id);
      if (!problemStatus) throw new NotFoundError('Problem', found.problem_id);
      const [solution]: { status: SolutionStatus }[] = await manager.query('SELECT status FROM solutions WHERE id = $1 FOR NO KEY UPDATE', [solutionId]);
      const from = solution.status;
      const move = findSolutionMove(from, to);
      if (!move) {
        throw new IllegalStatusMoveError(
          from,
          to,
          SOLUTION_MOVES[from].map((m) => m.to),
        );
      }
      if (move.needsNote && !note) throw BadUserInputError.field('note', `is required to move a solution to ${to}`);
      if (to === SolutionStatus.ADOPTED && !ADOPTABLE_PROBLEM_STATUSES.includes(problemStatus)) {
        throw new ProblemNotAdoptableError(from, to, problemStatus, ADOPTABLE_PROBLEM_STATUSES);
      }
      await manager.query('UPDATE solutions SET status = $2, status_note = $3, updated_at = now() WHERE id = $1', [solutionId, to, note ?? null]);
      await this.events.publish(manager, solutionStatusChanged({ solutionId, problemId: found.problem_id, actorId: actor.id, from, to, note: note ?? null }));
    });
  }
}
