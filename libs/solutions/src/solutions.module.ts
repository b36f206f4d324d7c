import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProblemsModule, SaraGates } from '@common-ground/problems';
import { AdoptedSolutionGate } from './adopted-solution.gate';
import { ProblemSolutionsResolver } from './problem-solutions.resolver';
import { SolutionCapacityNeedEntity, SolutionEntity, SolutionVoteEntity } from './solution.entity';
import { SolutionLifecycleService } from './solution-lifecycle.service';
import { SolutionResolver } from './solution.resolver';
import { SolutionService } from './solution.service';
import { SolutionsLoader } from './solutions.loader';
import { VoteResolver } from './vote.resolver';
import { VoteService } from './vote.service';

export const SOLUTIONS_ENTITIES = [SolutionEntity, SolutionCapacityNeedEntity, SolutionVoteEntity];
export const SOLUTIONS_RESOLVERS = [SolutionResolver, VoteResolver, ProblemSolutionsResolver];

/** Solutions and votes, Problem.solutions, and the adopted-solution SARA gate. */
@Module({
  imports: [TypeOrmModule.forFeature(SOLUTIONS_ENTITIES), ProblemsModule],
  providers: [
    ...SOLUTIONS_RESOLVERS,
    AdoptedSolutionGate,
    SolutionLifecycleService,
    SolutionService,
    SolutionsLoader,
    VoteService,
  ],
  exports: [SolutionService, SolutionsLoader, VoteService],
})
export class SolutionsModule implements OnModuleInit {
  constructor(
    private readonly gates: SaraGates,
    private readonly adoptedSolution: AdoptedSolutionGate,
  ) {}

  /** The problems lib checks "a solution is adopted" through its SaraGates port. */
  onModuleInit(): void {
    this.gates.register(this.adoptedSolution);
  }
}
