import { Field, InputType } from '@nestjs/graphql';
import { IsString, Length } from 'class-validator';
import { CleanText } from '@common-ground/shared/graphql';
import { MODERATION_REASON_MAX, ModerationTargetInput } from './moderation-target.input';

@InputType({ description: 'Give exactly one of commentId, problemId and solutionId.' })
export class FlagContentInput extends ModerationTargetInput {
  @Field({ description: `Why it should be reviewed; 1 to ${MODERATION_REASON_MAX} characters.` })
  @CleanText()
  @IsString()
  @Length(1, MODERATION_REASON_MAX, { message: `must be between 1 and ${MODERATION_REASON_MAX} characters` })
  reason: string;
}
