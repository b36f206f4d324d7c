import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsUUID } from 'class-validator';

export const MODERATION_REASON_MAX = 1000;

/** The item a moderation input is about: exactly one of the three ids. */
@InputType({ isAbstract: true })
export abstract class ModerationTargetInput {
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
