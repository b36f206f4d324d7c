import { GraphQLExecutor } from '../graphql-client';
import { ADD_ORGANISATION_MEMBER, CREATE_ORGANISATION } from '../documents';
import { FactoryUser } from './users';

export interface FactoryOrganisation {
  id: string;
  name: string;
  owner: FactoryUser;
}

/** Organisations: `createOrganisation` by its owner, `addOrganisationMember` by an owner. */
export class OrganisationFactory {
  constructor(private readonly gql: GraphQLExecutor) {}

  async create(owner: FactoryUser, input: { name: string; description?: string; website?: string | null }): Promise<FactoryOrganisation> {
    const { createOrganisation } = await this.gql.ok<{ createOrganisation: { id: string; name: string } }>(
      CREATE_ORGANISATION,
      { input: { description: '', website: null, ...input } },
      owner.token,
    );
    return { id: createOrganisation.id, name: createOrganisation.name, owner };
  }

  async addMember(organisation: FactoryOrganisation, user: FactoryUser, role: 'MEMBER' | 'OWNER' = 'MEMBER', by?: FactoryUser): Promise<void> {
    await this.gql.ok(ADD_ORGANISATION_MEMBER, { input: { organisationId: organisation.id, userId: user.id, role } }, (by ?? organisation.owner).token);
  }
}
