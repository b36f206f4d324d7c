import { Context, ID, Mutation, Resolver } from '@nestjs/graphql';
import { AuthenticatedUser, AuthRequest, CurrentUser } from '@common-ground/shared/auth';
import { Args, ParseIdPipe } from '@common-ground/shared/graphql';
import { SolutionModel } from './solution.model';
import { SolutionsLoader } from './solutions.loader';
import { VoteService } from './vote.service';
import { CastVoteInput } from './cast-vote.input';
import { toSolutionModel, VOTE_NUMBER } from './solution.mapper';

@Resolver(() => SolutionModel)
export class VoteResolver {
  constructor(
    private readonly votes: VoteService,
    private readonly loader: SolutionsLoader,
  ) {}

  @Mutation(() => SolutionModel, {
    description: 'One vote per user; casting again switches it. Not on your own solution, nor on REJECTED or IMPLEMENTED ones.',
  })
  async castVote(@Args('input') input: CastVoteInput, @CurrentUser() viewer: AuthenticatedUser, @Context('req') req: AuthRequest): Promise<SolutionModel> {
    const solution = await this.votes.cast(viewer.id, input.solutionId, VOTE_NUMBER[input.value]);
    this.loader.clearVote(req, viewer.id, input.solutionId);
    return toSolutionModel(solution);
  }

  @Mutation(() => SolutionModel, { description: 'Removes your vote; without one, changes nothing.' })
  async retractVote(
    @Args('solutionId', { type: () => ID }, ParseIdPipe) solutionId: string,
    @CurrentUser() viewer: AuthenticatedUser,
    @Context('req') req: AuthRequest,
  ): Promise<SolutionModel> {
    const solution = await this.votes.retract(viewer.id, solutionId);
    this.loader.clearVote(req, viewer.id, solutionId);
    return toSolutionModel(solution);
  }
}
