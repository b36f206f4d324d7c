import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProblemsModule } from '@common-ground/problems';
import { SolutionsModule } from '@common-ground/solutions';
import { ActionEntity, ActionUpdateEntity } from './action.entity';
import { ActionsLoader } from './action.loader';
import { ActionResolver, ActionUpdateResolver } from './action.resolver';
import { ActionService } from './action.service';
import { ActionsDoneGate } from './actions-done.gate';
import { ActionsTimelineListener } from './actions-timeline.listener';
import { AssessmentEntity, OutcomeRatingEntity } from './assessment.entity';
import { AssessmentRecordedGate } from './assessment-recorded.gate';
import { AssessmentResolver } from './assessment.resolver';
import { AssessmentService } from './assessment.service';
import { EngagementStatsResolver } from './engagement-stats.resolver';
import { EngagementStatsService } from './engagement-stats.service';
import { LocalTeamActionsResolver } from './local-team-actions.resolver';
import { OutcomeRatingService } from './outcome-rating.service';
import { ProblemActionsResolver } from './problem-actions.resolver';
import { ProblemLeadService } from './problem-lead.service';
import { UserAreasResolver } from './user-areas.resolver';
import { PledgesModule, PledgeStatsService } from '@common-ground/pledges';
import { PLEDGE_STATS } from './pledge-stats.port';

export const ACTIONS_ENTITIES = [ActionEntity, ActionUpdateEntity, AssessmentEntity, OutcomeRatingEntity];
export const ACTIONS_RESOLVERS = [
  ActionResolver,
  ActionUpdateResolver,
  AssessmentResolver,
  ProblemActionsResolver,
  LocalTeamActionsResolver,
  UserAreasResolver,
  EngagementStatsResolver,
];

/**
 * Police actions, leads, assessments, outcome ratings and the engagement statistics. The
 * pledge figures of the statistics come through the PLEDGE_STATS port (pledge-stats.port.ts):
 * bind it here to the pledges lib's service; unbound, they are zeros.
 */
@Module({
  imports: [TypeOrmModule.forFeature(ACTIONS_ENTITIES), ProblemsModule, SolutionsModule, PledgesModule],
  providers: [
    ...ACTIONS_RESOLVERS,
    // SARA gates of the problems lib (found there through @ProvidesSaraGate).
    ActionsDoneGate,
    AssessmentRecordedGate,
    ActionService,
    ActionsLoader,
    ActionsTimelineListener,
    AssessmentService,
    EngagementStatsService,
    // The pledges lib's figures through the port (the actions lib sits above pledges).
    { provide: PLEDGE_STATS, useExisting: PledgeStatsService },
    OutcomeRatingService,
    ProblemLeadService,
  ],
  exports: [ActionService, ActionsLoader, AssessmentService, OutcomeRatingService, EngagementStatsService],
})
export class ActionsModule {}
