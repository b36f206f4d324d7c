import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { inTransaction, returning, TransactionRaceError } from '@common-ground/shared/database';
import { NotFoundError } from '@common-ground/shared/graphql';
import { wilsonLowerBoundSql } from './ranking';
import { SolutionEntity } from './solution.entity';
import { SolutionStatus, VOTING_CLOSED } from './solution-status';
import { OwnSolutionVoteError, SolutionHiddenError, VotingClosedError } from './solutions.exception';

/** How the counters move: +1/-1 on each side. */
interface Delta {
  up: number;
  down: number;
}

const NO_CHANGE: Delta = { up: 0, down: 0 };
const side = (value: 1 | -1, by: number): Delta => (value === 1 ? { up: by, down: 0 } : { up: 0, down: by });

/**
 * Locks the solution (the lock order in shared/database: the solution before its vote rows) in
 * the statement that writes the user's vote row, so all writes to one solution's votes queue on
 * the solution.
 */
const INSERT_VOTE = `WITH solution AS (SELECT id FROM solutions WHERE id = $1 FOR NO KEY UPDATE)
  INSERT INTO solution_votes (solution_id, user_id, value) SELECT id, $2, $3 FROM solution
  ON CONFLICT (solution_id, user_id) DO NOTHING RETURNING value`;
const DELETE_VOTE = `WITH solution AS (SELECT id FROM solutions WHERE id = $1 FOR NO KEY UPDATE)
  DELETE FROM solution_votes v USING solution WHERE v.solution_id = solution.id AND v.user_id = $2 RETURNING v.value`;

/** Moves the counters and recomputes the score in one UPDATE, from the row's own current values. */
const MOVE_COUNTERS = `UPDATE solutions
    SET up_votes = up_votes + $2,
        down_votes = down_votes + $3,
        score = ${wilsonLowerBoundSql('up_votes + $2', 'down_votes + $3')},
        updated_at = now()
  WHERE id = $1 AND status <> ALL($4::solution_status[]) AND NOT hidden
  RETURNING up_votes, down_votes, score, updated_at`;

interface Counters {
  up_votes: number;
  down_votes: number;
  score: number;
  updated_at: Date;
}

/**
 * One vote per user and solution. The vote row and the counters change in one transaction, and
 * the counters move only by what really changed (a row added, switched or removed), so they stay
 * exact under any concurrency and repeating a call changes nothing. Transactions that lose a race
 * run again (inTransaction).
 */
@Injectable()
export class VoteService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Returns the solution as the vote left it (no statement to read it again). */
  cast(userId: string, solutionId: string, value: 1 | -1): Promise<SolutionEntity> {
    return inTransaction(this.dataSource, async (manager) => {
      const solution = await this.assertOpen(manager, solutionId, userId);
      return this.moveCounters(manager, solution, await this.upsert(manager, solutionId, userId, value));
    });
  }

  /** Returns the solution as the retraction left it. */
  retract(userId: string, solutionId: string): Promise<SolutionEntity> {
    return inTransaction(this.dataSource, async (manager) => {
      const solution = await this.assertOpen(manager, solutionId, userId);
      const deleted = await returning<{ value: 1 | -1 }>(manager, DELETE_VOTE, [solutionId, userId]);
      return this.moveCounters(manager, solution, deleted.length ? side(deleted[0].value, -1) : NO_CHANGE);
    });
  }

  /** The user's votes (+1/-1) on these solutions. */
  async votesOf(userId: string, solutionIds: readonly string[]): Promise<Map<string, 1 | -1>> {
    if (!solutionIds.length) return new Map();
    const rows: { solution_id: string; value: 1 | -1 }[] = await this.dataSource.query(
      'SELECT solution_id, value FROM solution_votes WHERE user_id = $1 AND solution_id = ANY($2::uuid[])',
      [userId, [...solutionIds]],
    );
    return new Map(rows.map((row) => [row.solution_id, row.value]));
  }

  private async assertOpen(manager: EntityManager, solutionId: string, userId: string): Promise<SolutionEntity> {
    const solution = await manager.findOneBy(SolutionEntity, { id: solutionId });
    if (!solution) throw new NotFoundError('Solution', solutionId);
    if (solution.proposerId === userId) throw new OwnSolutionVoteError();
    if (VOTING_CLOSED.includes(solution.status)) throw new VotingClosedError(solution.status);
    if (solution.hidden) throw new SolutionHiddenError();
    return solution;
  }

  /**
   * Inserts the vote, or else locks the user's row and switches it when it differs. Each step
   * says what it changed (RETURNING, or the locked row), so the delta is exact. The solution is
   * locked first, so no cast or retraction can come between the two; a row that vanished anyway
   * (its user was deleted) makes the whole transaction run again.
   */
  private async upsert(manager: EntityManager, solutionId: string, userId: string, value: 1 | -1): Promise<Delta> {
    const inserted = await returning<{ value: number }>(manager, INSERT_VOTE, [solutionId, userId, value]);
    if (inserted.length) return side(value, 1);
    const [current]: { value: 1 | -1 }[] = await manager.query('SELECT value FROM solution_votes WHERE solution_id = $1 AND user_id = $2 FOR UPDATE', [
      solutionId,
      userId,
    ]);
    if (!current) throw new TransactionRaceError('The vote row changed between its insert and its update');
    if (current.value === value) return NO_CHANGE;
    await manager.query('UPDATE solution_votes SET value = $3, updated_at = now() WHERE solution_id = $1 AND user_id = $2', [solutionId, userId, value]);
    const added = side(value, 1);
    const removed = side(current.value, -1);
    return { up: added.up + removed.up, down: added.down + removed.down };
  }

  /**
   * The guard on status and hidden makes a vote that raced with a rejection or with moderation
   * roll back instead of landing.
   * The counters come back from the UPDATE itself, so they are the row's, whatever ran since
   * the solution was read.
   */
  private async moveCounters(manager: EntityManager, solution: SolutionEntity, delta: Delta): Promise<SolutionEntity> {
    if (delta.up === 0 && delta.down === 0) return solution;
    const [moved] = await returning<Counters>(manager, MOVE_COUNTERS, [solution.id, delta.up, delta.down, VOTING_CLOSED]);
    if (!moved) {
      const [current]: { status: SolutionStatus; hidden: boolean }[] = await manager.query('SELECT status, hidden FROM solutions WHERE id = $1', [solution.id]);
      if (current && !VOTING_CLOSED.includes(current.status) && current.hidden) throw new SolutionHiddenError();
      throw new VotingClosedError(current?.status ?? SolutionStatus.REJECTED);
    }
    return Object.assign(solution, { upVotes: moved.up_votes, downVotes: moved.down_votes, score: moved.score, updatedAt: moved.updated_at });
  }
}
