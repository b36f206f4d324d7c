import { Mutation, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { AuthenticatedUser, CurrentUser, requestOfContext } from '@common-ground/shared/auth';
import { Args, atInput, plannedValue } from '@common-ground/shared/graphql';
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

  /** On every offer of a page of solutions: no parameter decorators; planned (match-offer.planner.ts) or loaded. */
  @ResolveField(() => OrganisationModel)
  organisation(offer: MatchOfferModel, _args: unknown, context: unknown, info: GraphQLResolveInfo): OrganisationModel | Promise<OrganisationModel> {
    const planned = plannedValue<OrganisationModel | null>(offer, info);
    if (planned) return planned;
    return this.solutionsLoader
      .organisation(requestOfContext(context))
      .load(offer.organisationId)
      .then((organisation) => {
        if (!organisation) throw new Error(`organisation ${offer.organisationId} of match offer ${offer.id} is missing`);
        return toOrganisationModel(organisation);
      });
  }
}
