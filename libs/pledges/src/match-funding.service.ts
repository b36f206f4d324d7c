import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@common-ground/shared/config';
import { DomainEvents, inTransaction, LeanReader, newId, returning } from '@common-ground/shared/database';
import { NotFoundError } from '@common-ground/shared/graphql';
import { formatMoney, money } from '@common-ground/shared/money';
import { OrganisationService } from '@common-ground/identity';
import { PledgeableSolution, SolutionPledgeTotals } from '@common-ground/solutions';
import { planMatches } from './match-funding';
import { MatchOfferEntity } from './match-offer.entity';
import { PledgeEntity } from './pledge.entity';
import { OfferMatchFunding } from './pledge.commands';
import { PledgeLedger } from './pledge-ledger.service';
import { checkedAmount, inSolutionCurrency } from './pledge-amount';
import { CLOSED_FOR_PLEDGES, PledgeKind } from './pledge-status';
import { MatchFundingOffered } from './pledges.events';
import { SolutionClosedForPledgesError } from './pledges.exception';

interface OfferRow {
  id: string;
  organisation_id: string;
  offered_by_id: string;
  cap_minor: string;
  matched_minor: string;
  currency: string;
  ratio: number;
}

/** Organisations' match offers, and the match pledges they make. */
@Injectable()
export class MatchFundingService {
  private readonly lean: LeanReader<MatchOfferEntity>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(MatchOfferEntity) offers: Repository<MatchOfferEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly organisations: OrganisationService,
    private readonly totals: SolutionPledgeTotals,
    private readonly ledger: PledgeLedger,
    private readonly events: DomainEvents,
  ) {
    this.lean = new LeanReader(offers);
  }

  /**
   * By an OWNER or MEMBER of the organisation, on a solution still taking pledges: a cap in the
   * solution's pledge currency (at most the pledge limit) and a ratio. It matches the resident
   * pledges made after it; returns the solution's id.
   */
  async offer(actorId: string, command: OfferMatchFunding): Promise<MatchOfferEntity> {
    const cap = checkedAmount(command.cap, this.config.pledges.amountMaxMinor, 'cap');
    await this.organisations.assertMember(command.organisationId, actorId);
    const ratio = command.ratio ?? 1;
    return inTransaction(this.dataSource, async (manager) => {
      const solution = await this.totals.lock(manager, command.solutionId);
      if (!solution) throw new NotFoundError('Solution', command.solutionId);
      if (CLOSED_FOR_PLEDGES.includes(solution.status)) throw new SolutionClosedForPledgesError(solution.status);
      inSolutionCurrency(cap, solution, 'cap');
      const offer = await this.lean.insert(manager, {
        id: newId(),
        solutionId: solution.id,
        organisationId: command.organisationId,
        offeredById: actorId,
        capMinor: cap.amountMinor,
        currency: cap.currency,
        ratio,
        matchedMinor: 0,
      });
      await this.events.publish(
        manager,
        new MatchFundingOffered({
          offerId: offer.id,
          solutionId: solution.id,
          problemId: solution.problemId,
          organisationId: command.organisationId,
          actorId,
          summary: `${ratio}:1 up to ${formatMoney(cap)}`,
        }),
      );
      return offer;
    });
  }

  /**
   * The match pledges a resident's own FUNDING pledge earns (match-funding.ts), made in its
   * transaction under the solution's lock: the offers with room left are locked in the order
   * they were made, and each match raises its offer's `matched` (never past the cap).
   */
  async matchPledge(manager: EntityManager, solution: PledgeableSolution, pledge: PledgeEntity): Promise<PledgeEntity[]> {
    if (pledge.kind !== PledgeKind.FUNDING || pledge.organisationId || pledge.amountMinor === null || pledge.currency === null) return [];
    const rows = await returning<OfferRow>(
      manager,
      `SELECT id, organisation_id, offered_by_id, cap_minor::text AS cap_minor, matched_minor::text AS matched_minor, currency, ratio
         FROM match_offers WHERE solution_id = $1 AND matched_minor < cap_minor ORDER BY created_at, id FOR UPDATE`,
      [solution.id],
    );
    if (!rows.length) return [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    const plan = planMatches(
      money(pledge.amountMinor, pledge.currency),
      rows.map((row) => ({
        id: row.id,
        ratio: row.ratio,
        cap: money(Number(row.cap_minor), row.currency),
        matched: money(Number(row.matched_minor), row.currency),
      })),
    );
    const made: PledgeEntity[] = [];
    for (const match of plan) {
      const offer = byId.get(match.offerId) as OfferRow;
      made.push(
        await this.ledger.open(
          manager,
          solution,
          {
            solutionId: solution.id,
            kind: PledgeKind.FUNDING,
            amountMinor: match.amount.amountMinor,
            currency: match.amount.currency,
            capacityKind: null,
            quantity: null,
            unit: null,
            description: null,
            capacityNeedId: null,
            pledgedById: offer.offered_by_id,
            organisationId: offer.organisation_id,
            note: null,
            matchOfferId: offer.id,
            matchesPledgeId: pledge.id,
          },
          // Made on its offer's terms: its actor is who made the offer.
          offer.offered_by_id,
        ),
      );
    }
    return made;
  }

  /** The offers on each solution, in the order they were made. */
  offersOf(solutionIds: readonly string[]): Promise<MatchOfferEntity[]> {
    return solutionIds.length ? this.lean.where('solution_id = ANY($1::uuid[]) ORDER BY solution_id, created_at, id', [[...solutionIds]]) : Promise.resolve([]);
  }
}
