import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateNested } from 'class-validator';
import { CleanText, MoneyInput } from '@common-ground/shared/graphql';
import { CapacityNeedInput } from './capacity-need.input';

export const SOLUTION_TITLE_MIN = 3;
export const SOLUTION_TITLE_MAX = 140;
export const SOLUTION_DESCRIPTION_MAX = 5000;
export const CAPACITY_NEEDS_MAX = 20;

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
