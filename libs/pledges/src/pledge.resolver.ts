import { Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Auth, AuthenticatedUser, AuthRequest, CurrentUser, OFFICER_ROLES } from '@common-ground/shared/auth';
import { Args, atInput, ParseIdPipe } from '@common-ground/shared/graphql';
import { IdempotencyKey } from '@common-ground/shared/idempotency';
import { OrganisationModel, toOrganisationModel, toUserModel, UserModel, UsersLoader } from '@common-ground/identity';
import { SolutionModel, SolutionsLoader, toSolutionModel } from '@common-ground/solutions';
import { CreatePledgeInput } from './create-pledge.input';
import { MarkPledgeFulfilledInput } from './mark-pledge-fulfilled.input';
import { PledgesLoader } from './pledge.loader';
import { toPledgeChangeModel, toPledgeModel } from './pledge.mapper';
import { PledgeChangeModel, PledgeModel } from './pledge.model';
import { PledgeLifecycleService } from './pledge-lifecycle.service';
import { PledgeService } from './pledge.service';

@Resolver(() => PledgeModel)
export class PledgeResolver {
  constructor(
    private readonly pledges: PledgeService,
    private readonly lifecycle: PledgeLifecycleService,
    private readonly loader: PledgesLoader,
    private readonly solutions: SolutionsLoader,
    private readonly users: UsersLoader,
  ) {}

  @Auth({ public: true })
  @Query(() => PledgeModel, { nullable: true })
  async pledge(
    @Args('id', { type: () => ID }, ParseIdPipe) id: string,
    @Context('req') req: AuthRequest,
    @CurrentUser() viewer?: AuthenticatedUser,
  ): Promise<PledgeModel | null> {
    const found = await this.loader.pledge(req).load(id);
    return found ? toPledgeModel(found, viewer) : null;
  }

  @Mutation(() => PledgeModel, {
    description:
      'Any signed-in user, for themselves or on behalf of an organisation they belong to; not toward a REJECTED or IMPLEMENTED solution. A resident’s own FUNDING pledge is matched by the solution’s match offers. Send an Idempotency-Key header to retry safely: a retry returns the first result.',
  })
  async createPledge(
    @Args('input') input: CreatePledgeInput,
    @CurrentUser() viewer: AuthenticatedUser,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<PledgeModel> {
    return toPledgeModel(await atInput(() => this.pledges.create(viewer.id, input, { idempotencyKey })), viewer);
  }

  @Mutation(() => PledgeModel, {
    description: 'The pledger, or an OWNER of the organisation it was made for, while it is PLEDGED; its match pledges are withdrawn with it.',
  })
  async withdrawPledge(@Args('pledgeId', { type: () => ID }, ParseIdPipe) pledgeId: string, @CurrentUser() viewer: AuthenticatedUser): Promise<PledgeModel> {
    return toPledgeModel(await this.lifecycle.withdraw(viewer, pledgeId), viewer);
  }

  @Auth({ roles: OFFICER_ROLES })
  @Mutation(() => PledgeModel, { description: 'OFFICER+. A PLEDGED pledge was delivered: it becomes FULFILLED and counts in the fulfilled totals.' })
  async markPledgeFulfilled(@Args('input') input: MarkPledgeFulfilledInput, @CurrentUser() viewer: AuthenticatedUser): Promise<PledgeModel> {
    return toPledgeModel(await atInput(() => this.lifecycle.markFulfilled(viewer, input)), viewer);
  }

  @ResolveField(() => SolutionModel)
  async solution(@Parent() pledge: PledgeModel, @Context('req') req: AuthRequest): Promise<SolutionModel> {
    const solution = await this.solutions.solution(req).load(pledge.solutionId);
    if (!solution) throw new Error(`solution ${pledge.solutionId} of pledge ${pledge.id} is missing`);
    return toSolutionModel(solution);
  }

  @ResolveField(() => UserModel, { description: 'Who made it (for a match pledge, who made the offer); shown as any actor is.' })
  async pledgedBy(@Parent() pledge: PledgeModel, @Context('req') req: AuthRequest): Promise<UserModel> {
    const user = await this.users.forRequest(req).load(pledge.pledgedById);
    if (!user) throw new Error(`pledger ${pledge.pledgedById} of pledge ${pledge.id} is missing`);
    return toUserModel(user);
  }

  @ResolveField(() => OrganisationModel, { nullable: true, description: 'The organisation it was made on behalf of.' })
  async organisation(@Parent() pledge: PledgeModel, @Context('req') req: AuthRequest): Promise<OrganisationModel | null> {
    if (!pledge.organisationId) return null;
    const organisation = await this.solutions.organisation(req).load(pledge.organisationId);
    return organisation ? toOrganisationModel(organisation) : null;
  }

  @ResolveField(() => PledgeModel, { nullable: true, description: 'For a match pledge: the resident’s pledge it matches.' })
  async matchOf(@Parent() pledge: PledgeModel, @Context('req') req: AuthRequest, @CurrentUser() viewer?: AuthenticatedUser): Promise<PledgeModel | null> {
    if (!pledge.matchesPledgeId) return null;
    const matched = await this.loader.pledge(req).load(pledge.matchesPledgeId);
    return matched ? toPledgeModel(matched, viewer) : null;
  }

  @ResolveField(() => [PledgeChangeModel], { description: 'Every change of its status, oldest first.' })
  async history(@Parent() pledge: PledgeModel, @Context('req') req: AuthRequest): Promise<PledgeChangeModel[]> {
    return (await this.loader.history(req).load(pledge.id)).map(toPledgeChangeModel);
  }
}

@Resolver(() => PledgeChangeModel)
export class PledgeChangeResolver {
  constructor(private readonly users: UsersLoader) {}

  @ResolveField(() => UserModel, {
    nullable: true,
    description:
      'Who changed it: the pledger, an OWNER of its organisation or the officer; a match is made by who made its offer and withdrawn by who withdrew the pledge it matches.',
  })
  async actor(@Parent() change: PledgeChangeModel, @Context('req') req: AuthRequest): Promise<UserModel | null> {
    if (!change.actorId) return null;
    const user = await this.users.forRequest(req).load(change.actorId);
    return user ? toUserModel(user) : null;
  }
}
