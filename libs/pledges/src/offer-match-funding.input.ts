import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { MoneyInput } from '@common-ground/shared/graphql';

export const MATCH_RATIO_MAX = 10;

@InputType()
export class OfferMatchFundingInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a UUID' })
  solutionId: string;

  @Field(() => ID, { description: 'The organisation that matches; you must be its OWNER or MEMBER.' })
  @IsUUID('all', { message: 'must be a UUID' })
  organisationId: string;

  @Field(() => MoneyInput, { description: 'At most this much in all, in the solution’s pledge currency; at most the configured pledge maximum.' })
  @ValidateNested()
  @Type(() => MoneyInput)
  cap: MoneyInput;

  @Field(() => Int, { nullable: true, defaultValue: 1, description: `Added for each 1 residents pledge, 1 to ${MATCH_RATIO_MAX}.` })
  @IsOptional()
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be at least 1' })
  @Max(MATCH_RATIO_MAX, { message: `must be at most ${MATCH_RATIO_MAX}` })
  ratio?: number | null;
}
