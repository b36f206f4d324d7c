import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AreaEntity, AreaOfficerEntity } from './area.entity';
import { AreaResolver, LocalTeamResolver } from './area.resolver';
import { AreaService } from './area.service';
import { CategoryEntity } from './category.entity';
import { CategoryResolver } from './category.resolver';
import { CategoryService } from './category.service';
import { ProblemAnalysisEntity, ProblemEntity, ProblemSupportEntity } from './problem.entity';
import { ProblemLifecycleResolver } from './problem-lifecycle.resolver';
import { ProblemLifecycleService } from './problem-lifecycle.service';
import { ProblemResolver } from './problem.resolver';
import { ProblemService } from './problem.service';
import { ProblemReader } from './problem.reader';
import { AreaReader } from './area.reader';
import { LocalTeamOfficersPlanner, LocalTeamPrioritiesPlanner } from './area.planner';
import { ProblemAddressPlanner, ProblemCategoryPlanner, ProblemReporterPlanner } from './problem.planner';
import { ProblemStatsService } from './problem-stats.service';
import { ProblemSupportService } from './problem-support.service';
import { ProblemTimelineListener } from './problem-timeline.listener';
import { ProblemsLoader } from './problems.loader';
import { SaraGates } from './sara-gates';
import { TimelineEventEntity, TimelineEventKindEntity } from './timeline-event.entity';
import { TimelineEventResolver } from './timeline-event.resolver';
import { TimelineService } from './timeline.service';

export const PROBLEMS_ENTITIES = [
  CategoryEntity,
  AreaEntity,
  AreaOfficerEntity,
  ProblemEntity,
  ProblemSupportEntity,
  ProblemAnalysisEntity,
  TimelineEventKindEntity,
  TimelineEventEntity,
];
export const PROBLEMS_RESOLVERS = [CategoryResolver, AreaResolver, LocalTeamResolver, ProblemResolver, ProblemLifecycleResolver, TimelineEventResolver];

/**
 * Problems, categories, areas, supports, the SARA lifecycle, analysis and the timeline. SaraGates
 * finds the gates higher libs list in their providers (`@ProvidesSaraGate`).
 */
@Module({
  imports: [TypeOrmModule.forFeature(PROBLEMS_ENTITIES), DiscoveryModule],
  providers: [
    ...PROBLEMS_RESOLVERS,
    AreaService,
    CategoryService,
    ProblemLifecycleService,
    ProblemService,
    ProblemReader,
    AreaReader,
    LocalTeamOfficersPlanner,
    LocalTeamPrioritiesPlanner,
    ProblemReporterPlanner,
    ProblemCategoryPlanner,
    ProblemAddressPlanner,
    ProblemStatsService,
    ProblemSupportService,
    ProblemTimelineListener,
    ProblemsLoader,
    SaraGates,
    TimelineService,
  ],
  exports: [
    ProblemService,
    ProblemReader,
    ProblemStatsService,
    ProblemLifecycleService,
    ProblemsLoader,
    SaraGates,
    TimelineService,
    AreaService,
    CategoryService,
  ],
})
export class ProblemsModule {}
