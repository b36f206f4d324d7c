import { MembershipRole } from './membership-role';

export interface NewOrganisation {
  name: string;
  description: string;
  website?: string | null;
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
