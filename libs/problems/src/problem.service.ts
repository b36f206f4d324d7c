import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuthenticatedUser, hasAnyRole, MODERATOR_ROLES, OFFICER_ROLES } from '@common-ground/shared/auth';
import { anyOf, DomainEvents, LeanReader, newId, returning, setHiddenColumn } from '@common-ground/shared/database';
import { BadUserInputError, ConnectionShape, keysetPage, NotFoundError, SortKey } from '@common-ground/shared/graphql';
import { CreateOptions, IdempotencyKeys } from '@common-ground/shared/idempotency';
import { AreaService } from './area.service';
import { CategoryEntity } from './category.entity';
import { coarsen } from './geo';
import { ProblemAnalysisEntity, ProblemEntity, ProblemSupportEntity } from './problem.entity';
import { inVisibleAreaSql, readsExactPlaces } from './problem-visibility';
import { OPEN_STATUSES, PRIORITY_STATUSES, ProblemStatus } from './problem-status';
import { ListProblems, ProblemOrder, ReportProblem, ResponseFacts } from './problem.commands';
import { matchableBy, nearestPage, searchPage } from './problem-search';
import { ProblemReported } from './problems.events';

/** Within this distance, open problems with a similar title are offered to support instead. */
export const SIMILAR_RADIUS_METRES = 500;
export const SIMILAR_LIMIT = 10;
/** Reporting and finding problems. */
@Injectable()
export class ProblemService {
  /** Problems by id in plain SQL (the hot single reads: problem(id), loaders). */
  private readonly lean: LeanReader<ProblemEntity>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(ProblemEntity) private readonly problems: Repository<ProblemEntity>,
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

  /**
   * Filtered, ordered, keyset-paged (the search and nearest-first pages: problem-search.ts). Officers search on exact points; everyone else on the
   * public ones, so a sensitive problem's exact place cannot be found by probing radii.
   */
  list(args: ListProblems, viewer?: AuthenticatedUser): Promise<ConnectionShape<ProblemEntity>> {
    const filter = args.filter ?? {};
    const order = args.orderBy ?? ProblemOrder.NEWEST;
    const earth = readsExactPlaces(viewer) ? 'p.location_earth' : 'p.public_earth';
    const query = this.problems.createQueryBuilder('p');
    if (filter.areaId) {
      const inArea = inVisibleAreaSql(viewer);
      query.andWhere(inArea.sql, { ...inArea.parameters, areaId: filter.areaId });
    }
    if (filter.statuses?.length) query.andWhere('p.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter.categoryCodes?.length) query.andWhere('p.category_code IN (:...categoryCodes)', { categoryCodes: filter.categoryCodes });
    if (!filter.near) {
      if (order === ProblemOrder.NEAREST) throw BadUserInputError.field('orderBy', 'NEAREST needs filter.near');
      if (filter.search) return searchPage(this.problems, query, filter.search, this.sortKeys(order), args, viewer);
      return keysetPage(query, this.sortKeys(order), args);
    }
    if (filter.search) {
      query.andWhere(`p.search_vector @@ websearch_to_tsquery('english', :search)`, { search: filter.search });
      matchableBy(query, viewer);
    }

    const near = { nearLat: filter.near.lat, nearLng: filter.near.lng, radius: filter.near.radiusMeters };
    query.setParameters(near);
    const withinRadius = query
      .clone()
      .andWhere(`earth_box(ll_to_earth(:nearLat, :nearLng), :radius) @> ${earth}`)
      .andWhere(`earth_distance(ll_to_earth(:nearLat, :nearLng), ${earth}) <= :radius`);
    if (order !== ProblemOrder.NEAREST) return keysetPage(withinRadius, this.sortKeys(order), args);
    return nearestPage(query, withinRadius, earth, args);
  }

  private sortKeys(order: Exclude<ProblemOrder, ProblemOrder.NEAREST>): SortKey[] {
    const id = (direction: 'ASC' | 'DESC'): SortKey => ({ expression: 'p.id', direction, type: 'uuid' });
    switch (order) {
      case ProblemOrder.MOST_SUPPORTED:
        return [{ expression: 'p.support_count', direction: 'DESC', type: 'int' }, id('DESC')];
      case ProblemOrder.PRIORITY:
        return [{ expression: 'p.priority', direction: 'DESC', type: 'float8' }, id('DESC')];
      case ProblemOrder.NEWEST:
        return [{ expression: 'p.reported_at', direction: 'DESC', type: 'timestamptz' }, id('DESC')];
    }
  }

  /**
   * Open problems near a point whose titles look alike (trigram similarity), most alike first.
   * Hidden ones only for moderators and their reporters (see matchableBy in problem-search.ts).
   */
  async similar(title: string, location: { lat: number; lng: number }, viewer?: AuthenticatedUser): Promise<ProblemEntity[]> {
    const earth = hasAnyRole(viewer, OFFICER_ROLES) ? 'location_earth' : 'public_earth';
    const seesHidden = hasAnyRole(viewer, MODERATOR_ROLES);
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM problems
        WHERE status = ANY($1::problem_status[])
          AND earth_box(ll_to_earth($2, $3), $4) @> ${earth}
          AND earth_distance(ll_to_earth($2, $3), ${earth}) <= $4
          AND similarity(title, $5) >= 0.3
          AND ($7::boolean OR NOT hidden OR reporter_id = $8::uuid)
        ORDER BY similarity(title, $5) DESC, support_count DESC, id
        LIMIT $6`,
      [OPEN_STATUSES, location.lat, location.lng, SIMILAR_RADIUS_METRES, title, SIMILAR_LIMIT, seesHidden, viewer?.id ?? null],
    );
    const found = new Map((await this.findByIds(rows.map((r) => r.id))).map((p) => [p.id, p]));
    return rows.flatMap((row) => found.get(row.id) ?? []);
  }

  /**
   * The local team's priorities: problems in ANALYSIS or RESPONSE in the area (as the viewer
   * sees areas: the public by public points), by priority.
   */
  priorities(areaId: string, viewer?: AuthenticatedUser, limit = 20): Promise<ProblemEntity[]> {
    const inArea = inVisibleAreaSql(viewer);
    return this.problems
      .createQueryBuilder('p')
      .where(inArea.sql, { ...inArea.parameters, areaId })
      .andWhere('p.status IN (:...statuses)', { statuses: [...PRIORITY_STATUSES] })
      .orderBy('p.priority', 'DESC')
      .addOrderBy('p.id', 'DESC')
      .limit(limit)
      .getMany();
  }

  /**
   * An officer's queue: open problems in the areas they are assigned to that they lead or that
   * nobody leads, highest priority first (the problems(orderBy: PRIORITY) order).
   */
  queue(officerId: string, args: { first?: number; after?: string }): Promise<ConnectionShape<ProblemEntity>> {
    const query = this.problems
      .createQueryBuilder('p')
      .where('p.area_id IN (SELECT ao.area_id FROM area_officers ao WHERE ao.user_id = :officerId)', { officerId })
      .andWhere('p.status IN (:...statuses)', { statuses: [...OPEN_STATUSES] })
      .andWhere('(p.lead_officer_id IS NULL OR p.lead_officer_id = :officerId)');
    return keysetPage(query, this.sortKeys(ProblemOrder.PRIORITY), args);
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
