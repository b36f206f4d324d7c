import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@common-ground/shared/config';
import { returning } from '@common-ground/shared/database';
import { CurrencyMismatchError, money, Money, MoneyOverflowError } from '@common-ground/shared/money';
import { fundingTotalsOf } from './solution-funding';
import { SolutionStatus } from './solution-status';

/** A solution as a pledge's transaction sees it: locked, with its pledge currency and totals. */
export interface PledgeableSolution {
  id: string;
  problemId: string;
  proposerId: string;
  status: SolutionStatus;
  hidden: boolean;
  /** The currency pledges toward it are in (solution-funding.ts). */
  currency: string;
  fundingPledged: Money;
  fundingFulfilled: Money;
}

/** A capacity need with its totals. */
export interface CapacityNeedTotals {
  id: string;
  solutionId: string;
  kind: string;
  quantity: number;
  unit: string | null;
  pledged: number;
  fulfilled: number;
}

/** How the funding totals move: signed amounts in the solution's pledge currency (made `signed` to take some away). */
export interface FundingDelta {
  pledged?: Money;
  fulfilled?: Money;
}

/** How a capacity need's totals move: signed whole quantities. */
export interface CapacityDelta {
  pledged?: number;
  fulfilled?: number;
}

interface SolutionRow {
  id: string;
  problem_id: string;
  proposer_id: string;
  status: SolutionStatus;
  hidden: boolean;
  funding_currency: string | null;
  funding_pledged_minor: string;
  funding_fulfilled_minor: string;
}

const LOCK_SOLUTION = `SELECT id, problem_id, proposer_id, status, hidden, funding_currency,
       funding_pledged_minor::text AS funding_pledged_minor, funding_fulfilled_minor::text AS funding_fulfilled_minor
  FROM solutions WHERE id = $1 FOR NO KEY UPDATE`;

/** A stored bigint as a safe integer, exactly (money() refuses one past 2^53 − 1). */
const whole = (text: string): number => Number(text);

/** A total the row now holds, as Money; MoneyOverflowError past 2^53 − 1 (the bigint is exact, its Number is not). */
function exactly(text: string, currency: string, what: string): Money {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || String(value) !== text) throw new MoneyOverflowError(what);
  return money(value, currency);
}

/**
 * The port through which the pledges lib keeps the totals that a solution's row carries
 * (`fundingPledged`, `fundingFulfilled`, each capacity need's `pledged` and `fulfilled`), in the
 * pledge's own transaction, so they are exact and cost no statement to read. The solution is
 * locked first (step 3 of the lock order in shared/database): every write to its pledges,
 * match offers and totals queues on it. Sums use the shared Money arithmetic, which refuses a
 * total past 2^53 − 1 rather than wrap or round.
 */
@Injectable()
export class SolutionPledgeTotals {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Locks the solution for the rest of the transaction (FOR NO KEY UPDATE); null when there is none. */
  async lock(manager: EntityManager, solutionId: string): Promise<PledgeableSolution | null> {
    const [row] = await returning<SolutionRow>(manager, LOCK_SOLUTION, [solutionId]);
    return row ? this.toPledgeable(row) : null;
  }

  /** The solution's capacity needs with their totals, in their order (under the solution's lock). */
  needsOf(manager: EntityManager, solutionId: string): Promise<CapacityNeedTotals[]> {
    return returning<CapacityNeedTotals>(
      manager,
      `SELECT id, solution_id AS "solutionId", kind, quantity, unit, pledged::int8 AS pledged, fulfilled::int8 AS fulfilled
         FROM solution_capacity_needs WHERE solution_id = $1 ORDER BY id`,
      [solutionId],
    ).then((rows) => rows.map((row) => ({ ...row, pledged: Number(row.pledged), fulfilled: Number(row.fulfilled) })));
  }

  /**
   * Moves the funding totals of a solution locked by `lock` in this transaction, in one UPDATE,
   * and returns them as left: a total past 2^53 − 1 is refused by the Money arithmetic
   * (MoneyOverflowError, from the exact bigint the row now holds), which rolls the transaction
   * back; one below zero by the row's check.
   */
  async addFunding(
    manager: EntityManager,
    solution: Pick<PledgeableSolution, 'id' | 'currency'>,
    delta: FundingDelta,
  ): Promise<{ pledged: Money; fulfilled: Money }> {
    const by = (amount?: Money): number => (amount ? money(amount.amountMinor, solution.currency, { signed: true }).amountMinor : 0);
    for (const amount of [delta.pledged, delta.fulfilled])
      if (amount && amount.currency !== solution.currency) throw new CurrencyMismatchError(solution.currency, amount.currency);
    const [row] = await returning<{ pledged: string; fulfilled: string }>(
      manager,
      `UPDATE solutions SET funding_pledged_minor = funding_pledged_minor + $2, funding_fulfilled_minor = funding_fulfilled_minor + $3
        WHERE id = $1 RETURNING funding_pledged_minor::text AS pledged, funding_fulfilled_minor::text AS fulfilled`,
      [solution.id, by(delta.pledged), by(delta.fulfilled)],
    );
    if (!row) throw new Error(`solution ${solution.id} vanished under its lock`);
    return {
      pledged: exactly(row.pledged, solution.currency, 'the money pledged'),
      fulfilled: exactly(row.fulfilled, solution.currency, 'the money fulfilled'),
    };
  }

  /** Moves a capacity need's totals (its solution locked by `lock` in this transaction), in one UPDATE; refused past 2^53 − 1. */
  async addCapacity(manager: EntityManager, needId: string, delta: CapacityDelta): Promise<void> {
    const [row] = await returning<{ pledged: string; fulfilled: string }>(
      manager,
      `UPDATE solution_capacity_needs SET pledged = pledged + $2, fulfilled = fulfilled + $3
        WHERE id = $1 RETURNING pledged::text AS pledged, fulfilled::text AS fulfilled`,
      [needId, delta.pledged ?? 0, delta.fulfilled ?? 0],
    );
    if (!row) throw new Error(`capacity need ${needId} vanished under its solution's lock`);
    // Quantities are summed as exactly as money: refused rather than rounded.
    for (const total of [row.pledged, row.fulfilled]) if (!Number.isSafeInteger(Number(total))) throw new MoneyOverflowError('the total quantity');
  }

  private toPledgeable(row: SolutionRow): PledgeableSolution {
    const totals = fundingTotalsOf(
      {
        fundingCurrency: row.funding_currency,
        fundingPledgedMinor: whole(row.funding_pledged_minor),
        fundingFulfilledMinor: whole(row.funding_fulfilled_minor),
      },
      this.config.defaultCurrency,
    );
    return {
      id: row.id,
      problemId: row.problem_id,
      proposerId: row.proposer_id,
      status: row.status,
      hidden: row.hidden,
      currency: totals.pledged.currency,
      fundingPledged: totals.pledged,
      fundingFulfilled: totals.fulfilled,
    };
  }
}
