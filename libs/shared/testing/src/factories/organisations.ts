import { GraphQLExecutor } from '../graphql-client';
import { ADD_ORGANISATION_MEMBER, CREATE_ORGANISATION, SET_ORGANISATION_KIND } from '../documents';
import { FactoryUser, Staff } from './users';

export interface FactoryOrganisation {
  id: string;
  name: string;
  owner: FactoryUser;
}

/** Organisations: `createOrganisation` by its owner, `addOrganisationMember` by an owner. */
export class OrganisationFactory {
  constructor(
    private readonly gql: GraphQLExecutor,
    private readonly staff: Staff,
  ) {}

  async create(
    owner: FactoryUser,
    input: { name: string; description?: string; website?: string | null; kind?: 'COMMUNITY' | 'BUSINESS' },
  ): Promise<FactoryOrganisation> {
    const { createOrganisation } = await this.gql.ok<{ createOrganisation: { id: string; name: string } }>(
      CREATE_ORGANISATION,
      { input: { description: '', website: null, ...input } },
      owner.token,
    );
    return { id: createOrganisation.id, name: createOrganisation.name, owner };
  }

  /** Created by its owner, then made a PARTNER_AGENCY by an admin (`setOrganisationKind`). */
  async partnerAgency(owner: FactoryUser, input: { name: string; description?: string }, admin?: FactoryUser): Promise<FactoryOrganisation> {
    const organisation = await this.create(owner, input);
    await this.setKind(organisation, 'PARTNER_AGENCY', admin);
    return organisation;
  }

  /** One `setOrganisationKind`, by an admin (default: the factories' admin). */
  async setKind(organisation: { id: string }, kind: 'COMMUNITY' | 'BUSINESS' | 'PARTNER_AGENCY', admin?: FactoryUser): Promise<void> {
    const by = admin ?? (await this.staff.admin());
    await this.gql.ok(SET_ORGANISATION_KIND, { input: { organisationId: organisation.id, kind } }, by.token);
  }

  async addMember(organisation: FactoryOrganisation, user: FactoryUser, role: 'MEMBER' | 'OWNER' = 'MEMBER', by?: FactoryUser): Promise<void> {
    await this.gql.ok(ADD_ORGANISATION_MEMBER, { input: { organisationId: organisation.id, userId: user.id, role } }, (by ?? organisation.owner).token);
  }
}
