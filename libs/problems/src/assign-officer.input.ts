import { Field, ID, InputType } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';

@InputType()
export class AssignOfficerInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a UUID' })
  areaId: string;

  @Field(() => ID, { description: 'A user with the OFFICER or SUPERVISOR role.' })
  @IsUUID('all', { message: 'must be a UUID' })
  userId: string;
}
