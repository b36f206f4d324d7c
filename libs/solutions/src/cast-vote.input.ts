import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsUUID } from 'class-validator';
import { VoteValue } from './solution.model';

@InputType()
export class CastVoteInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a UUID' })
  solutionId: string;

  @Field(() => VoteValue)
  @IsEnum(VoteValue)
  value: VoteValue;
}
