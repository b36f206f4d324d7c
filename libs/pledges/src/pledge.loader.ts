import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { byKey, connection, ConnectionShape, grouped, perRequest } from '@common-ground/shared/graphql';
import { MatchOfferEntity } from './match-offer.entity';
import { MatchFundingService } from './match-funding.service';
import { PledgeChangeEntity, PledgeEntity } from './pledge.entity';
import { PledgeList, PledgeService, PledgeTotals } from './pledge.service';

/**
 * Per-request DataLoaders of the pledges lib: a page of solutions with their first pledges,
 * match offers and totals costs one statement per kind of thing, whatever the page size. First
 * pages are batched only with lists of the same kind and size.
 */
@Injectable()
export class PledgesLoader {
  constructor(
    private readonly pledges: PledgeService,
    private readonly matching: MatchFundingService,
  ) {}

  pledge(request: object): DataLoader<string, PledgeEntity | null> {
    return perRequest(
      request,
      'pledges-by-id',
      () =>
        new DataLoader(
          byKey(
            (ids) => this.pledges.findByIds(ids),
            (p) => p.id,
          ),
        ),
    );
  }

  /** The first page of each solution's or organisation's pledges, newest first; its totalCount is counted when read. */
  firstPledges(request: object, list: PledgeList, first: number): DataLoader<string, ConnectionShape<PledgeEntity>> {
    return perRequest(
      request,
      `pledges-first:${list}:${first}`,
      () =>
        new DataLoader(async (ids: readonly string[]) =>
          (await this.pledges.firstPages(list, ids, first)).map((page, i) =>
            connection(page.edges, page.pageInfo, () => this.pledgeCount(request, list).load(ids[i])),
          ),
        ),
    );
  }

  pledgeCount(request: object, list: PledgeList): DataLoader<string, number> {
    return perRequest(
      request,
      `pledge-counts:${list}`,
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const counts = await this.pledges.countBy(list, ids);
          return ids.map((id) => counts.get(id) ?? 0);
        }),
    );
  }

  history(request: object): DataLoader<string, PledgeChangeEntity[]> {
    return perRequest(
      request,
      'pledge-history',
      () =>
        new DataLoader(
          grouped(
            (ids) => this.pledges.historyOf(ids),
            (change) => change.pledgeId,
          ),
        ),
    );
  }

  matchOffers(request: object): DataLoader<string, MatchOfferEntity[]> {
    return perRequest(
      request,
      'match-offers',
      () =>
        new DataLoader(
          grouped(
            (ids) => this.matching.offersOf(ids),
            (offer) => offer.solutionId,
          ),
        ),
    );
  }

  organisationTotals(request: object): DataLoader<string, PledgeTotals> {
    return perRequest(
      request,
      'organisation-pledge-totals',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const totals = await this.pledges.totalsOf(ids);
          return ids.map((id) => totals.get(id) ?? { pledged: [], fulfilled: [] });
        }),
    );
  }
}
