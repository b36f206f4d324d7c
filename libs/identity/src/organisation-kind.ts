/**
 * What an organisation is. Anyone may create a COMMUNITY or BUSINESS organisation; only an ADMIN
 * makes one a PARTNER_AGENCY (a council department, housing, a school, youth services), whose
 * members work the response beside the police. Registered with GraphQL in organisation.model.ts.
 */
export enum OrganisationKind {
  COMMUNITY = 'COMMUNITY',
  BUSINESS = 'BUSINESS',
  PARTNER_AGENCY = 'PARTNER_AGENCY',
}

/** The kinds a creator may choose; PARTNER_AGENCY is set by an ADMIN (setOrganisationKind). */
export const SELF_CHOSEN_KINDS: readonly OrganisationKind[] = [OrganisationKind.COMMUNITY, OrganisationKind.BUSINESS];
