import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@common-ground/shared/config';
import { anyOf, DomainEvents, LeanReader, newId } from '@common-ground/shared/database';
import { BadUserInputError, ColumnKey, ConnectionShape, firstPages, keysetPage, NotFoundError, Page, sortKeysFor } from '@common-ground/shared/graphql';
import { CreateOptions, IdempotencyKeys } from '@common-ground/shared/idempotency';
import { OrganisationService } from '@common-ground/identity';
import { ProblemService } from '@common-ground/problems';
import { SolutionCapacityNeedEntity, SolutionEntity } from './solution.entity';
import { PageQuery, ProposeSolution } from './solution.commands';
import { CLOSED_FOR_SOLUTIONS, SolutionStatus } from './solution-status';
import { SolutionProposed } from './solutions.events';
import { NotAnOrganisationMemberError, ProblemClosedForSolutionsError } from './solutions.exception';
import { SolutionOrder } from './ranking';

/** The keys of each order; TOP is served by (problem_id, score, id), NEWEST by (problem_id, created_at, id). */
export const SOLUTION_ORDER_KEYS: Readonly<Record<SolutionOrder, readonly ColumnKey[]>> = {
  [SolutionOrder.TOP]: [
    { column: 'score', direction: 'DESC', type: 'float8' },
    { column: 'id', direction: 'DESC', type: 'uuid' },
  ],
  [SolutionOrder.NEWEST]: [
    { column: 'created_at', direction: 'DESC', type: 'timestamptz' },
    { column: 'id', direction: 'DESC', type: 'uuid' },
  ],
};

/** Proposing solutions and reading them. */
@Injectable()
export class SolutionService {
  /** Solutions by id in plain SQL (the hot single reads and the loader). */
  private readonly lean: LeanReader<SolutionEntity>;

  constructor(
    @InjectRepository(SolutionEntity) private readonly solutions: Repository<SolutionEntity>,
    @InjectRepository(SolutionCapacityNeedEntity) private readonly needs: Repository<SolutionCapacityNeedEntity>,
    private readonly organisations: OrganisationService,
    private readonly events: DomainEvents,
    private readonly problems: ProblemService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly idempotency: IdempotencyKeys,
  ) {
    this.lean = new LeanReader(solutions);
  }

  async findById(id: string): Promise<SolutionEntity | null> {
    const [solution] = await this.lean.where('id = $1', [id]);
    return solution ?? null;
  }

  async getById(id: string): Promise<SolutionEntity> {
    const solution = await this.findById(id);
    if (!solution) throw new NotFoundError('Solution', id);
    return solution;
  }

  findByIds(ids: readonly string[]): Promise<SolutionEntity[]> {
    return ids.length ? this.lean.where('id = ANY($1::uuid[])', [[...ids]]) : Promise.resolve([]);
  }

  // For the actions lib, which reads solutions only through this service.

  /**
   * In a transaction that ties an action to a solution, after its problem was locked: takes a
   * shared lock on the solution (step 3 of the lock order, so it cannot be rejected meanwhile) and
   * returns its problem and status (null: no such solution).
   */
  async lockForShare(manager: EntityManager, solutionId: string): Promise<{ problemId: string; status: SolutionStatus } | null> {
    const [row]: { problem_id: string; status: SolutionStatus }[] = await manager.query('SELECT problem_id, status FROM solutions WHERE id = $1 FOR SHARE', [
      solutionId,
    ]);
    return row ? { problemId: row.problem_id, status: row.status } : null;
  }

  /** Whether the organisation proposed a solution for the problem (it is part of that response). */
  async proposedByOrganisation(manager: EntityManager, problemId: string, organisationId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query('SELECT 1 FROM solutions WHERE problem_id = $1 AND organisation_id = $2 LIMIT 1', [problemId, organisationId]);
    return rows.length > 0;
  }

  /**
   * By any signed-in user; on behalf of an organisation only by its members. Answered from what
   * its transaction wrote; with an idempotency key, a retry returns the first solution.
   */
  async propose(proposerId: string, input: ProposeSolution, options: CreateOptions = {}): Promise<SolutionEntity> {
    const max = this.config.solutions.fundingGoalMaxMinor;
    if (input.fundingGoal && input.fundingGoal.amountMinor > max) {
      throw BadUserInputError.field('fundingGoal.amountMinor', `must be at most ${max} minor units`);
    }
    if (input.organisationId) await this.assertMember(input.organisationId, proposerId);
    const id = newId();
    const request = { userId: proposerId, key: options.idempotencyKey, operation: 'proposeSolution', input };
    return this.idempotency.create(
      request,
      id,
      async (manager) => {
        // Counted first (the problem's lock comes before anything under it); a refusal below rolls the count back with the rest.
        const status = await this.problems.countSolution(manager, input.problemId);
        if (!status) throw new NotFoundError('Problem', input.problemId);
        if (CLOSED_FOR_SOLUTIONS.includes(status)) {
          throw new ProblemClosedForSolutionsError(status);
        }
        const solution = await this.lean.insert(manager, {
          id,
          problemId: input.problemId,
          title: input.title,
          description: input.description,
          proposerId,
          organisationId: input.organisationId ?? null,
          status: SolutionStatus.PROPOSED,
          fundingGoalMinor: input.fundingGoal?.amountMinor ?? null,
          fundingCurrency: input.fundingGoal?.currency ?? null,
        });
        const needs = input.capacityNeeds ?? [];
        if (needs.length) {
          await manager.insert(
            SolutionCapacityNeedEntity,
            needs.map((need) => ({ id: newId(), solutionId: id, kind: need.kind, quantity: need.quantity, unit: need.unit ?? null })),
          );
        }
        await this.events.publish(
          manager,
          new SolutionProposed({ solutionId: id, problemId: input.problemId, proposerId, organisationId: input.organisationId ?? null }),
        );
        return solution;
      },
      (firstId) => this.getById(firstId),
    );
  }

  /** One problem's solutions, keyset-paged (used for pages after the first). */
  page(problemId: string, order: SolutionOrder, args: PageQuery): Promise<ConnectionShape<SolutionEntity>> {
    const query = this.solutions.createQueryBuilder('s').where('s.problem_id = :problemId', { problemId });
    return keysetPage(query, sortKeysFor('s', SOLUTION_ORDER_KEYS[order]), args);
  }

  /** The first page of solutions of each problem, in one statement. */
  firstPages(problemIds: readonly string[], order: SolutionOrder, first: number): Promise<Page<SolutionEntity>[]> {
    return firstPages(this.solutions, 'problem_id', problemIds, SOLUTION_ORDER_KEYS[order], first);
  }

  capacityNeedsOf(solutionIds: readonly string[]): Promise<SolutionCapacityNeedEntity[]> {
    return solutionIds.length ? this.needs.find({ where: { solutionId: anyOf(solutionIds) }, order: { solutionId: 'ASC', id: 'ASC' } }) : Promise.resolve([]);
  }

  /** The organisation must exist (NOT_FOUND) and the user be its OWNER or MEMBER. */
  private async assertMember(organisationId: string, userId: string): Promise<void> {
    await this.organisations.getById(organisationId);
    if (!(await this.organisations.membershipOf(organisationId, userId))) throw new NotAnOrganisationMemberError();
  }
}
