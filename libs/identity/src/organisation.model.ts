import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '@common-ground/shared/graphql';
import { MembershipRole } from './membership-role';
import { UserModel } from './user.model';

registerEnumType(MembershipRole, { name: 'MembershipRole' });

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

  @Field(() => GraphQLISODateTime)
  createdAt: Date;
}

@ObjectType('OrganisationConnection')
export class OrganisationConnection extends Connection(OrganisationModel, 'Organisation') {}
