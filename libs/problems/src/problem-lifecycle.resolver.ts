import { Mutation, Resolver } from '@nestjs/graphql';
import { Auth, AuthenticatedUser, CurrentUser, OFFICER_ROLES } from '@common-ground/shared/auth';
import { Args, atInput } from '@common-ground/shared/graphql';
import { ChangeProblemStatusInput } from './change-problem-status.input';
import { MarkDuplicateInput } from './mark-duplicate.input';
import { toProblemModel } from './problem.mapper';
import { ProblemModel } from './problem.model';
import { RecordAnalysisInput } from './record-analysis.input';
import { ProblemLifecycleService } from './problem-lifecycle.service';
import { ProblemService } from './problem.service';

@Resolver(() => ProblemModel)
export class ProblemLifecycleResolver {
  constructor(
    private readonly lifecycle: ProblemLifecycleService,
    private readonly problems: ProblemService,
  ) {}

  @Auth({ roles: OFFICER_ROLES })
  @Mutation(() => ProblemModel, { description: 'OFFICER+. An illegal move, or one whose gates are not met, is a CONFLICT.' })
  async changeProblemStatus(@Args('input') input: ChangeProblemStatusInput, @CurrentUser() viewer: AuthenticatedUser): Promise<ProblemModel> {
    await atInput(this.lifecycle.changeStatus(viewer, input.problemId, input.status, input.note));
    return toProblemModel(await this.problems.getById(input.problemId));
  }

  @Auth({ roles: OFFICER_ROLES })
  @Mutation(() => ProblemModel, {
    description:
      'OFFICER+. Supports move to the surviving problem. Merging into a problem that was itself merged merges into the problem it was ' +
      'merged into (CONFLICT with reason ALREADY_MERGED_INTO_THIS when that is this problem); problems merged into this one before move along.',
  })
  async markDuplicate(@Args('input') input: MarkDuplicateInput, @CurrentUser() viewer: AuthenticatedUser): Promise<ProblemModel> {
    await atInput(this.lifecycle.markDuplicate(viewer, input.problemId, input.duplicateOfId));
    return toProblemModel(await this.problems.getById(input.problemId));
  }

  @Auth({ roles: OFFICER_ROLES })
  @Mutation(() => ProblemModel, { description: 'OFFICER+. Fields left out keep their value.' })
  async recordAnalysis(@Args('input') input: RecordAnalysisInput, @CurrentUser() viewer: AuthenticatedUser): Promise<ProblemModel> {
    const { problemId, offender, victim, place, handler, guardian, manager, hypothesis } = input;
    await atInput(this.lifecycle.recordAnalysis(viewer, { problemId, offender, victim, place, handler, guardian, manager, hypothesis }));
    return toProblemModel(await this.problems.getById(input.problemId));
  }
}
