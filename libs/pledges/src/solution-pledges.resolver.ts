import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { AuthenticatedUser, AuthRequest, CurrentUser, requestOfContext } from '@common-ground/shared/auth';
import { Args, ConnectionArgs, firstFromLoaderLaterFromService, mapConnection, plannedValue } from '@common-ground/shared/graphql';
import { SolutionModel } from '@common-ground/solutions';
import { MatchOfferEntity } from './match-offer.entity';
import { toMatchOfferModel } from './match-offer.mapper';
import { MatchOfferModel } from './match-offer.model';
import { PledgesLoader } from './pledge.loader';
import { toPledgeModel } from './pledge.mapper';
import { PledgeConnection } from './pledge.model';
import { PledgeService } from './pledge.service';

/** The pledges lib's fields on a solution: its pledges and its match offers. */
@Resolver(() => SolutionModel)
export class SolutionPledgesResolver {
  constructor(
    private readonly service: PledgeService,
    private readonly loader: PledgesLoader,
  ) {}

  @ResolveField(() => PledgeConnection, { description: 'Every pledge toward it (match pledges included), newest first.' })
  async pledges(
    @Parent() solution: SolutionModel,
    @Args() args: ConnectionArgs,
    @Context('req') req: AuthRequest,
    @CurrentUser() viewer?: AuthenticatedUser,
  ): Promise<PledgeConnection> {
    const page = await firstFromLoaderLaterFromService(
      args,
      (first) => this.loader.firstPledges(req, 'solution', first).load(solution.id),
      (later) => this.service.page('solution', solution.id, later),
    );
    return mapConnection(page, (pledge) => toPledgeModel(pledge, viewer));
  }

  @ResolveField(() => [MatchOfferModel], { description: 'Organisations’ match offers on it, in the order they were made (the order they match in).' })
  matchOffers(solution: SolutionModel, _args: unknown, context: unknown, info: GraphQLResolveInfo): MatchOfferModel[] | Promise<MatchOfferModel[]> {
    // On every solution of a page: no parameter decorators; planned (match-offer.planner.ts) or loaded.
    const planned = plannedValue<MatchOfferEntity[]>(solution, info);
    if (planned) return planned.map(toMatchOfferModel);
    return this.loader
      .matchOffers(requestOfContext(context))
      .load(solution.id)
      .then((offers) => offers.map(toMatchOfferModel));
  }
}
