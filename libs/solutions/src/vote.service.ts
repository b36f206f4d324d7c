import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { inTransaction, LeanReader, returning, TransactionRaceError } from '@common-ground/shared/database';
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
 * The first statement of a cast or a retraction: reads the solution and locks it (the lock order
 * in shared/database: the solution before its vote rows), and in the same statement writes the
 * user's vote row when the solution takes votes from this user, so all writes to one solution's
 * votes queue on the solution. The solution comes back as the lock found it (the newest version),
 * so the checks after it see what no other vote, status change or moderation can change before
 * the commit.
 */
const lockedSolution = (columns: string) => `SELECT ${columns} FROM solutions WHERE id = $1 FOR NO KEY UPDATE`;
/** Whether the locked solution takes this user's vote: not their own, open, not hidden. */
const TAKES_VOTE = `solution."proposerId" <> $2 AND solution."status" <> ALL($3::solution_status[]) AND NOT solution."hidden"`;
const castVote = (columns: string) => `WITH solution AS (${lockedSolution(columns)}),
  inserted AS (INSERT INTO solution_votes (solution_id, user_id, value) SELECT solution."id", $2, $4 FROM solution WHERE ${TAKES_VOTE}
    ON CONFLICT (solution_id, user_id) DO NOTHING RETURNING value)
  SELECT solution.*, EXISTS (SELECT 1 FROM inserted) AS "voteInserted" FROM solution`;
const retractVote = (columns: string) => `WITH solution AS (${lockedSolution(columns)}),
  deleted AS (DELETE FROM solution_votes v USING solution WHERE v.solution_id = solution."id" AND v.user_id = $2 AND ${TAKES_VOTE} RETURNING v.value)
  SELECT solution.*, (SELECT value FROM deleted) AS "voteDeleted" FROM solution`;

/** Moves the counters and recomputes the score in one UPDATE, from the row's own current values. */
const MOVE_COUNTERS = `UPDATE solutions
    SET up_votes = up_votes + $2,
        down_votes = down_votes + $3,
        score = ${wilsonLowerBoundSql('up_votes + $2', 'down_votes + $3')},
        updated_at = now()
  WHERE id = $1 AND status <> ALL($4::solution_status[]) AND NOT hidden
  RETURNING up_votes, down_votes, score, updated_at`;

/** A row of `lockedSolution`: the solution's columns under their property names. */
type LockedSolution = Record<string, unknown>;

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
  private readonly lean: LeanReader<SolutionEntity>;
  private readonly castSql: string;
  private readonly retractSql: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(SolutionEntity) solutions: Repository<SolutionEntity>,
  ) {
    this.lean = new LeanReader(solutions);
    this.castSql = castVote(this.lean.columnsOf('solutions'));
    this.retractSql = retractVote(this.lean.columnsOf('solutions'));
  }

  /**
   * Returns the solution as the vote left it (no statement to read it again). A new vote costs
   * two statements: the locking read that inserts the vote row, and the counters' UPDATE.
   */
  cast(userId: string, solutionId: string, value: 1 | -1): Promise<SolutionEntity> {
    return inTransaction(this.dataSource, async (manager) => {
      const [row] = await returning<LockedSolution & { voteInserted: boolean }>(manager, this.castSql, [solutionId, userId, VOTING_CLOSED, value]);
      const solution = this.assertOpen(row, solutionId, userId);
      const delta = row.voteInserted ? side(value, 1) : await this.switchVote(manager, solutionId, userId, value);
      return this.moveCounters(manager, solution, delta);
    });
  }

  /** Returns the solution as the retraction left it. */
  retract(userId: string, solutionId: string): Promise<SolutionEntity> {
    return inTransaction(this.dataSource, async (manager) => {
      const [row] = await returning<LockedSolution & { voteDeleted: 1 | -1 | null }>(manager, this.retractSql, [solutionId, userId, VOTING_CLOSED]);
      const solution = this.assertOpen(row, solutionId, userId);
      return this.moveCounters(manager, solution, row.voteDeleted === null ? NO_CHANGE : side(row.voteDeleted, -1));
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

  /** The locked solution, or the reason it takes no vote from this user (then nothing was written). */
  private assertOpen(row: LockedSolution | undefined, solutionId: string, userId: string): SolutionEntity {
    if (!row) throw new NotFoundError('Solution', solutionId);
    const solution = this.lean.fromRow(row);
    if (solution.proposerId === userId) throw new OwnSolutionVoteError();
    if (VOTING_CLOSED.includes(solution.status)) throw new VotingClosedError(solution.status);
    if (solution.hidden) throw new SolutionHiddenError();
    return solution;
  }

  /**
   * The user had voted (the insert met their row): locks that row and switches it when it
   * differs. Each step says what it changed (the locked row), so the delta is exact. The solution
   * is locked first, so no cast or retraction can come between the two; a row that vanished
   * anyway (its user was deleted) makes the whole transaction run again.
   */
  private async switchVote(manager: EntityManager, solutionId: string, userId: string, value: 1 | -1): Promise<Delta> {
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
   * The solution is locked since the first statement and was checked there, so nothing can have
   * closed or hidden it since; the guard on status and hidden stays as the last word (a vote never
   * lands on a closed or hidden solution, whatever path changed it). The counters come back from
   * the UPDATE itself.
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
