import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthenticatedUser, hasAnyRole, SUPERVISOR_ROLES } from '@common-ground/shared/auth';
import { DomainEvents, inTransaction } from '@common-ground/shared/database';
import { BadUserInputError, ConflictError, NotFoundError } from '@common-ground/shared/graphql';
import { ProblemAnalysisEntity, ProblemEntity } from './problem.entity';
import { RecordAnalysis } from './problem.commands';
import { findMove, MOVES, OPEN_STATUSES, ProblemStatus } from './problem-status';
import { AnalysisRecorded, ProblemMarkedDuplicate, ProblemStatusChanged } from './problems.events';
import { ProblemsReason, SupervisorOnlyMoveError } from './problems.exception';
import { SaraGateBlocker, SaraGates } from './sara-gates';

const ANALYSIS_FIELDS = ['offender', 'victim', 'place', 'handler', 'guardian', 'manager', 'hypothesis'] as const;

/** The SARA cycle: status changes with their gates, duplicates, and the analysis. */
@Injectable()
export class ProblemLifecycleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: DomainEvents,
    private readonly gates: SaraGates,
  ) {}

  async changeStatus(actor: AuthenticatedUser, problemId: string, to: ProblemStatus, note?: string | null): Promise<void> {
    await inTransaction(this.dataSource, async (manager) => {
      const problem = await this.lock(manager, problemId);
      const from = problem.status;
      if (to === ProblemStatus.DUPLICATE) {
        throw new ConflictError(`A problem cannot move from ${from} to ${to} by a status change: use markDuplicate`, {
          reason: ProblemsReason.DUPLICATE_NEEDS_MARK_DUPLICATE,
          currentStatus: from,
          requestedStatus: to,
        });
      }
      const move = findMove(from, to);
      if (!move) {
        throw new ConflictError(`A problem cannot move from ${from} to ${to}`, {
          reason: ProblemsReason.ILLEGAL_STATUS_MOVE,
          currentStatus: from,
          requestedStatus: to,
          allowedStatuses: MOVES[from].map((m) => m.to),
        });
      }
      if (move.supervisorOnly && !hasAnyRole(actor, SUPERVISOR_ROLES)) {
        throw new SupervisorOnlyMoveError(`Only a supervisor may move a problem from ${from} to ${to}`);
      }
      if (move.needsNote && !note) throw BadUserInputError.field('note', `is required to move from ${from} to ${to}`);
      const blockers = [...(await this.ownGate(manager, problemId, from, to)), ...(await this.gates.blockers(manager, problemId, from, to))];
      if (blockers.length) {
        throw new ConflictError(`A problem cannot move from ${from} to ${to} yet: ${blockers.map((b) => b.message).join('; ')}`, {
          reason: ProblemsReason.SARA_GATE_BLOCKED,
          currentStatus: from,
          requestedStatus: to,
          blockers: blockers.map((b) => b.reason),
        });
      }
      await manager.query('UPDATE problems SET status = $2, status_note = $3, status_changed_at = now(), updated_at = now() WHERE id = $1', [
        problemId,
        to,
        note ?? null,
      ]);
      await this.events.publish(manager, new ProblemStatusChanged({ problemId, actorId: actor.id, from, to, note: note ?? null }));
    });
  }

  /** The gate the problems lib owns: an analysis must be recorded to leave ANALYSIS for RESPONSE. */
  private async ownGate(manager: EntityManager, problemId: string, from: ProblemStatus, to: ProblemStatus): Promise<SaraGateBlocker[]> {
    if (from !== ProblemStatus.ANALYSIS || to !== ProblemStatus.RESPONSE) return [];
    const analysis = await manager.findOneBy(ProblemAnalysisEntity, { problemId });
    const recorded = analysis && ANALYSIS_FIELDS.some((field) => analysis[field]);
    return recorded ? [] : [{ reason: ProblemsReason.SARA_GATE_ANALYSIS_MISSING, message: 'no analysis has been recorded' }];
  }

  /**
   * Marks a problem as a duplicate of another. Its supports move to the surviving problem
   * (a user who supported both counts once) and both timelines record it. A duplicate always
   * points at an open problem, never at another duplicate: merging into a problem that was
   * itself merged merges into the problem it was merged into, and problems merged into this one
   * before move along with it.
   */
  async markDuplicate(actor: AuthenticatedUser, problemId: string, duplicateOfId: string): Promise<void> {
    if (problemId === duplicateOfId) throw BadUserInputError.field('duplicateOfId', 'must be another problem');
    await inTransaction(this.dataSource, async (manager) => {
      // Merges one at a time (step 1 of the lock order): no other merge can change where the
      // target points, or what points at this problem, until this one commits.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('problems.merge'))`);
      const [target]: { status: ProblemStatus; duplicate_of_id: string | null }[] = await manager.query(
        'SELECT status, duplicate_of_id FROM problems WHERE id = $1',
        [duplicateOfId],
      );
      if (!target) throw new NotFoundError('Problem', duplicateOfId);
      const survivorId = target.status === ProblemStatus.DUPLICATE && target.duplicate_of_id ? target.duplicate_of_id : duplicateOfId;
      if (survivorId === problemId) {
        throw new ConflictError(`Problem ${duplicateOfId} has already been merged into this one`, {
          reason: ProblemsReason.ALREADY_MERGED_INTO_THIS,
          duplicateOfStatus: target.status,
        });
      }
      // Step 2: the problem, the survivor and the problems merged into this one before, by id.
      const locked: { id: string; status: ProblemStatus }[] = await manager.query(
        `SELECT id, status FROM problems WHERE id = ANY($1::uuid[]) OR duplicate_of_id = $2 ORDER BY id FOR NO KEY UPDATE`,
        [[problemId, survivorId], problemId],
      );
      const statusOf = new Map(locked.map((row) => [row.id, row.status]));
      const from = statusOf.get(problemId);
      const survivorStatus = statusOf.get(survivorId);
      if (!from) throw new NotFoundError('Problem', problemId);
      if (!survivorStatus) throw new NotFoundError('Problem', survivorId);
      if (!OPEN_STATUSES.includes(from)) {
        throw new ConflictError(`A ${from} problem cannot be marked as a duplicate`, {
          reason: ProblemsReason.PROBLEM_NOT_OPEN_FOR_MERGE,
          currentStatus: from,
        });
      }
      if (!OPEN_STATUSES.includes(survivorStatus)) {
        throw new ConflictError(
          survivorId === duplicateOfId
            ? `Cannot merge into a ${survivorStatus} problem`
            : `Problem ${duplicateOfId} was merged into ${survivorId}, which is ${survivorStatus}: cannot merge into it`,
          { reason: ProblemsReason.MERGE_TARGET_CLOSED, duplicateOfStatus: survivorStatus, duplicateOfId: survivorId },
        );
      }
      await manager.query(
        `INSERT INTO problem_supports (problem_id, user_id, created_at)
         SELECT $2, user_id, created_at FROM problem_supports WHERE problem_id = $1
         ON CONFLICT DO NOTHING`,
        [problemId, survivorId],
      );
      await manager.query('DELETE FROM problem_supports WHERE problem_id = $1', [problemId]);
      await manager.query(
        `UPDATE problems SET support_count = (SELECT count(*) FROM problem_supports WHERE problem_id = $1), updated_at = now() WHERE id = $1`,
        [survivorId],
      );
      await manager.query(
        `UPDATE problems SET status = 'DUPLICATE', duplicate_of_id = $2, support_count = 0, status_note = NULL,
                status_changed_at = now(), updated_at = now() WHERE id = $1`,
        [problemId, survivorId],
      );
      // Earlier duplicates of this problem (locked above) now point at the survivor.
      await manager.query('UPDATE problems SET duplicate_of_id = $2, updated_at = now() WHERE duplicate_of_id = $1', [problemId, survivorId]);
      await this.events.publish(manager, new ProblemMarkedDuplicate({ problemId, survivorId, actorId: actor.id, fromStatus: from }));
    });
  }

  /** Records (or revises) the analysis; fields left out keep their value. */
  async recordAnalysis(actor: AuthenticatedUser, input: RecordAnalysis): Promise<void> {
    const given = ANALYSIS_FIELDS.filter((field) => input[field] !== undefined);
    if (given.length === 0) {
      throw BadUserInputError.field('', `give at least one of ${ANALYSIS_FIELDS.join(', ')}`);
    }
    await inTransaction(this.dataSource, async (manager) => {
      const problem = await this.lock(manager, input.problemId);
      if (!OPEN_STATUSES.includes(problem.status)) {
        throw new ConflictError(`The analysis of a ${problem.status} problem cannot change`, {
          reason: ProblemsReason.ANALYSIS_LOCKED,
          currentStatus: problem.status,
        });
      }
      const existing = await manager.findOneBy(ProblemAnalysisEntity, { problemId: problem.id });
      const analysis = existing ?? manager.create(ProblemAnalysisEntity, { problemId: problem.id });
      for (const field of given) analysis[field] = input[field] || null;
      analysis.recordedById = actor.id;
      await manager.save(analysis);
      await manager.query('UPDATE problems SET updated_at = now() WHERE id = $1', [problem.id]);
      await this.events.publish(manager, new AnalysisRecorded({ problemId: problem.id, actorId: actor.id, fields: given }));
    });
  }

  /** The problem, locked for the rest of the transaction (step 2 of the lock order). */
  private async lock(manager: EntityManager, problemId: string): Promise<ProblemEntity> {
    const problem = await manager.findOne(ProblemEntity, { where: { id: problemId }, lock: { mode: 'for_no_key_update' } });
    if (!problem) throw new NotFoundError('Problem', problemId);
    return problem;
  }
}
