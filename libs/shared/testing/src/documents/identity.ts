/** Accounts, roles and organisations: the documents the factories and specs share. */

export const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterInput!) {
    register(input: $input) {
      accessToken
      user {
        id
        email
        displayName
        roles
      }
    }
  }
`;

export const LOGIN = /* GraphQL */ `
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      accessToken
      user {
        id
        email
        displayName
        roles
      }
    }
  }
`;

export const GRANT_ROLE = /* GraphQL */ `
  mutation GrantRole($input: GrantRoleInput!) {
    grantRole(input: $input) {
      id
      roles
    }
  }
`;

export const REVOKE_ROLE = /* GraphQL */ `
  mutation RevokeRole($input: RevokeRoleInput!) {
    revokeRole(input: $input) {
      id
      roles
    }
  }
`;

export const CREATE_ORGANISATION = /* GraphQL */ `
  mutation CreateOrganisation($input: CreateOrganisationInput!) {
    createOrganisation(input: $input) {
      id
      name
    }
  }
`;

export const ADD_ORGANISATION_MEMBER = /* GraphQL */ `
  mutation AddOrganisationMember($input: AddOrganisationMemberInput!) {
    addOrganisationMember(input: $input) {
      id
    }
  }
`;

export const SET_ORGANISATION_KIND = /* GraphQL */ `
  mutation SetOrganisationKind($input: SetOrganisationKindInput!) {
    setOrganisationKind(input: $input) {
      id
      kind
    }
  }
`;
