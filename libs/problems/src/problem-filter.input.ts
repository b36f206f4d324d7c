import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { CleanText } from '@common-ground/shared/graphql';
import { NearInput } from './near.input';
import { ProblemStatus } from './problem-status';

/** Filter lists: every status at most once; category codes as many as a client could mean. */
export const MAX_FILTER_STATUSES = Object.keys(ProblemStatus).length;
export const MAX_FILTER_CATEGORY_CODES = 50;

@InputType()
export class ProblemFilter {
  @Field(() => NearInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => NearInput)
  near?: NearInput;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  areaId?: string;

  @Field(() => [ProblemStatus], { nullable: true, description: `At most ${MAX_FILTER_STATUSES}.` })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_FILTER_STATUSES, { message: `must have at most ${MAX_FILTER_STATUSES} entries` })
  @IsEnum(ProblemStatus, { each: true })
  statuses?: ProblemStatus[];

  @Field(() => [String], { nullable: true, description: `At most ${MAX_FILTER_CATEGORY_CODES}.` })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_FILTER_CATEGORY_CODES, { message: `must have at most ${MAX_FILTER_CATEGORY_CODES} entries` })
  @IsString({ each: true })
  @MaxLength(64, { each: true, message: 'must be category codes of at most 64 characters' })
  categoryCodes?: string[];

  @Field({ nullable: true, description: 'Full-text search over title and description (web search syntax).' })
  @IsOptional()
  @CleanText({ singleLine: true })
  @IsString()
  @MaxLength(200)
  search?: string;
}
