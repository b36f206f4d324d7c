import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthenticatedUser, hasAnyRole, SUPERVISOR_ROLES } from '@common-ground/shared/auth';
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from '@common-ground/shared/graphql';
import { ProblemAnalysisEntity, ProblemEntity } from './problem.entity';
import { RecordAnalysisInput } from './problem.input';
import { findMove, MOVES, OPEN_STATUSES, ProblemStatus } from './problem-status';
import { SaraGates } from './sara-gates';
import { TimelineEventKind } from './timeline-event-kind';
import { TimelineService } from './timeline.service';

const ANALYSIS_FIELDS = ['offender', 'victim', 'place', 'handler', 'guardian', 'manager', 'hypothesis'] as const;

/** The SARA cycle: status changes with their gates, duplicates, and the analysis. */
@Injectable()
export class ProblemLifecycleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly timeline: TimelineService,
    private readonly gates: SaraGates,
  ) {}

  async changeStatus(actor: AuthenticatedUser, problemId: string, to: ProblemStatus, note?: string | null): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const problem = await this.lock(manager, problemId);
      const from = problem.status;
      if (to === ProblemStatus.DUPLICATE) {
        throw new ConflictError(`A problem cannot move from ${from} to ${to} by a status change: use markDuplicate`, {
          currentStatus: from,
          requestedStatus: to,
        });
      }
      const move = findMove(from, to);
      if (!move) {
        throw new ConflictError(`A problem cannot move from ${from} to ${to}`, {
          currentStatus: from,
          requestedStatus: to,
          allowedStatuses: MOVES[from].map((m) => m.to),
        });
      }
      if (move.supervisorOnly && !hasAnyRole(actor, SUPERVISOR_ROLES)) {
        throw new ForbiddenError(`Only a supervisor may move a problem from ${from} to ${to}`);
      }
      if (move.needsNote && !note) throw BadUserInputError.field('input.note', `is required to move from ${from} to ${to}`);
      const blockers = [...(await this.ownGate(manager, problemId, from, to)), ...(await this.gates.blockers(manager, problemId, from, to))];
      if (blockers.length) {
        throw new ConflictError(`A problem cannot move from ${from} to ${to} yet: ${blockers.join('; ')}`, {
          currentStatus: from,
          requestedStatus: to,
          blockers,
        });
      }
      await manager.query(
        'UPDATE problems SET status = $2, status_note = $3, status_changed_at = now(), updated_at = now() WHERE id = $1',
        [problemId, to, note ?? null],
      );
      await this.timeline.record(manager, {
        problemId,
        kind: TimelineEventKind.STATUS_CHANGED,
        actorId: actor.id,
        note: note ?? null,
        fromStatus: from,
        toStatus: to,
      });
    });
  }

  /** The gate the problems lib owns: an analysis must be recorded to leave ANALYSIS for RESPONSE. */
  private async ownGate(manager: EntityManager, problemId: string, from: ProblemStatus, to: ProblemStatus): Promise<string[]> {
    if (from !== ProblemStatus.ANALYSIS || to !== ProblemStatus.RESPONSE) return [];
    const analysis = await manager.findOneBy(ProblemAnalysisEntity, { problemId });
    const recorded = analysis && ANALYSIS_FIELDS.some((field) => analysis[field]);
    return recorded ? [] : ['no analysis has been recorded'];
  }

  /**
   * Marks a problem as a duplicate of another. Its supports move to the surviving problem
   * (a user who supported both counts once) and both timelines record it.
   */
  async markDuplicate(actor: AuthenticatedUser, problemId: string, duplicateOfId: string): Promise<void> {
    if (problemId === duplicateOfId) throw BadUserInputError.field('input.duplicateOfId', 'must be another problem');
    await this.dataSource.transaction(async (manager) => {
      // Lock both rows in a fixed order so two opposite merges cannot deadlock.
      const [first, second] = [problemId, duplicateOfId].sort();
      const locked = new Map([[first, await this.lock(manager, first)], [second, await this.lock(manager, second)]]);
      const duplicate = locked.get(problemId) as ProblemEntity;
      const survivor = locked.get(duplicateOfId) as ProblemEntity;
      if (!OPEN_STATUSES.includes(duplicate.status)) {
        throw new ConflictError(`A ${duplicate.status} problem cannot be marked as a duplicate`, { currentStatus: duplicate.status });
      }
      if (!OPEN_STATUSES.includes(survivor.status)) {
        throw new ConflictError(`Cannot merge into a ${survivor.status} problem`, { duplicateOfStatus: survivor.status });
      }
      await manager.query(
        `INSERT INTO problem_supports (problem_id, user_id, created_at)
         SELECT $2, user_id, created_at FROM problem_supports WHERE problem_id = $1
         ON CONFLICT DO NOTHING`,
        [problemId, duplicateOfId],
      );
      await manager.query('DELETE FROM problem_supports WHERE problem_id = $1', [problemId]);
      await manager.query(
        `UPDATE problems SET support_count = (SELECT count(*) FROM problem_supports WHERE problem_id = $1), updated_at = now() WHERE id = $1`,
        [duplicateOfId],
      );
      await manager.query(
        `UPDATE problems SET status = 'DUPLICATE', duplicate_of_id = $2, support_count = 0, status_note = NULL,
                status_changed_at = now(), updated_at = now() WHERE id = $1`,
        [problemId, duplicateOfId],
      );
      await this.timeline.record(manager, {
        problemId,
        kind: TimelineEventKind.MARKED_DUPLICATE,
        actorId: actor.id,
        fromStatus: duplicate.status,
        toStatus: ProblemStatus.DUPLICATE,
        subjectId: duplicateOfId,
      });
      await this.timeline.record(manager, {
        problemId: duplicateOfId,
        kind: TimelineEventKind.DUPLICATE_MERGED,
        actorId: actor.id,
        subjectId: problemId,
      });
    });
  }

  /** Records (or revises) the analysis; fields left out keep their value. */
  async recordAnalysis(actor: AuthenticatedUser, input: RecordAnalysisInput): Promise<void> {
    const given = ANALYSIS_FIELDS.filter((field) => input[field] !== undefined);
    if (given.length === 0) {
      throw BadUserInputError.field('input', `give at least one of ${ANALYSIS_FIELDS.join(', ')}`);
    }
    await this.dataSource.transaction(async (manager) => {
      const problem = await this.lock(manager, input.problemId);
      if (!OPEN_STATUSES.includes(problem.status)) {
        throw new ConflictError(`The analysis of a ${problem.status} problem cannot change`, { currentStatus: problem.status });
      }
      const existing = await manager.findOneBy(ProblemAnalysisEntity, { problemId: problem.id });
      const analysis = existing ?? manager.create(ProblemAnalysisEntity, { problemId: problem.id });
      for (const field of given) analysis[field] = input[field] || null;
      analysis.recordedById = actor.id;
      await manager.save(analysis);
      await manager.query('UPDATE problems SET updated_at = now() WHERE id = $1', [problem.id]);
      await this.timeline.record(manager, {
        problemId: problem.id,
        kind: TimelineEventKind.ANALYSIS_RECORDED,
        actorId: actor.id,
        note: given.join(', '),
      });
    });
  }

  private async lock(manager: EntityManager, problemId: string): Promise<ProblemEntity> {
    const problem = await manager.findOne(ProblemEntity, { where: { id: problemId }, lock: { mode: 'pessimistic_write' } });
    if (!problem) throw new NotFoundError('Problem', problemId);
    return problem;
  }
}
