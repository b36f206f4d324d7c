import { Field, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { CleanText } from '@common-ground/shared/graphql';

export const CAPACITY_QUANTITY_MAX = 1_000_000;

@InputType()
export class CapacityNeedInput {
  @Field({ description: 'What is needed, e.g. VOLUNTEER_HOURS, EQUIPMENT, VENUE, or a short description.' })
  @CleanText({ singleLine: true })
  @IsString()
  @Length(1, 60, { message: 'must be between 1 and 60 characters' })
  kind: string;

  @Field(() => Int, { description: `How much, 1 to ${CAPACITY_QUANTITY_MAX}.` })
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be positive' })
  @Max(CAPACITY_QUANTITY_MAX, { message: `must be at most ${CAPACITY_QUANTITY_MAX}` })
  quantity: number;

  @Field(() => String, { nullable: true, description: 'e.g. hours, people, m².' })
  @IsOptional()
  @CleanText({ singleLine: true })
  @IsString()
  @Length(1, 30, { message: 'must be between 1 and 30 characters' })
  unit?: string | null;
}
