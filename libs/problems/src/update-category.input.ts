import { Field, Float, InputType, Int } from '@nestjs/graphql';
import { IsBoolean, IsInt, IsNumber, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { CleanText } from '@common-ground/shared/graphql';

@InputType()
export class UpdateCategoryInput {
  @Field()
  @IsString()
  code: string;

  @Field({ nullable: true })
  @IsOptional()
  @CleanText({ singleLine: true })
  @IsString()
  @Length(2, 80, { message: 'must be between 2 and 80 characters' })
  name?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  sensitive?: boolean;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-5)
  @Max(5)
  priorityWeight?: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  sortOrder?: number;
}
