import { Field, InputType } from '@nestjs/graphql';
import { IsEnum, IsString, Length } from 'class-validator';
import { CleanText } from '@common-ground/shared/graphql';
import { ModerationAction } from './moderation.entity';
import { MODERATION_REASON_MAX, ModerationTargetInput } from './moderation-target.input';

@InputType({ description: 'Give exactly one of commentId, problemId and solutionId.' })
export class ModerateContentInput extends ModerationTargetInput {
  @Field(() => ModerationAction)
  @IsEnum(ModerationAction)
  action: ModerationAction;

  @Field({ description: `Recorded in the audit trail; 1 to ${MODERATION_REASON_MAX} characters.` })
  @CleanText()
  @IsString()
  @Length(1, MODERATION_REASON_MAX, { message: `must be between 1 and ${MODERATION_REASON_MAX} characters` })
  reason: string;
}
