import { ArgsType, Field, Float, ID, InputType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsNumber, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ConnectionArgs, CleanText } from '@common-ground/shared/graphql';
import { LatLngInput } from './problem.model';
import { ProblemStatus } from './problem-status';

export enum ProblemOrder {
  NEWEST = 'NEWEST',
  MOST_SUPPORTED = 'MOST_SUPPORTED',
  NEAREST = 'NEAREST',
  PRIORITY = 'PRIORITY',
}

registerEnumType(ProblemOrder, {
  name: 'ProblemOrder',
  valuesMap: {
    NEAREST: { description: 'Needs filter.near.' },
    PRIORITY: { description: 'Support, recency and category combined.' },
  },
});

export const MAX_RADIUS_METRES = 50_000;

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

  @Field(() => [ProblemStatus], { nullable: true })
  @IsOptional()
  @IsArray()
  @IsEnum(ProblemStatus, { each: true })
  statuses?: ProblemStatus[];

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
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
