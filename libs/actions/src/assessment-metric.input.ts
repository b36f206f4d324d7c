import { Field, Float, InputType } from '@nestjs/graphql';
import { IsNumber, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { CleanText } from '@common-ground/shared/graphql';

export const METRIC_VALUE_MAX = 1e12;

@InputType()
export class AssessmentMetricInput {
  @Field({ description: '1 to 120 characters, e.g. "Reported incidents per week".' })
  @CleanText({ singleLine: true })
  @IsString()
  @Length(1, 120, { message: 'must be between 1 and 120 characters' })
  name: string;

  @Field(() => Float)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a finite number' })
  @Min(-METRIC_VALUE_MAX, { message: `must be at least ${-METRIC_VALUE_MAX}` })
  @Max(METRIC_VALUE_MAX, { message: `must be at most ${METRIC_VALUE_MAX}` })
  before: number;

  @Field(() => Float)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a finite number' })
  @Min(-METRIC_VALUE_MAX, { message: `must be at least ${-METRIC_VALUE_MAX}` })
  @Max(METRIC_VALUE_MAX, { message: `must be at most ${METRIC_VALUE_MAX}` })
  after: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @CleanText({ singleLine: true })
  @IsString()
  @Length(1, 40, { message: 'must be between 1 and 40 characters' })
  unit?: string | null;

  @Field(() => String, { nullable: true, description: 'What the figures cover, e.g. "4 weeks before and after".' })
  @IsOptional()
  @CleanText({ singleLine: true })
  @IsString()
  @Length(1, 120, { message: 'must be between 1 and 120 characters' })
  period?: string | null;
}
