import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { CleanText } from '@common-ground/shared/graphql';
import { SolutionStatus } from './solution-status';

const NOTE_MAX = 5000;

@InputType()
export class ChangeSolutionStatusInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a UUID' })
  solutionId: string;

  @Field(() => SolutionStatus, { description: 'SHORTLISTED, ADOPTED, REJECTED or IMPLEMENTED.' })
  @IsEnum(SolutionStatus)
  status: SolutionStatus;

  @Field(() => String, { nullable: true, description: 'Required to reject.' })
  @IsOptional()
  @CleanText()
  @IsString()
  @MaxLength(NOTE_MAX, { message: `must be at most ${NOTE_MAX} characters` })
  note?: string | null;
}
