import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { MembershipRole, OrganisationEntity } from './organisation.entity';
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

export function toOrganisationModel(entity: OrganisationEntity): OrganisationModel {
  return {
    id: entity.id,
    name: entity.name,
    description: entity.description,
    website: entity.website,
    createdAt: entity.createdAt,
  };
}
