import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { CleanText } from '@common-ground/shared/graphql';
import { ModerationAction } from './moderation.entity';

export const MODERATION_REASON_MAX = 1000;

@InputType({ isAbstract: true })
abstract class ModerationTargetInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  commentId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  problemId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  solutionId?: string | null;
}

@InputType({ description: 'Give exactly one of commentId, problemId and solutionId.' })
export class FlagContentInput extends ModerationTargetInput {
  @Field({ description: `Why it should be reviewed; 1 to ${MODERATION_REASON_MAX} characters.` })
  @CleanText()
  @IsString()
  @Length(1, MODERATION_REASON_MAX, { message: `must be between 1 and ${MODERATION_REASON_MAX} characters` })
  reason: string;
}

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
