import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@common-ground/shared/config';
import { LeanReader, newId } from '@common-ground/shared/database';
import { ColumnKey, ConnectionShape, firstPages, keysetPage, NotFoundError, Page, sortKeysFor } from '@common-ground/shared/graphql';
import { CreateOptions, IdempotencyKeys } from '@common-ground/shared/idempotency';
import { money, Money } from '@common-ground/shared/money';
import { OrganisationService } from '@common-ground/identity';
import { PledgeableSolution, SolutionPledgeTotals } from '@common-ground/solutions';
import { MatchFundingService } from './match-funding.service';
import { PledgeChangeEntity, PledgeEntity } from './pledge.entity';
import { Amount, CreatePledge, PageQuery, PledgeCapacity } from './pledge.commands';
import { NewPledge, PledgeLedger } from './pledge-ledger.service';
import { CLOSED_FOR_PLEDGES, PledgeKind } from './pledge-status';
import { PledgesReason, refusedField, SolutionClosedForPledgesError } from './pledges.exception';
import { checkedAmount, inSolutionCurrency } from './pledge-amount';

/** Newest first, served by (solution_id | organisation_id, created_at, id). */
export const PLEDGE_ORDER_KEYS: readonly ColumnKey[] = [
  { column: 'created_at', direction: 'DESC', type: 'timestamptz' },
  { column: 'id', direction: 'DESC', type: 'uuid' },
];

/** Which list of pledges: a solution's or an organisation's. */
export type PledgeList = 'solution' | 'organisation';
const LIST_COLUMN: Readonly<Record<PledgeList, string>> = { solution: 'solution_id', organisation: 'organisation_id' };

/** What an organisation has pledged (open and fulfilled) and fulfilled, per currency. */
export interface PledgeTotals {
  pledged: Money[];
  fulfilled: Money[];
}

/** Making pledges and reading them. */
@Injectable()
export class PledgeService {
  private readonly lean: LeanReader<PledgeEntity>;

  constructor(
    @InjectRepository(PledgeEntity) private readonly pledges: Repository<PledgeEntity>,
    @InjectRepository(PledgeChangeEntity) private readonly changes: Repository<PledgeChangeEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly organisations: OrganisationService,
    private readonly totals: SolutionPledgeTotals,
    private readonly ledger: PledgeLedger,
    private readonly matching: MatchFundingService,
    private readonly idempotency: IdempotencyKeys,
  ) {
    this.lean = new LeanReader(pledges);
  }

  findByIds(ids: readonly string[]): Promise<PledgeEntity[]> {
    return ids.length ? this.lean.where('id = ANY($1::uuid[])', [[...ids]]) : Promise.resolve([]);
  }

  async getById(id: string): Promise<PledgeEntity> {
    const [pledge] = await this.findByIds([id]);
    if (!pledge) throw new NotFoundError('Pledge', id);
    return pledge;
  }

  /**
   * FUNDING with an amount in the solution's pledge currency, or CAPACITY: exactly one, as
   * `kind` says. By any signed-in user for themselves, or on behalf of an organisation by its
   * members. A resident's own FUNDING pledge is matched by the solution's match offers in the
   * same transaction. With an idempotency key, a retry returns the first pledge.
   */
  async create(pledgerId: string, command: CreatePledge, options: CreateOptions = {}): Promise<PledgeEntity> {
    const amount = this.checkShape(command);
    if (command.organisationId) await this.organisations.assertMember(command.organisationId, pledgerId);
    const id = newId();
    const request = { userId: pledgerId, key: options.idempotencyKey, operation: 'createPledge', input: command };
    return this.idempotency.create(
      request,
      id,
      async (manager) => {
        const solution = await this.totals.lock(manager, command.solutionId);
        if (!solution) throw new NotFoundError('Solution', command.solutionId);
        if (CLOSED_FOR_PLEDGES.includes(solution.status)) throw new SolutionClosedForPledgesError(solution.status);
        const common = {
          solutionId: solution.id,
          pledgedById: pledgerId,
          organisationId: command.organisationId ?? null,
          note: command.note ?? null,
          matchOfferId: null,
          matchesPledgeId: null,
        };
        const values: NewPledge = amount
          ? { ...common, ...NO_CAPACITY, kind: PledgeKind.FUNDING, ...this.fundingColumns(inSolutionCurrency(amount, solution, 'amount')) }
          : {
              ...common,
              kind: PledgeKind.CAPACITY,
              amountMinor: null,
              currency: null,
              ...(await this.capacityColumns(manager, solution, command.capacity as PledgeCapacity)),
            };
        const pledge = await this.ledger.open(manager, solution, values, pledgerId, id);
        if (pledge.kind === PledgeKind.FUNDING && !pledge.organisationId) await this.matching.matchPledge(manager, solution, pledge);
        return pledge;
      },
      (firstId) => this.getById(firstId),
    );
  }

  /** A page of a solution's or an organisation's pledges, newest first (pages after the first). */
  page(list: PledgeList, id: string, args: PageQuery): Promise<ConnectionShape<PledgeEntity>> {
    const query = this.pledges.createQueryBuilder('p').where(`p.${LIST_COLUMN[list]} = :id`, { id });
    return keysetPage(query, sortKeysFor('p', PLEDGE_ORDER_KEYS), args);
  }

  /** The first page of each solution's or organisation's pledges, in one statement. */
  firstPages(list: PledgeList, ids: readonly string[], first: number): Promise<Page<PledgeEntity>[]> {
    return firstPages(this.pledges, LIST_COLUMN[list], ids, PLEDGE_ORDER_KEYS, first);
  }

  /** How many pledges each solution or organisation has (every status). */
  async countBy(list: PledgeList, ids: readonly string[]): Promise<Map<string, number>> {
    if (!ids.length) return new Map();
    const column = LIST_COLUMN[list];
    const rows: { id: string; n: number }[] = await this.pledges.query(
      `SELECT ${column} AS id, count(*)::int AS n FROM pledges WHERE ${column} = ANY($1::uuid[]) GROUP BY ${column}`,
      [[...ids]],
    );
    return new Map(rows.map((row) => [row.id, row.n]));
  }

  /** Each organisation's totals, per currency (in currency order); exact, refused past 2^53 − 1. */
  async totalsOf(organisationIds: readonly string[]): Promise<Map<string, PledgeTotals>> {
    const found = new Map<string, PledgeTotals>(organisationIds.map((id) => [id, { pledged: [], fulfilled: [] }]));
    if (!organisationIds.length) return found;
    const rows: { organisation_id: string; currency: string; pledged: string; fulfilled: string }[] = await this.pledges.query(
      `SELECT organisation_id, currency,
              (sum(amount_minor) FILTER (WHERE status IN ('PLEDGED', 'FULFILLED')))::text AS pledged,
              (sum(amount_minor) FILTER (WHERE status = 'FULFILLED'))::text AS fulfilled
         FROM pledges
        WHERE organisation_id = ANY($1::uuid[]) AND kind = 'FUNDING'
        GROUP BY organisation_id, currency
        ORDER BY organisation_id, currency`,
      [[...organisationIds]],
    );
    for (const row of rows) {
      const totals = found.get(row.organisation_id);
      if (!totals) continue;
      if (row.pledged !== null) totals.pledged.push(money(Number(row.pledged), row.currency));
      if (row.fulfilled !== null) totals.fulfilled.push(money(Number(row.fulfilled), row.currency));
    }
    return found;
  }

  /** Each pledge's changes, oldest first. */
  historyOf(pledgeIds: readonly string[]): Promise<PledgeChangeEntity[]> {
    if (!pledgeIds.length) return Promise.resolve([]);
    return this.changes
      .createQueryBuilder('c')
      .where('c.pledge_id = ANY(:ids)', { ids: [...pledgeIds] })
      .orderBy('c.pledge_id')
      .addOrderBy('c.at')
      .addOrderBy('c.id')
      .getMany();
  }

  /** Exactly one of amount and capacity, as `kind` says; the amount within the limit. Returns the amount of a FUNDING pledge. */
  private checkShape(command: CreatePledge): Money | null {
    const hasAmount = command.amount !== undefined && command.amount !== null;
    const hasCapacity = command.capacity !== undefined && command.capacity !== null;
    if (command.kind === PledgeKind.FUNDING) {
      if (!hasAmount) throw refusedField('amount', 'is required for a FUNDING pledge', PledgesReason.PLEDGE_PART_MISSING);
      if (hasCapacity) throw refusedField('capacity', 'must be left out of a FUNDING pledge', PledgesReason.PLEDGE_PART_NOT_ALLOWED);
      return checkedAmount(command.amount as Amount, this.config.pledges.amountMaxMinor, 'amount');
    }
    if (!hasCapacity) throw refusedField('capacity', 'is required for a CAPACITY pledge', PledgesReason.PLEDGE_PART_MISSING);
    if (hasAmount) throw refusedField('amount', 'must be left out of a CAPACITY pledge', PledgesReason.PLEDGE_PART_NOT_ALLOWED);
    return null;
  }

  private fundingColumns(amount: Money): Pick<NewPledge, 'amountMinor' | 'currency'> {
    return { amountMinor: amount.amountMinor, currency: amount.currency };
  }

  /** The need it counts toward: the one named (else CAPACITY_NEED_NOT_FOUND), or the first of its kind, or none. */
  private async capacityColumns(manager: EntityManager, solution: PledgeableSolution, capacity: PledgeCapacity) {
    const needs = await this.totals.needsOf(manager, solution.id);
    const need = capacity.needId ? needs.find((n) => n.id === capacity.needId) : needs.find((n) => n.kind.toUpperCase() === capacity.kind);
    if (capacity.needId && !need) {
      throw refusedField('capacity.needId', 'is not a capacity need of this solution', PledgesReason.CAPACITY_NEED_NOT_FOUND);
    }
    return {
      capacityKind: capacity.kind,
      quantity: capacity.quantity,
      unit: capacity.unit ?? need?.unit ?? null,
      description: capacity.description ?? null,
      capacityNeedId: need?.id ?? null,
    };
  }
}

const NO_CAPACITY = { capacityKind: null, quantity: null, unit: null, description: null, capacityNeedId: null } as const;
