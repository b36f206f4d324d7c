import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { CleanText, MoneyInput } from '@common-ground/shared/graphql';
import { VoteValue } from './solution.model';
import { SolutionStatus } from './solution-status';

export const SOLUTION_TITLE_MIN = 3;
export const SOLUTION_TITLE_MAX = 140;
export const SOLUTION_DESCRIPTION_MAX = 5000;
export const CAPACITY_NEEDS_MAX = 20;
export const CAPACITY_QUANTITY_MAX = 1_000_000;
const NOTE_MAX = 5000;

@InputType()
export class CapacityNeedInput {
  @Field({ description: 'What is needed, e.g. VOLUNTEER_HOURS, EQUIPMENT, VENUE, or a short description.' })
  @CleanText({ singleLine: true })
  @IsString()
  @Length(1, 60, { message: 'must be between 1 and 60 characters' })
  kind: string;

  @Field(() => Int, { description: `How much, 1 to ${CAPACITY_QUANTITY_MAX}.` })
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be positive' })
  @Max(CAPACITY_QUANTITY_MAX, { message: `must be at most ${CAPACITY_QUANTITY_MAX}` })
  quantity: number;

  @Field(() => String, { nullable: true, description: 'e.g. hours, people, m².' })
  @IsOptional()
  @CleanText({ singleLine: true })
  @IsString()
  @Length(1, 30, { message: 'must be between 1 and 30 characters' })
  unit?: string | null;
}

@InputType()
export class ProposeSolutionInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a UUID' })
  problemId: string;

  @Field({ description: `${SOLUTION_TITLE_MIN} to ${SOLUTION_TITLE_MAX} characters.` })
  @CleanText({ singleLine: true })
  @IsString()
  @Length(SOLUTION_TITLE_MIN, SOLUTION_TITLE_MAX, { message: `must be between ${SOLUTION_TITLE_MIN} and ${SOLUTION_TITLE_MAX} characters` })
  title: string;

  @Field({ description: `Up to ${SOLUTION_DESCRIPTION_MAX} characters.` })
  @CleanText()
  @IsString()
  @MaxLength(SOLUTION_DESCRIPTION_MAX, { message: `must be at most ${SOLUTION_DESCRIPTION_MAX} characters` })
  description: string;

  @Field(() => ID, { nullable: true, description: 'Propose on behalf of an organisation you belong to.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  organisationId?: string | null;

  @Field(() => MoneyInput, { nullable: true, description: 'Positive, and at most the configured maximum.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => MoneyInput)
  fundingGoal?: MoneyInput | null;

  @Field(() => [CapacityNeedInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CAPACITY_NEEDS_MAX, { message: `must have at most ${CAPACITY_NEEDS_MAX} entries` })
  @ValidateNested({ each: true })
  @Type(() => CapacityNeedInput)
  capacityNeeds?: CapacityNeedInput[] | null;
}

@InputType()
export class CastVoteInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a UUID' })
  solutionId: string;

  @Field(() => VoteValue)
  @IsEnum(VoteValue)
  value: VoteValue;
}

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
