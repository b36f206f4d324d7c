import { Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AuthenticatedUser, AuthRequest, CurrentUser } from '@common-ground/shared/auth';
import { Args, atInput } from '@common-ground/shared/graphql';
import { OrganisationModel, toOrganisationModel } from '@common-ground/identity';
import { SolutionModel, SolutionService, SolutionsLoader, toSolutionModel } from '@common-ground/solutions';
import { MatchFundingService } from './match-funding.service';
import { MatchOfferModel } from './match-offer.model';
import { OfferMatchFundingInput } from './offer-match-funding.input';

@Resolver(() => MatchOfferModel)
export class MatchOfferResolver {
  constructor(
    private readonly matching: MatchFundingService,
    private readonly solutions: SolutionService,
    private readonly solutionsLoader: SolutionsLoader,
  ) {}

  @Mutation(() => SolutionModel, {
    description:
      'An OWNER or MEMBER of the organisation: it adds `ratio` for each 1 residents pledge for themselves toward the solution from now on, up to `cap` (the last match partial). Not on a REJECTED or IMPLEMENTED solution.',
  })
  async offerMatchFunding(@Args('input') input: OfferMatchFundingInput, @CurrentUser() viewer: AuthenticatedUser): Promise<SolutionModel> {
    const offer = await atInput(() => this.matching.offer(viewer.id, input));
    return toSolutionModel(await this.solutions.getById(offer.solutionId));
  }

  @ResolveField(() => OrganisationModel)
  async organisation(@Parent() offer: MatchOfferModel, @Context('req') req: AuthRequest): Promise<OrganisationModel> {
    const organisation = await this.solutionsLoader.organisation(req).load(offer.organisationId);
    if (!organisation) throw new Error(`organisation ${offer.organisationId} of match offer ${offer.id} is missing`);
    return toOrganisationModel(organisation);
  }
}
