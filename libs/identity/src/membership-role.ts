/** A user's place in an organisation: OWNERs manage its members; an organisation keeps at least one. */
export enum MembershipRole {
  OWNER = 'OWNER',
  MEMBER = 'MEMBER',
}
