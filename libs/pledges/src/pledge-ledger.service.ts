import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { DomainEvents, LeanReader, newId, returning } from '@common-ground/shared/database';
import { add, formatMoney, money, Money, sum } from '@common-ground/shared/money';
import { PledgeableSolution, SolutionPledgeTotals } from '@common-ground/solutions';
import { PledgeChangeEntity, PledgeEntity } from './pledge.entity';
import { isCounted, PledgeKind, PledgeStatus } from './pledge-status';
import { pledgeChanged } from './pledges.events';

/** The columns of a new pledge (its status is PLEDGED). */
export type NewPledge = Pick<
  PledgeEntity,
  | 'solutionId'
  | 'kind'
  | 'amountMinor'
  | 'currency'
  | 'capacityKind'
  | 'quantity'
  | 'unit'
  | 'description'
  | 'capacityNeedId'
  | 'pledgedById'
  | 'organisationId'
  | 'note'
  | 'matchOfferId'
  | 'matchesPledgeId'
>;

/** What a move to FULFILLED writes besides the status. */
export interface Delivery {
  evidence: string | null;
  fulfilledById: string;
}

/** What a pledge promises, for the timeline: "10.00 GBP", "40 hours VOLUNTEER_HOURS". */
export function summaryOf(pledge: Pick<PledgeEntity, 'kind' | 'amountMinor' | 'currency' | 'quantity' | 'unit' | 'capacityKind'>): string {
  if (pledge.kind === PledgeKind.FUNDING) return formatMoney(money(pledge.amountMinor ?? 0, pledge.currency ?? ''));
  return [pledge.quantity, pledge.unit, pledge.capacityKind].filter((part) => part !== null && part !== undefined).join(' ');
}

const amountOf = (pledge: PledgeEntity): Money => money(pledge.amountMinor ?? 0, pledge.currency ?? '');
const negated = (amount: Money): Money => money(-amount.amountMinor, amount.currency, { signed: true });

/**
 * The one writer of pledge rows. Every pledge that opens or moves goes through here, in its
 * solution's transaction (the solution locked first: SolutionPledgeTotals.lock), so that the
 * invariants hold in the same transaction as the rows:
 * - the solution's `fundingPledged` and each need's `pledged` are the sums of its open and
 *   fulfilled pledges, `fundingFulfilled` and `fulfilled` those of its fulfilled ones;
 * - each match offer's `matched` is the sum of its open and fulfilled match pledges;
 * - every change has its row (who, when, from, to) and its domain event (the timeline's).
 */
@Injectable()
export class PledgeLedger {
  private readonly lean: LeanReader<PledgeEntity>;

  constructor(
    @InjectRepository(PledgeEntity) pledges: Repository<PledgeEntity>,
    private readonly totals: SolutionPledgeTotals,
    private readonly events: DomainEvents,
  ) {
    this.lean = new LeanReader(pledges);
  }

  /** Opens a pledge (with the id `id`) toward the locked solution, by `actorId` (for a match, who made its offer). */
  async open(manager: EntityManager, solution: PledgeableSolution, values: NewPledge, actorId: string, id = newId()): Promise<PledgeEntity> {
    const pledge = await this.lean.insert(manager, { id, ...values, status: PledgeStatus.PLEDGED });
    await this.record(manager, [pledge], actorId, null, PledgeStatus.PLEDGED, null);
    await this.count(manager, solution, [pledge], null, PledgeStatus.PLEDGED);
    await this.publish(manager, solution, [pledge], actorId, null);
    return pledge;
  }

  /**
   * Locks pledges of the locked solution by id, ascending (step 4 of the lock order), and
   * returns them. `condition` narrows them (positional parameters after $1, the solution id).
   */
  lock(manager: EntityManager, solutionId: string, condition: string, parameters: unknown[]): Promise<PledgeEntity[]> {
    return this.lean.where(`solution_id = $1 AND (${condition}) ORDER BY id FOR UPDATE`, [solutionId, ...parameters], manager);
  }

  /** Moves open pledges of the locked solution (locked by `lock`) to `to`, with their changes, totals and events. */
  async move(
    manager: EntityManager,
    solution: PledgeableSolution,
    pledges: PledgeEntity[],
    to: PledgeStatus,
    actorId: string | null,
    note: string | null,
    delivery?: Delivery,
  ): Promise<PledgeEntity[]> {
    if (!pledges.length) return [];
    const from = PledgeStatus.PLEDGED;
    const [{ now }] = await returning<{ now: Date }>(
      manager,
      `UPDATE pledges SET status = $2::pledge_status, updated_at = now(),
              fulfilled_at = CASE WHEN $2::pledge_status = 'FULFILLED' THEN now() ELSE fulfilled_at END,
              fulfilled_by_id = CASE WHEN $2::pledge_status = 'FULFILLED' THEN $3::uuid ELSE fulfilled_by_id END,
              evidence = CASE WHEN $2::pledge_status = 'FULFILLED' THEN $4::text ELSE evidence END
        WHERE id = ANY($1::uuid[]) AND status = 'PLEDGED'
        RETURNING now() AS now`,
      [pledges.map((p) => p.id), to, delivery?.fulfilledById ?? null, delivery?.evidence ?? null],
    ).then((rows) => {
      if (rows.length !== pledges.length) throw new Error(`moved ${rows.length} of ${pledges.length} pledges that were locked open`);
      return rows;
    });
    const moved = pledges.map((pledge) =>
      Object.assign(pledge, {
        status: to,
        updatedAt: now,
        ...(to === PledgeStatus.FULFILLED ? { fulfilledAt: now, fulfilledById: delivery?.fulfilledById ?? null, evidence: delivery?.evidence ?? null } : {}),
      }),
    );
    await this.record(manager, moved, actorId, from, to, note);
    await this.count(manager, solution, moved, from, to);
    await this.publish(manager, solution, moved, actorId, from);
    return moved;
  }

  private async record(
    manager: EntityManager,
    pledges: PledgeEntity[],
    actorId: string | null,
    from: PledgeStatus | null,
    to: PledgeStatus,
    note: string | null,
  ) {
    await manager.insert(
      PledgeChangeEntity,
      pledges.map((pledge) => ({ id: newId(), pledgeId: pledge.id, actorId, fromStatus: from, toStatus: to, note })),
    );
  }

  /** Moves the totals and the offers' `matched` by what entering `to` from `from` changes. */
  private async count(manager: EntityManager, solution: PledgeableSolution, pledges: PledgeEntity[], from: PledgeStatus | null, to: PledgeStatus) {
    const wasCounted = from !== null && isCounted(from);
    const pledgedSign = isCounted(to) === wasCounted ? 0 : isCounted(to) ? 1 : -1;
    const fulfilledSign = to === PledgeStatus.FULFILLED && from !== PledgeStatus.FULFILLED ? 1 : 0;
    if (pledgedSign === 0 && fulfilledSign === 0) return;

    const funding = pledges.filter((p) => p.kind === PledgeKind.FUNDING);
    if (funding.length) {
      const total = sum(funding.map(amountOf), solution.currency);
      await this.totals.addFunding(manager, solution, {
        pledged: pledgedSign ? (pledgedSign > 0 ? total : negated(total)) : undefined,
        fulfilled: fulfilledSign ? total : undefined,
      });
      if (pledgedSign) await this.moveMatched(manager, funding, pledgedSign);
    }
    const byNeed = new Map<string, number>();
    for (const pledge of pledges) {
      if (pledge.kind !== PledgeKind.CAPACITY || !pledge.capacityNeedId) continue;
      byNeed.set(pledge.capacityNeedId, (byNeed.get(pledge.capacityNeedId) ?? 0) + (pledge.quantity ?? 0));
    }
    for (const [needId, quantity] of [...byNeed].sort(([a], [b]) => (a < b ? -1 : 1))) {
      await this.totals.addCapacity(manager, needId, { pledged: pledgedSign * quantity, fulfilled: fulfilledSign * quantity });
    }
  }

  /** The offers' `matched`, in the order they were made; refused past the cap by the table's check. */
  private async moveMatched(manager: EntityManager, pledges: PledgeEntity[], sign: 1 | -1) {
    const byOffer = new Map<string, Money>();
    for (const pledge of pledges) {
      if (!pledge.matchOfferId) continue;
      const before = byOffer.get(pledge.matchOfferId);
      byOffer.set(pledge.matchOfferId, before ? add(before, amountOf(pledge)) : amountOf(pledge));
    }
    if (!byOffer.size) return;
    const offers = await returning<{ id: string; matched_minor: string; currency: string }>(
      manager,
      'SELECT id, matched_minor::text AS matched_minor, currency FROM match_offers WHERE id = ANY($1::uuid[]) ORDER BY created_at, id FOR UPDATE',
      [[...byOffer.keys()]],
    );
    for (const offer of offers) {
      const delta = byOffer.get(offer.id) as Money;
      const matched = money(add(money(Number(offer.matched_minor), offer.currency), sign > 0 ? delta : negated(delta)).amountMinor, offer.currency);
      await manager.query('UPDATE match_offers SET matched_minor = $2 WHERE id = $1', [offer.id, matched.amountMinor]);
    }
  }

  private async publish(manager: EntityManager, solution: PledgeableSolution, pledges: PledgeEntity[], actorId: string | null, from: PledgeStatus | null) {
    for (const pledge of pledges) {
      await this.events.publish(
        manager,
        pledgeChanged({
          pledgeId: pledge.id,
          solutionId: solution.id,
          problemId: solution.problemId,
          actorId,
          from,
          to: pledge.status,
          summary: summaryOf(pledge),
          organisationId: pledge.organisationId,
          matchesPledgeId: pledge.matchesPledgeId,
        }),
      );
    }
  }
}
