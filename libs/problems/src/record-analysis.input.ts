import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { CleanText } from '@common-ground/shared/graphql';
import { TEXT_MAX } from './problem.limits';

@InputType()
export class RecordAnalysisInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a UUID' })
  problemId: string;

  @Field(() => String, { nullable: true }) @IsOptional() @CleanText() @IsString() @MaxLength(TEXT_MAX) offender?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @CleanText() @IsString() @MaxLength(TEXT_MAX) victim?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @CleanText() @IsString() @MaxLength(TEXT_MAX) place?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @CleanText() @IsString() @MaxLength(TEXT_MAX) handler?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @CleanText() @IsString() @MaxLength(TEXT_MAX) guardian?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @CleanText() @IsString() @MaxLength(TEXT_MAX) manager?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @CleanText() @IsString() @MaxLength(TEXT_MAX) hypothesis?: string | null;
}
