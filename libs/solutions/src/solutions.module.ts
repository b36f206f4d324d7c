import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProblemsModule } from '@common-ground/problems';
import { AdoptedSolutionGate } from './adopted-solution.gate';
import { CommentEntity } from './comment.entity';
import { CommentResolver } from './comment.resolver';
import { CommentService } from './comment.service';
import { ContentFlagEntity, ModerationActionEntity, ModerationStateEntity } from './moderation.entity';
import { CommentModerationResolver, ModerationFields, ProblemModerationResolver, SolutionModerationResolver } from './moderation-fields.resolver';
import { ModerationLoader } from './moderation.loader';
import { ContentFlagResolver, FlaggedItemResolver, ModerationEntryResolver, ModerationResolver } from './moderation.resolver';
import { ModerationService } from './moderation.service';
import { ProblemSolutionsResolver } from './problem-solutions.resolver';
import { SolutionCapacityNeedEntity, SolutionEntity, SolutionVoteEntity } from './solution.entity';
import { SolutionLifecycleResolver } from './solution-lifecycle.resolver';
import { SolutionLifecycleService } from './solution-lifecycle.service';
import { SolutionPledgeTotals } from './solution-pledge-totals.service';
import { SolutionResolver } from './solution.resolver';
import { SolutionService } from './solution.service';
import { SolutionReader } from './solution.reader';
import { ProblemSolutionsPlanner, SolutionCapacityNeedsPlanner, SolutionProposerPlanner } from './solution.planner';
import { SolutionStatsService } from './solution-stats.service';
import { SolutionTimelineListener } from './solution-timeline.listener';
import { SolutionsLoader } from './solutions.loader';
import { VoteResolver } from './vote.resolver';
import { VoteService } from './vote.service';

export const SOLUTIONS_ENTITIES = [
  SolutionEntity,
  SolutionCapacityNeedEntity,
  SolutionVoteEntity,
  CommentEntity,
  ContentFlagEntity,
  ModerationStateEntity,
  ModerationActionEntity,
];
export const SOLUTIONS_RESOLVERS = [
  SolutionResolver,
  SolutionLifecycleResolver,
  VoteResolver,
  ProblemSolutionsResolver,
  CommentResolver,
  ModerationResolver,
  FlaggedItemResolver,
  ContentFlagResolver,
  ModerationEntryResolver,
  ProblemModerationResolver,
  SolutionModerationResolver,
  CommentModerationResolver,
];

/** Solutions, votes, the discussion (comments, official responses) and moderation. */
@Module({
  imports: [TypeOrmModule.forFeature(SOLUTIONS_ENTITIES), ProblemsModule],
  providers: [
    ...SOLUTIONS_RESOLVERS,
    // A SARA gate of the problems lib (found there through @ProvidesSaraGate).
    AdoptedSolutionGate,
    CommentService,
    ModerationFields,
    ModerationLoader,
    ModerationService,
    SolutionLifecycleService,
    SolutionPledgeTotals,
    SolutionService,
    SolutionReader,
    // Fields planned into problem reads (found by FieldPlans through @PlansField).
    ProblemSolutionsPlanner,
    SolutionProposerPlanner,
    SolutionCapacityNeedsPlanner,
    SolutionStatsService,
    SolutionTimelineListener,
    SolutionsLoader,
    VoteService,
  ],
  exports: [SolutionService, SolutionStatsService, SolutionsLoader, SolutionPledgeTotals, VoteService, CommentService, ModerationService],
})
export class SolutionsModule {}
