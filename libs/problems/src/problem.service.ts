import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { anyOf, DomainEvents, LeanReader, newId, returning, setHiddenColumn } from '@common-ground/shared/database';
import { BadUserInputError, NotFoundError } from '@common-ground/shared/graphql';
import { CreateOptions, IdempotencyKeys } from '@common-ground/shared/idempotency';
import { areaContainingSql } from './area.service';
import { coarsen } from './geo';
import { ProblemAnalysisEntity, ProblemEntity, ProblemSupportEntity } from './problem.entity';
import { ProblemStatus } from './problem-status';
import { ReportProblem, ResponseFacts } from './problem.commands';
import { ProblemReported } from './problems.events';

/**
 * reportProblem's one statement: no problem without a known category (no row comes back then).
 * The public point is the exact one, or its coarsened cell ($7, $8) for a sensitive category;
 * the public area is the area of the public point. The reporter's support is inserted in the
 * same statement (its foreign key is checked at the statement's end, when the problem exists).
 * Parameters: id, title, description, category, lat, lng, coarse lat, coarse lng, address,
 * reporter, anonymous, status.
 */
const reportSql = (columns: string) => `WITH category AS (SELECT code, sensitive, priority_weight FROM categories WHERE code = $4::text),
  place AS (
    SELECT c.code, c.sensitive, c.priority_weight, exact.lat, exact.lng,
           CASE WHEN c.sensitive THEN $7::float8 ELSE exact.lat END AS public_lat,
           CASE WHEN c.sensitive THEN $8::float8 ELSE exact.lng END AS public_lng
      FROM category c, (SELECT $5::float8 AS lat, $6::float8 AS lng) exact),
  problem AS (
    INSERT INTO problems (id, title, description, category_code, status, lat, lng, public_lat, public_lng, location_earth, public_earth,
                          address, area_id, public_area_id, reporter_id, anonymous, support_count, category_weight)
    SELECT $1::uuid, $2::text, $3::text, p.code, $12::problem_status, p.lat, p.lng, p.public_lat, p.public_lng, ll_to_earth(p.lat, p.lng), ll_to_earth(p.public_lat, p.public_lng),
           $9::text, exact_area.id, CASE WHEN p.sensitive THEN ${areaContainingSql('p.public_lng', 'p.public_lat')} ELSE exact_area.id END,
           $10::uuid, $11::boolean, 1, p.priority_weight
      FROM place p, LATERAL (SELECT ${areaContainingSql('p.lng', 'p.lat')} AS id) exact_area
    RETURNING ${columns}),
  support AS (INSERT INTO problem_supports (problem_id, user_id) SELECT "id", "reporterId" FROM problem)
  SELECT * FROM problem`;

/** Reporting and finding problems. */
@Injectable()
export class ProblemService {
  /** Problems by id in plain SQL (loaders, other libs; the API's own reads are ProblemReader's). */
  private readonly lean: LeanReader<ProblemEntity>;
  private readonly reportSql: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(ProblemEntity) problems: Repository<ProblemEntity>,
    @InjectRepository(ProblemAnalysisEntity) private readonly analyses: Repository<ProblemAnalysisEntity>,
    private readonly events: DomainEvents,
    private readonly idempotency: IdempotencyKeys,
  ) {
    this.lean = new LeanReader(problems);
    this.reportSql = reportSql(this.lean.columnsOf('problems'));
  }

  async findById(id: string): Promise<ProblemEntity | null> {
    const [problem] = await this.lean.where('id = $1', [id]);
    return problem ?? null;
  }

  async getById(id: string): Promise<ProblemEntity> {
    const problem = await this.findById(id);
    if (!problem) throw new NotFoundError('Problem', id);
    return problem;
  }

  findByIds(ids: readonly string[]): Promise<ProblemEntity[]> {
    return ids.length ? this.lean.where('id = ANY($1::uuid[])', [[...ids]]) : Promise.resolve([]);
  }

  analysesFor(problemIds: readonly string[]): Promise<ProblemAnalysisEntity[]> {
    return problemIds.length ? this.analyses.findBy({ problemId: anyOf(problemIds) }) : Promise.resolve([]);
  }

  /**
   * For the solutions lib, in the transaction that inserts a solution: counts it on the problem
   * and returns the problem's status, read under that update's row lock (null: no such problem).
   */
  async countSolution(manager: EntityManager, problemId: string): Promise<ProblemStatus | null> {
    const [row] = await returning<{ status: ProblemStatus }>(
      manager,
      'UPDATE problems SET solution_count = solution_count + 1 WHERE id = $1 RETURNING status',
      [problemId],
    );
    return row?.status ?? null;
  }

  /**
   * For moderation, in the transaction that writes its audit trail: hides or shows the problem.
   * Returns whether it was hidden before (null: no such problem).
   */
  async setHidden(manager: EntityManager, problemId: string, hidden: boolean): Promise<boolean | null> {
    return setHiddenColumn(manager, 'problems', problemId, hidden);
  }

  /** Which of these problems the user supports. */
  async supportedBy(userId: string, problemIds: readonly string[]): Promise<Set<string>> {
    if (!problemIds.length) return new Set();
    const rows = await this.dataSource.manager.find(ProblemSupportEntity, {
      where: { userId, problemId: anyOf(problemIds) },
      select: { problemId: true },
    });
    return new Set(rows.map((row) => row.problemId));
  }

  /**
   * Files a problem in its area; the reporter supports it. One transaction, answered from what
   * it wrote: one statement reads the category, places the problem in its areas, inserts it and
   * the reporter's support and returns the row; the timeline's handler adds its event. With an
   * idempotency key, a retry returns the problem the first request filed.
   */
  async report(reporterId: string, input: ReportProblem, options: CreateOptions = {}): Promise<ProblemEntity> {
    const id = newId();
    const request = { userId: reporterId, key: options.idempotencyKey, operation: 'reportProblem', input };
    const { lat, lng } = input.location;
    // Only used when the category turns out to be sensitive; cheaper to compute than to ask first.
    const coarse = coarsen({ lat, lng });
    return this.idempotency.create(
      request,
      id,
      async (manager) => {
        const [row] = await returning<Record<string, unknown>>(manager, this.reportSql, [
          id,
          input.title,
          input.description,
          input.categoryCode,
          lat,
          lng,
          coarse.lat,
          coarse.lng,
          input.address ?? null,
          reporterId,
          input.anonymous,
          ProblemStatus.REPORTED,
        ]);
        if (!row) throw BadUserInputError.field('categoryCode', `is not a known category`);
        const problem = this.lean.fromRow(row);
        await this.events.publish(manager, new ProblemReported({ problemId: id, reporterId, anonymous: input.anonymous, categoryCode: problem.categoryCode }));
        return problem;
      },
      (firstId) => this.getById(firstId),
    );
  }

  // For the actions lib, which keeps the response's facts on the problem through these.

  /**
   * In a transaction that changes the problem's response (its lead, actions, assessment): locks
   * the problem FOR NO KEY UPDATE (step 2 of the lock order, as a status change does, so a move
   * and its gates never see a half-made change) and returns what the response needs to know.
   */
  async lockForResponse(manager: EntityManager, problemId: string): Promise<ResponseFacts | null> {
    const [row]: {
      status: ProblemStatus;
      area_id: string | null;
      public_area_id: string | null;
      reporter_id: string;
      lead_officer_id: string | null;
    }[] = await manager.query('SELECT status, area_id, public_area_id, reporter_id, lead_officer_id FROM problems WHERE id = $1 FOR NO KEY UPDATE', [
      problemId,
    ]);
    return row
      ? { status: row.status, areaId: row.area_id, publicAreaId: row.public_area_id, reporterId: row.reporter_id, leadOfficerId: row.lead_officer_id }
      : null;
  }

  /** Records who leads the problem (locked by lockForResponse). */
  async setLead(manager: EntityManager, problemId: string, officerId: string): Promise<void> {
    await manager.query('UPDATE problems SET lead_officer_id = $2, updated_at = now() WHERE id = $1', [problemId, officerId]);
  }

  /** Records the response's average progress, null when it has no actions that count (locked by lockForResponse). */
  async setResponseProgress(manager: EntityManager, problemId: string, percent: number | null): Promise<void> {
    await manager.query('UPDATE problems SET response_progress = $2::int, updated_at = now() WHERE id = $1 AND response_progress IS DISTINCT FROM $2::int', [
      problemId,
      percent,
    ]);
  }

  // For the solutions lib, which reads problems only through this service.

  /**
   * In a transaction that changes a solution of the problem: takes a shared lock on the problem
   * (the lock order in shared/database: the problem before its solutions) and returns its status
   * (null: no such problem).
   */
  async lockForShare(manager: EntityManager, problemId: string): Promise<ProblemStatus | null> {
    const [row]: { status: ProblemStatus }[] = await manager.query('SELECT status FROM problems WHERE id = $1 FOR SHARE', [problemId]);
    return row?.status ?? null;
  }

  /** Whether the problem exists, read in the caller's transaction. */
  async exists(manager: EntityManager, problemId: string): Promise<boolean> {
    const found: unknown[] = await manager.query('SELECT 1 FROM problems WHERE id = $1', [problemId]);
    return found.length > 0;
  }

  /**
   * For moderation, before it writes the problem's moderation state: locks the problem as
   * setHidden does (FOR NO KEY UPDATE) and returns its reporter (null: no such problem).
   */
  async lockForModeration(manager: EntityManager, problemId: string): Promise<{ reporterId: string; anonymous: boolean } | null> {
    const [row]: { reporter_id: string; anonymous: boolean }[] = await manager.query(
      'SELECT reporter_id, anonymous FROM problems WHERE id = $1 FOR NO KEY UPDATE',
      [problemId],
    );
    return row ? { reporterId: row.reporter_id, anonymous: row.anonymous } : null;
  }
}
