import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { CleanText } from '@common-ground/shared/graphql';
import { OutcomeWorked } from './assessment-outcome';

export const RATING_COMMENT_MAX = 1000;

@InputType({ description: 'Once per person; rating again changes the answer (and replaces the comment).' })
export class RateOutcomeInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a UUID' })
  problemId: string;

  @Field(() => OutcomeWorked)
  @IsEnum(OutcomeWorked)
  worked: OutcomeWorked;

  @Field(() => String, { nullable: true, description: `1 to ${RATING_COMMENT_MAX} characters. Shown without your name.` })
  @IsOptional()
  @CleanText()
  @IsString()
  @Length(1, RATING_COMMENT_MAX, { message: `must be between 1 and ${RATING_COMMENT_MAX} characters` })
  comment?: string | null;
}
