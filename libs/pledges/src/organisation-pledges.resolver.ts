import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AuthenticatedUser, AuthRequest, CurrentUser } from '@common-ground/shared/auth';
import { Args, ConnectionArgs, firstFromLoaderLaterFromService, mapConnection, toMoneyModel } from '@common-ground/shared/graphql';
import { OrganisationModel } from '@common-ground/identity';
import { PledgesLoader } from './pledge.loader';
import { toPledgeModel } from './pledge.mapper';
import { PledgeConnection, PledgeTotalsModel } from './pledge.model';
import { PledgeService } from './pledge.service';

/** The pledges lib's fields on an organisation: the pledges made on its behalf and their totals. */
@Resolver(() => OrganisationModel)
export class OrganisationPledgesResolver {
  constructor(
    private readonly service: PledgeService,
    private readonly loader: PledgesLoader,
  ) {}

  @ResolveField(() => PledgeConnection, { description: 'The pledges made on its behalf (its match pledges included), newest first.' })
  async pledges(
    @Parent() organisation: OrganisationModel,
    @Args() args: ConnectionArgs,
    @Context('req') req: AuthRequest,
    @CurrentUser() viewer?: AuthenticatedUser,
  ): Promise<PledgeConnection> {
    const page = await firstFromLoaderLaterFromService(
      args,
      (first) => this.loader.firstPledges(req, 'organisation', first).load(organisation.id),
      (later) => this.service.page('organisation', organisation.id, later),
    );
    return mapConnection(page, (pledge) => toPledgeModel(pledge, viewer));
  }

  @ResolveField(() => PledgeTotalsModel, { description: 'The money it has pledged (open and fulfilled pledges) and fulfilled, one amount per currency.' })
  async pledgeTotals(@Parent() organisation: OrganisationModel, @Context('req') req: AuthRequest): Promise<PledgeTotalsModel> {
    const totals = await this.loader.organisationTotals(req).load(organisation.id);
    return { pledged: totals.pledged.map(toMoneyModel), fulfilled: totals.fulfilled.map(toMoneyModel) };
  }
}
