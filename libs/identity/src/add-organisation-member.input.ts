import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsUUID } from 'class-validator';
import { MembershipRole } from './membership-role';

@InputType()
export class AddOrganisationMemberInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a UUID' })
  organisationId: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'must be a UUID' })
  userId: string;

  @Field(() => MembershipRole, { defaultValue: MembershipRole.MEMBER })
  @IsEnum(MembershipRole)
  role: MembershipRole;
}
