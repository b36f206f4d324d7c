import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { CleanText } from '@common-ground/shared/graphql';
import { AssessmentMetricInput } from './assessment-metric.input';
import { AssessmentOutcome } from './assessment-outcome';

export const ASSESSMENT_SUMMARY_MAX = 5000;
export const ASSESSMENT_METRICS_MAX = 20;

@InputType()
export class AssessProblemInput {
  @Field(() => ID, { description: 'A problem in ASSESSMENT.' })
  @IsUUID('all', { message: 'must be a UUID' })
  problemId: string;

  @Field(() => AssessmentOutcome)
  @IsEnum(AssessmentOutcome)
  outcome: AssessmentOutcome;

  @Field({ description: `1 to ${ASSESSMENT_SUMMARY_MAX} characters.` })
  @CleanText()
  @IsString()
  @Length(1, ASSESSMENT_SUMMARY_MAX, { message: `must be between 1 and ${ASSESSMENT_SUMMARY_MAX} characters` })
  summary: string;

  @Field(() => [AssessmentMetricInput], { nullable: true, description: `At most ${ASSESSMENT_METRICS_MAX}.` })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ASSESSMENT_METRICS_MAX, { message: `must have at most ${ASSESSMENT_METRICS_MAX} entries` })
  @ValidateNested({ each: true })
  @Type(() => AssessmentMetricInput)
  metrics?: AssessmentMetricInput[] | null;
}
