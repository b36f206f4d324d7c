import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { CleanText } from '@common-ground/shared/graphql';
import { TEXT_MAX } from './problem.limits';
import { ProblemStatus } from './problem-status';

@InputType()
export class ChangeProblemStatusInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a UUID' })
  problemId: string;

  @Field(() => ProblemStatus)
  @IsEnum(ProblemStatus)
  status: ProblemStatus;

  @Field(() => String, { nullable: true, description: 'Required to reject or reopen.' })
  @IsOptional()
  @CleanText()
  @IsString()
  @MaxLength(TEXT_MAX)
  note?: string | null;
}
