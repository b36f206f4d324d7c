import { Field, GraphQLISODateTime, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { CleanText } from '@common-ground/shared/graphql';
import { ActionStatus } from './action-status';

export const ACTION_NOTE_MAX = 2000;

@InputType({ description: 'At least one of status, progressPercent, note and dueAt. Each update adds an entry to the action’s log.' })
export class UpdateActionInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a UUID' })
  actionId: string;

  @Field(() => ActionStatus, { nullable: true, description: 'CANCELLED needs a note.' })
  @IsOptional()
  @IsEnum(ActionStatus)
  status?: ActionStatus | null;

  @Field(() => Int, { nullable: true, description: '0 to 100; with DONE only 100.' })
  @IsOptional()
  @IsInt({ message: 'must be a whole number' })
  @Min(0, { message: 'must be between 0 and 100' })
  @Max(100, { message: 'must be between 0 and 100' })
  progressPercent?: number | null;

  @Field(() => String, { nullable: true, description: `1 to ${ACTION_NOTE_MAX} characters.` })
  @IsOptional()
  @CleanText()
  @IsString()
  @Length(1, ACTION_NOTE_MAX, { message: `must be between 1 and ${ACTION_NOTE_MAX} characters` })
  note?: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Officers only. Give null to clear it; leave it out to keep it.' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'must be a date-time' })
  dueAt?: Date | null;
}
