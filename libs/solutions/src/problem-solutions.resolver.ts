import { Args, Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AuthRequest } from '@common-ground/shared/auth';
import { DEFAULT_PAGE_SIZE, mapConnection } from '@common-ground/shared/graphql';
import { ProblemModel } from '@common-ground/problems';
import { SolutionConnection, toSolutionModel } from './solution.model';
import { SolutionService } from './solution.service';
import { SolutionOrder, SolutionsArgs } from './solutions.args';
import { SolutionsLoader } from './solutions.loader';

/** What this lib adds to the problems lib's Problem type (which never learns about solutions). */
@Resolver(() => ProblemModel)
export class ProblemSolutionsResolver {
  constructor(
    private readonly solutionService: SolutionService,
    private readonly loader: SolutionsLoader,
  ) {}

  @ResolveField(() => SolutionConnection, { description: 'TOP (best ranked, the default) or NEWEST first.' })
  async solutions(@Parent() problem: ProblemModel, @Args() args: SolutionsArgs, @Context('req') req: AuthRequest): Promise<SolutionConnection> {
    const order = args.orderBy ?? SolutionOrder.TOP;
    const page = args.after
      ? await this.solutionService.page(problem.id, order, args)
      : await this.loader.firstSolutions(req, order, args.first ?? DEFAULT_PAGE_SIZE).load(problem.id);
    return mapConnection(page, toSolutionModel);
  }
}
