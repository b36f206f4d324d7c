import { Query, Resolver } from '@nestjs/graphql';
import { Auth } from '@common-ground/shared/auth';
import { Args, atInput, toMoneyModel } from '@common-ground/shared/graphql';
import { EngagementStatsModel } from './engagement-stats.model';
import { EngagementStatsService } from './engagement-stats.service';
import { StatsFilterInput } from './stats-filter.input';

@Resolver(() => EngagementStatsModel)
export class EngagementStatsResolver {
  constructor(private readonly stats: EngagementStatsService) {}

  @Auth({ public: true })
  @Query(() => EngagementStatsModel, { description: 'Public: engagement and outcomes for an area and a period, or everywhere.' })
  async engagementStats(@Args('filter', { type: () => StatsFilterInput, nullable: true }) filter?: StatsFilterInput): Promise<EngagementStatsModel> {
    const figures = await atInput(() => this.stats.figures({ areaId: filter?.areaId, from: filter?.from, to: filter?.to }), 'filter');
    return {
      ...figures,
      fundingPledged: figures.fundingPledged.map(toMoneyModel),
      fundingFulfilled: figures.fundingFulfilled.map(toMoneyModel),
    };
  }
}
