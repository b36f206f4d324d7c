import { Field, ID, InputType } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';

@InputType()
export class MarkDuplicateInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a UUID' })
  problemId: string;

  @Field(() => ID, { description: 'The problem that stays; supports move to it.' })
  @IsUUID('all', { message: 'must be a UUID' })
  duplicateOfId: string;
}
