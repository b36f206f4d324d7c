import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { AuthRequest, requestOfContext } from '@common-ground/shared/auth';
import {
  Args,
  connection,
  ConnectionArgs,
  firstFromLoaderLaterFromService,
  mapConnection,
  Page,
  plannedValue,
  RowArgs,
  rowArgs,
  selectedFields,
} from '@common-ground/shared/graphql';
import { ProblemModel } from '@common-ground/problems';
import { CommentConnection } from './comment.model';
import { CommentService } from './comment.service';
import { SolutionConnection, SolutionModel } from './solution.model';
import { SolutionService } from './solution.service';
import { SolutionsArgs } from './solutions.args';
import { SolutionsLoader } from './solutions.loader';
import { toCommentModel } from './comment.mapper';
import { toSolutionModel } from './solution.mapper';
import { SolutionOrder } from './ranking';

/** What this lib adds to the problems lib's Problem type (which never learns about solutions). */
@Resolver(() => ProblemModel)
export class ProblemSolutionsResolver {
  constructor(
    private readonly solutionService: SolutionService,
    private readonly commentService: CommentService,
    private readonly loader: SolutionsLoader,
  ) {}

  /**
   * The total is the problem's own solution_count (no statement); the page is read only when
   * something besides totalCount is selected.
   */
  /**
   * Resolved on every row of a problems page, so bound without parameter decorators (@RowArgs).
   * The total is the problem's own solution_count (no statement); the first page is planned into
   * the problem read's statement (solution.planner.ts); only later pages are read here.
   */
  @ResolveField(() => SolutionConnection, { description: 'TOP (best ranked, the default) or NEWEST first.' })
  @RowArgs(() => SolutionsArgs)
  solutions(problem: ProblemModel, raw: unknown, context: unknown, info: GraphQLResolveInfo): SolutionConnection | Promise<SolutionConnection> {
    const args = rowArgs(SolutionsArgs, raw);
    return args instanceof Promise ? args.then((valid) => this.page(problem, valid, context, info)) : this.page(problem, args, context, info);
  }

  private page(problem: ProblemModel, args: SolutionsArgs, context: unknown, info: GraphQLResolveInfo): SolutionConnection | Promise<SolutionConnection> {
    const count = () => problem.solutionCount;
    if ([...selectedFields(info)].every((field) => field === 'totalCount' || field === '__typename')) {
      return connection([], { hasNextPage: problem.solutionCount > 0, endCursor: null }, count);
    }
    const planned = plannedValue<Page<SolutionModel>>(problem, info);
    if (planned) return connection(planned.edges, planned.pageInfo, count);
    const order = args.orderBy ?? SolutionOrder.TOP;
    const req = requestOfContext(context);
    return firstFromLoaderLaterFromService(
      args,
      (first) => this.loader.firstSolutions(req, order, first).load(problem.id),
      (later) => this.solutionService.page(problem.id, order, later),
    ).then((page) =>
      connection(
        page.edges.map((edge) => ({ cursor: edge.cursor, node: toSolutionModel(edge.node) })),
        page.pageInfo,
        count,
      ),
    );
  }

  @ResolveField(() => CommentConnection, { description: 'The discussion on the problem itself, oldest first.' })
  async comments(@Parent() problem: ProblemModel, @Args() args: ConnectionArgs, @Context('req') req: AuthRequest): Promise<CommentConnection> {
    const page = await firstFromLoaderLaterFromService(
      args,
      (first) => this.loader.firstComments(req, 'problem', first).load(problem.id),
      (later) => this.commentService.page('problem', problem.id, later),
    );
    return mapConnection(page, toCommentModel);
  }
}
