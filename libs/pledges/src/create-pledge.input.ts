import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { CleanText, MoneyInput } from '@common-ground/shared/graphql';
import { PledgeCapacityInput } from './pledge-capacity.input';
import { PledgeKind } from './pledge-status';

export const PLEDGE_NOTE_MAX = 500;

@InputType()
export class CreatePledgeInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a UUID' })
  solutionId: string;

  @Field(() => PledgeKind, { description: 'FUNDING takes `amount`, CAPACITY takes `capacity`: exactly one of the two.' })
  @IsEnum(PledgeKind)
  kind: PledgeKind;

  @Field(() => MoneyInput, {
    nullable: true,
    description: 'Positive, at most the configured maximum, in the solution’s funding-goal currency (the platform’s default without a goal).',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => MoneyInput)
  amount?: MoneyInput | null;

  @Field(() => PledgeCapacityInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => PledgeCapacityInput)
  capacity?: PledgeCapacityInput | null;

  @Field(() => ID, { nullable: true, description: 'Pledge on behalf of an organisation you belong to.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  organisationId?: string | null;

  @Field(() => String, { nullable: true, description: `A public note, up to ${PLEDGE_NOTE_MAX} characters.` })
  @IsOptional()
  @CleanText()
  @IsString()
  @MaxLength(PLEDGE_NOTE_MAX, { message: `must be at most ${PLEDGE_NOTE_MAX} characters` })
  note?: string | null;
}
