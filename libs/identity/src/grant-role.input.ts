import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsUUID } from 'class-validator';
import { Role } from '@common-ground/shared/auth';

@InputType()
export class GrantRoleInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a UUID' })
  userId: string;

  @Field(() => Role)
  @IsEnum(Role)
  role: Role;
}
