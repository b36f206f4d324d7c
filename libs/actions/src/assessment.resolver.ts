import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AuthRequest } from '@common-ground/shared/auth';
import { toUserModel, UserModel, UsersLoader } from '@common-ground/identity';
import { ProblemModel, ProblemsLoader, toProblemModel } from '@common-ground/problems';
import { AssessmentModel } from './assessment.model';

@Resolver(() => AssessmentModel)
export class AssessmentResolver {
  constructor(
    private readonly problems: ProblemsLoader,
    private readonly users: UsersLoader,
  ) {}

  @ResolveField(() => ProblemModel)
  async problem(@Parent() assessment: AssessmentModel, @Context('req') req: AuthRequest): Promise<ProblemModel> {
    const problem = await this.problems.problem(req).load(assessment.problemId);
    if (!problem) throw new Error(`problem ${assessment.problemId} of assessment ${assessment.id} is missing`);
    return toProblemModel(problem);
  }

  @ResolveField(() => UserModel, { description: 'The officer who assessed it.' })
  async assessedBy(@Parent() assessment: AssessmentModel, @Context('req') req: AuthRequest): Promise<UserModel> {
    const user = await this.users.forRequest(req).load(assessment.assessedById);
    if (!user) throw new Error(`assessor ${assessment.assessedById} of assessment ${assessment.id} is missing`);
    return toUserModel(user);
  }
}
