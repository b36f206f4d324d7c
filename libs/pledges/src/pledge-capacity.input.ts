import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';
import { CleanText, SafeInt } from '@common-ground/shared/graphql';
import { CapacityKind } from './pledge-status';

export const PLEDGE_QUANTITY_MAX = 1_000_000;
export const PLEDGE_DESCRIPTION_MAX = 500;

@InputType()
export class PledgeCapacityInput {
  @Field(() => CapacityKind)
  @IsEnum(CapacityKind, { message: `must be one of ${Object.values(CapacityKind).join(', ')}` })
  kind: CapacityKind;

  @Field(() => SafeInt, { description: `How much, 1 to ${PLEDGE_QUANTITY_MAX}.` })
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be positive' })
  @Max(PLEDGE_QUANTITY_MAX, { message: `must be at most ${PLEDGE_QUANTITY_MAX}` })
  quantity: number;

  @Field(() => String, { nullable: true, description: 'e.g. hours, people, m²; the need’s unit when left out.' })
  @IsOptional()
  @CleanText({ singleLine: true })
  @IsString()
  @Length(1, 30, { message: 'must be between 1 and 30 characters' })
  unit?: string | null;

  @Field(() => String, { nullable: true, description: `What exactly, up to ${PLEDGE_DESCRIPTION_MAX} characters.` })
  @IsOptional()
  @CleanText()
  @IsString()
  @MaxLength(PLEDGE_DESCRIPTION_MAX, { message: `must be at most ${PLEDGE_DESCRIPTION_MAX} characters` })
  description?: string | null;

  @Field(() => ID, { nullable: true, description: 'The solution’s capacity need it counts toward; left out: the first need of its kind, if any.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  needId?: string | null;
}
