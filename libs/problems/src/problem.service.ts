import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { anyOf, DomainEvents, LeanReader, newId, returning, setHiddenColumn } from '@common-ground/shared/database';
import { BadUserInputError, NotFoundError } from '@common-ground/shared/graphql';
import { CreateOptions, IdempotencyKeys } from '@common-ground/shared/idempotency';
import { AreaService } from './area.service';
import { CategoryEntity } from './category.entity';
import { coarsen } from './geo';
import { ProblemAnalysisEntity, ProblemEntity, ProblemSupportEntity } from './problem.entity';
import { ProblemStatus } from './problem-status';
import { ReportProblem } from './problem.commands';
import { ProblemReported } from './problems.events';

/** Reporting and finding problems. */
@Injectable()
export class ProblemService {
  /** Problems by id in plain SQL (loaders, other libs; the API's own reads are ProblemReader's). */
  private readonly lean: LeanReader<ProblemEntity>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(ProblemEntity) problems: Repository<ProblemEntity>,
    @InjectRepository(ProblemAnalysisEntity) private readonly analyses: Repository<ProblemAnalysisEntity>,
    private readonly areas: AreaService,
    private readonly events: DomainEvents,
    private readonly idempotency: IdempotencyKeys,
  ) {
    this.lean = new LeanReader(problems);
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
   * it wrote. With an idempotency key, a retry returns the problem the first request filed.
   */
  async report(reporterId: string, input: ReportProblem, options: CreateOptions = {}): Promise<ProblemEntity> {
    const id = newId();
    const request = { userId: reporterId, key: options.idempotencyKey, operation: 'reportProblem', input };
    return this.idempotency.create(
      request,
      id,
      async (manager) => {
        const category = await manager.findOneBy(CategoryEntity, { code: input.categoryCode });
        if (!category) throw BadUserInputError.field('categoryCode', `is not a known category`);
        const { lat, lng } = input.location;
        const shown = category.sensitive ? coarsen({ lat, lng }) : { lat, lng };
        const area = await this.areas.containing({ lat, lng }, manager);
        // The public sees the area of the point it sees; only a coarsened point can lie in another.
        const publicArea = category.sensitive ? await this.areas.containing(shown, manager) : area;
        const problem = await this.lean.insert(
          manager,
          {
            id,
            title: input.title,
            description: input.description,
            categoryCode: category.code,
            status: ProblemStatus.REPORTED,
            lat,
            lng,
            publicLat: shown.lat,
            publicLng: shown.lng,
            locationEarth: () => 'll_to_earth(:lat, :lng)',
            publicEarth: () => 'll_to_earth(:publicLat, :publicLng)',
            address: input.address ?? null,
            areaId: area?.id ?? null,
            publicAreaId: publicArea?.id ?? null,
            reporterId,
            anonymous: input.anonymous,
            supportCount: 1,
            categoryWeight: category.priorityWeight,
          },
          { lat, lng, publicLat: shown.lat, publicLng: shown.lng },
        );
        await manager.insert(ProblemSupportEntity, { problemId: id, userId: reporterId });
        await this.events.publish(manager, new ProblemReported({ problemId: id, reporterId, anonymous: input.anonymous, categoryCode: category.code }));
        return problem;
      },
      (firstId) => this.getById(firstId),
    );
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
