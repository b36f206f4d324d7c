import { ArgsType, Field, Float, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsNumber, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ConnectionArgs, CleanText } from '@common-ground/shared/graphql';
import { LatLngInput } from './lat-lng.input';
import { ProblemOrder } from './problem.commands';
import { ProblemStatus } from './problem-status';

export const MAX_RADIUS_METRES = 50_000;
/** Filter lists: every status at most once; category codes as many as a client could mean. */
export const MAX_FILTER_STATUSES = Object.keys(ProblemStatus).length;
export const MAX_FILTER_CATEGORY_CODES = 50;

@InputType()
export class NearInput extends LatLngInput {
  @Field(() => Float, { description: `Metres, up to ${MAX_RADIUS_METRES}.` })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a finite number' })
  @Min(0, { message: 'must not be negative' })
  @Max(MAX_RADIUS_METRES, { message: `must be at most ${MAX_RADIUS_METRES} metres` })
  radiusMeters: number;
}

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

@ArgsType()
export class ProblemsArgs extends ConnectionArgs {
  @Field(() => ProblemFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProblemFilter)
  filter?: ProblemFilter;

  @Field(() => ProblemOrder, { nullable: true, defaultValue: ProblemOrder.NEWEST })
  @IsOptional()
  @IsEnum(ProblemOrder)
  orderBy?: ProblemOrder;
}
