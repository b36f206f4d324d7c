import { Mutation, Resolver } from '@nestjs/graphql';
import { Auth, AuthenticatedUser, CurrentUser, OFFICER_ROLES } from '@common-ground/shared/auth';
import { Args, atInput } from '@common-ground/shared/graphql';
import { SolutionModel } from './solution.model';
import { SolutionLifecycleService } from './solution-lifecycle.service';
import { SolutionService } from './solution.service';
import { ChangeSolutionStatusInput } from './change-solution-status.input';
import { toSolutionModel } from './solution.mapper';

/** Officers move solutions through their lifecycle. */
@Resolver(() => SolutionModel)
export class SolutionLifecycleResolver {
  constructor(
    private readonly lifecycle: SolutionLifecycleService,
    private readonly solutions: SolutionService,
  ) {}

  @Auth({ roles: OFFICER_ROLES })
  @Mutation(() => SolutionModel, {
    description:
      'OFFICER+. PROPOSED → SHORTLISTED | ADOPTED | REJECTED, SHORTLISTED → ADOPTED | REJECTED, ADOPTED → IMPLEMENTED | REJECTED; anything else is a CONFLICT. Adopting needs the problem in ANALYSIS or RESPONSE; rejecting needs a note.',
  })
  async changeSolutionStatus(@Args('input') input: ChangeSolutionStatusInput, @CurrentUser() viewer: AuthenticatedUser): Promise<SolutionModel> {
    await atInput(() => this.lifecycle.changeStatus(viewer, input));
    return toSolutionModel(await this.solutions.getById(input.solutionId));
  }
}
