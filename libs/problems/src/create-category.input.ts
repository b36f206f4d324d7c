import { Field, Float, InputType, Int } from '@nestjs/graphql';
import { IsBoolean, IsInt, IsNumber, IsString, Length, Matches, Max, Min } from 'class-validator';
import { CleanText } from '@common-ground/shared/graphql';

@InputType()
export class CreateCategoryInput {
  @Field({ description: 'UPPER_SNAKE code, e.g. NOISE.' })
  @Matches(/^[A-Z][A-Z0-9_]{1,39}$/, { message: 'must be UPPER_SNAKE_CASE, 2 to 40 characters' })
  code: string;

  @Field()
  @CleanText({ singleLine: true })
  @IsString()
  @Length(2, 80, { message: 'must be between 2 and 80 characters' })
  name: string;

  @Field({ defaultValue: false })
  @IsBoolean()
  sensitive: boolean;

  @Field(() => Float, { defaultValue: 0 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-5)
  @Max(5)
  priorityWeight: number;

  @Field(() => Int, { defaultValue: 100 })
  @IsInt()
  @Min(0)
  @Max(10_000)
  sortOrder: number;
}
