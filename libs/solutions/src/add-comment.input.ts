import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { CleanText } from '@common-ground/shared/graphql';

export const COMMENT_BODY_MAX = 5000;

@InputType({ description: 'Give exactly one of problemId and solutionId.' })
export class AddCommentInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  problemId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  solutionId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Reply to this comment (on the same problem or solution; one level deep).' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  parentId?: string | null;

  @Field({ description: `1 to ${COMMENT_BODY_MAX} characters.` })
  @CleanText()
  @IsString()
  @Length(1, COMMENT_BODY_MAX, { message: `must be between 1 and ${COMMENT_BODY_MAX} characters` })
  body: string;
}
