import { MembershipRole } from './membership-role';
import { OrganisationKind } from './organisation-kind';

export interface NewOrganisation {
  name: string;
  description: string;
  website?: string | null;
  /** COMMUNITY unless given; never PARTNER_AGENCY (an ADMIN sets that). */
  kind?: OrganisationKind;
}

/** Adds a member, or changes a member's role. */
export interface AddOrganisationMember {
  organisationId: string;
  userId: string;
  role: MembershipRole;
}

/** A page of the public directory: by name (any case), optionally those whose name contains `search`. */
export interface ListOrganisations {
  search?: string | null;
  first?: number;
  after?: string;
}

/** What a member's organisation is, for the libs that give partner agencies their part. */
export interface OrganisationMembership {
  organisationId: string;
  role: MembershipRole;
  kind: OrganisationKind;
}
