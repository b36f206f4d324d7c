import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { CleanText } from '@common-ground/shared/graphql';

export const EVIDENCE_MAX = 2000;

@InputType()
export class MarkPledgeFulfilledInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a UUID' })
  pledgeId: string;

  @Field(() => String, {
    nullable: true,
    description: `What shows the delivery (a receipt, who saw it), up to ${EVIDENCE_MAX} characters; for officers and the pledger.`,
  })
  @IsOptional()
  @CleanText()
  @IsString()
  @MaxLength(EVIDENCE_MAX, { message: `must be at most ${EVIDENCE_MAX} characters` })
  evidence?: string | null;
}
