import { Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Auth, AuthenticatedUser, AuthRequest, CurrentUser, Role } from '@common-ground/shared/auth';
import { Args, atInput, mapConnection, ParseIdPipe } from '@common-ground/shared/graphql';
import { IdempotencyKey } from '@common-ground/shared/idempotency';
import { AddOrganisationMemberInput } from './add-organisation-member.input';
import { CreateOrganisationInput } from './create-organisation.input';
import { MembershipRole } from './membership-role';
import { toOrganisationMemberModel, toOrganisationModel } from './organisation.mapper';
import { OrganisationConnection, OrganisationMemberModel, OrganisationModel } from './organisation.model';
import { OrganisationsArgs } from './organisations.args';
import { OrganisationService } from './organisation.service';
import { SetOrganisationKindInput } from './set-organisation-kind.input';
import { UsersLoader } from './users.loader';

@Resolver(() => OrganisationModel)
export class OrganisationResolver {
  constructor(
    private readonly organisations: OrganisationService,
    private readonly usersLoader: UsersLoader,
  ) {}

  @Auth({ public: true })
  @Query(() => OrganisationModel, { nullable: true })
  async organisation(@Args('id', { type: () => ID }, ParseIdPipe) id: string): Promise<OrganisationModel | null> {
    const organisation = await this.organisations.findById(id);
    return organisation ? toOrganisationModel(organisation) : null;
  }

  @Auth({ public: true })
  @Query(() => OrganisationConnection, {
    name: 'organisations',
    description: 'The public directory of organisations, by name; `search` finds those whose name contains it.',
  })
  async directory(@Args() args: OrganisationsArgs): Promise<OrganisationConnection> {
    const page = await this.organisations.directory({ search: args.search, first: args.first, after: args.after });
    return mapConnection(page, toOrganisationModel);
  }

  @Mutation(() => OrganisationModel, {
    description: 'The caller becomes its OWNER. Send an Idempotency-Key header to retry safely: a retry returns the first result.',
  })
  async createOrganisation(
    @Args('input') input: CreateOrganisationInput,
    @CurrentUser() viewer: AuthenticatedUser,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<OrganisationModel> {
    const command = { name: input.name, description: input.description, website: input.website, kind: input.kind ?? undefined };
    return toOrganisationModel(await atInput(() => this.organisations.create(viewer.id, command, { idempotencyKey })));
  }

  @Mutation(() => OrganisationModel, { description: 'OWNER only. Adds a member or changes their role.' })
  async addOrganisationMember(@Args('input') input: AddOrganisationMemberInput, @CurrentUser() viewer: AuthenticatedUser): Promise<OrganisationModel> {
    const command = { organisationId: input.organisationId, userId: input.userId, role: input.role };
    return toOrganisationModel(await atInput(() => this.organisations.addMember(viewer.id, command)));
  }

  @Auth({ roles: [Role.ADMIN] })
  @Mutation(() => OrganisationModel, { description: 'ADMIN only: e.g. makes an organisation a PARTNER_AGENCY.' })
  async setOrganisationKind(@Args('input') input: SetOrganisationKindInput): Promise<OrganisationModel> {
    return toOrganisationModel(await atInput(() => this.organisations.setKind(input.organisationId, input.kind)));
  }

  @ResolveField(() => [OrganisationMemberModel])
  async members(@Parent() organisation: OrganisationModel, @Context('req') req: AuthRequest): Promise<OrganisationMemberModel[]> {
    const members = await this.organisations.listMembers(organisation.id);
    const loader = this.usersLoader.forRequest(req);
    const users = await loader.loadMany(members.map((m) => m.userId));
    return members.flatMap((member, i) => {
      const user = users[i];
      return user && !(user instanceof Error) ? [toOrganisationMemberModel(member, user)] : [];
    });
  }

  @ResolveField(() => MembershipRole, { nullable: true, description: 'The signed-in user’s role here, if any.' })
  async viewerRole(@Parent() organisation: OrganisationModel, @CurrentUser() viewer?: AuthenticatedUser): Promise<MembershipRole | null> {
    return viewer ? this.organisations.membershipOf(organisation.id, viewer.id) : null;
  }
}
