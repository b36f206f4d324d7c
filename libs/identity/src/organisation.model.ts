import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '@common-ground/shared/graphql';
import { MembershipRole } from './membership-role';
import { OrganisationKind } from './organisation-kind';
import { UserModel } from './user.model';

registerEnumType(MembershipRole, { name: 'MembershipRole' });
registerEnumType(OrganisationKind, {
  name: 'OrganisationKind',
  valuesMap: { PARTNER_AGENCY: { description: 'A public agency working the response with the police; set by an ADMIN.' } },
});

@ObjectType('OrganisationMember')
export class OrganisationMemberModel {
  @Field(() => UserModel)
  user: UserModel;

  @Field(() => MembershipRole)
  role: MembershipRole;

  @Field(() => GraphQLISODateTime)
  joinedAt: Date;
}

@ObjectType('Organisation', { description: 'A community organisation that proposes, funds and carries out solutions.' })
export class OrganisationModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field()
  description: string;

  @Field(() => String, { nullable: true })
  website: string | null;

  @Field(() => OrganisationKind)
  kind: OrganisationKind;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;
}

@ObjectType('OrganisationConnection')
export class OrganisationConnection extends Connection(OrganisationModel, 'Organisation') {}
