import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { anyOf, DomainEvents, inTransaction, newId } from '@common-ground/shared/database';
import { NotFoundError } from '@common-ground/shared/graphql';
import { ProblemService, ProblemStatus } from '@common-ground/problems';
import { AssessmentEntity } from './assessment.entity';
import { AssessProblem } from './action.commands';
import { ProblemAssessed } from './actions.events';
import { ActionsReason, wrongProblemStatus } from './actions.exception';

/** The assessment of a problem's response. */
@Injectable()
export class AssessmentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(AssessmentEntity) private readonly assessments: Repository<AssessmentEntity>,
    private readonly problems: ProblemService,
    private readonly events: DomainEvents,
  ) {}

  /** The latest assessment of each problem (current or not); a problem has few. */
  async latestOf(problemIds: readonly string[]): Promise<AssessmentEntity[]> {
    const latest = new Map<string, AssessmentEntity>();
    for (const assessment of await this.findByProblemIds(problemIds)) {
      const seen = latest.get(assessment.problemId);
      if (
        !seen ||
        seen.assessedAt.getTime() < assessment.assessedAt.getTime() ||
        (seen.assessedAt.getTime() === assessment.assessedAt.getTime() && seen.id < assessment.id)
      ) {
        latest.set(assessment.problemId, assessment);
      }
    }
    return [...latest.values()];
  }

  /** The area's latest current assessments (as the public sees problems in areas), newest first. */
  recentInArea(publicAreaId: string, limit = 10): Promise<AssessmentEntity[]> {
    return this.assessments.find({ where: { publicAreaId, current: true }, order: { assessedAt: 'DESC', id: 'DESC' }, take: limit });
  }

  /**
   * OFFICER+ (the resolver admits them); only while the problem is in ASSESSMENT (CONFLICT
   * PROBLEM_NOT_IN_ASSESSMENT). Assessing again in the same round replaces the current one.
   */
  async assess(actorId: string, command: AssessProblem): Promise<AssessmentEntity> {
    return inTransaction(this.dataSource, async (manager) => {
      const problem = await this.problems.lockForResponse(manager, command.problemId);
      if (!problem) throw new NotFoundError('Problem', command.problemId);
      if (problem.status !== ProblemStatus.ASSESSMENT) {
        throw wrongProblemStatus(ActionsReason.PROBLEM_NOT_IN_ASSESSMENT, problem.status, `A problem is assessed in ASSESSMENT; it is ${problem.status}`);
      }
      await this.endRound(manager, command.problemId);
      const assessment = manager.create(AssessmentEntity, {
        id: newId(),
        problemId: command.problemId,
        publicAreaId: problem.publicAreaId,
        outcome: command.outcome,
        summary: command.summary,
        metrics: (command.metrics ?? []).map((metric) => ({
          name: metric.name,
          before: metric.before,
          after: metric.after,
          unit: metric.unit ?? null,
          period: metric.period ?? null,
        })),
        current: true,
        assessedById: actorId,
        assessedAt: new Date(),
      });
      await manager.insert(AssessmentEntity, assessment);
      await this.events.publish(manager, new ProblemAssessed({ problemId: command.problemId, assessmentId: assessment.id, actorId, outcome: command.outcome }));
      return assessment;
    });
  }

  /** Whether the problem has a current assessment (the RESOLVED gate), in the caller's transaction. */
  async hasCurrent(manager: EntityManager, problemId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query('SELECT 1 FROM problem_assessments WHERE problem_id = $1 AND current', [problemId]);
    return rows.length > 0;
  }

  /** The problem went back to ANALYSIS or RESPONSE: its assessment is no longer current. */
  async endRound(manager: EntityManager, problemId: string): Promise<void> {
    await manager.query('UPDATE problem_assessments SET current = false WHERE problem_id = $1 AND current', [problemId]);
  }

  findByProblemIds(problemIds: readonly string[]): Promise<AssessmentEntity[]> {
    return problemIds.length ? this.assessments.findBy({ problemId: anyOf(problemIds) }) : Promise.resolve([]);
  }
}
