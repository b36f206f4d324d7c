import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProblemsModule } from '@common-ground/problems';
import { SolutionsModule } from '@common-ground/solutions';
import { MatchFundingService } from './match-funding.service';
import { MatchOfferEntity } from './match-offer.entity';
import { MatchOfferResolver } from './match-offer.resolver';
import { OrganisationPledgesResolver } from './organisation-pledges.resolver';
import { PledgeChangeEntity, PledgeEntity } from './pledge.entity';
import { PledgeLedger } from './pledge-ledger.service';
import { PledgeLifecycleService } from './pledge-lifecycle.service';
import { PledgesLoader } from './pledge.loader';
import { PledgeStatsService } from './pledge-stats.service';
import { MatchOfferOrganisationPlanner, SolutionMatchOffersPlanner } from './match-offer.planner';
import { PledgeChangeResolver, PledgeResolver } from './pledge.resolver';
import { PledgeService } from './pledge.service';
import { PledgeTimelineListener } from './pledge-timeline.listener';
import { SolutionPledgesResolver } from './solution-pledges.resolver';
import { SolutionRejectedListener } from './solution-rejected.listener';

export const PLEDGES_ENTITIES = [PledgeEntity, PledgeChangeEntity, MatchOfferEntity];
export const PLEDGES_RESOLVERS = [PledgeResolver, PledgeChangeResolver, SolutionPledgesResolver, OrganisationPledgesResolver, MatchOfferResolver];

/** Funding and capacity pledges toward solutions, their totals and lifecycle, and match funding. */
@Module({
  imports: [TypeOrmModule.forFeature(PLEDGES_ENTITIES), ProblemsModule, SolutionsModule],
  providers: [
    ...PLEDGES_RESOLVERS,
    MatchFundingService,
    PledgeLedger,
    PledgeLifecycleService,
    PledgeService,
    PledgesLoader,
    // The pledges' part of the engagement statistics (the actions lib's PLEDGE_STATS port).
    PledgeStatsService,
    // Fields planned into solution reads (found by FieldPlans through @PlansField).
    SolutionMatchOffersPlanner,
    MatchOfferOrganisationPlanner,
    // Handlers of domain events: the timeline rows, and the release of pledges when a solution is rejected.
    PledgeTimelineListener,
    SolutionRejectedListener,
  ],
  exports: [PledgeService, PledgeLifecycleService, MatchFundingService, PledgesLoader, PledgeStatsService],
})
export class PledgesModule {}
