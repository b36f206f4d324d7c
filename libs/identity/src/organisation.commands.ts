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
