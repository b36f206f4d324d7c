import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsEnum, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateNested } from 'class-validator';
import { CleanText } from '@common-ground/shared/graphql';
import { LatLngInput } from './problem.model';
import { ProblemStatus } from './problem-status';

export const TITLE_MIN = 5;
export const TITLE_MAX = 140;
export const DESCRIPTION_MAX = 5000;
const TEXT_MAX = 5000;

@InputType()
export class ReportProblemInput {
  @Field({ description: `${TITLE_MIN} to ${TITLE_MAX} characters.` })
  @CleanText({ singleLine: true })
  @IsString()
  @Length(TITLE_MIN, TITLE_MAX, { message: `must be between ${TITLE_MIN} and ${TITLE_MAX} characters` })
  title: string;

  @Field({ description: `Up to ${DESCRIPTION_MAX} characters.` })
  @CleanText()
  @IsString()
  @MaxLength(DESCRIPTION_MAX, { message: `must be at most ${DESCRIPTION_MAX} characters` })
  description: string;

  @Field()
  @IsString()
  @Length(1, 40)
  categoryCode: string;

  @Field(() => LatLngInput)
  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @Type(() => LatLngInput)
  location: LatLngInput;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @CleanText({ singleLine: true })
  @IsString()
  @MaxLength(300)
  address?: string | null;

  @Field({ defaultValue: false, description: 'Hide the reporter from everyone else, officers and admins included.' })
  @IsBoolean()
  anonymous: boolean;
}

@InputType()
export class ChangeProblemStatusInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a UUID' })
  problemId: string;

  @Field(() => ProblemStatus)
  @IsEnum(ProblemStatus)
  status: ProblemStatus;

  @Field(() => String, { nullable: true, description: 'Required to reject or reopen.' })
  @IsOptional()
  @CleanText()
  @IsString()
  @MaxLength(TEXT_MAX)
  note?: string | null;
}

@InputType()
export class MarkDuplicateInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a UUID' })
  problemId: string;

  @Field(() => ID, { description: 'The problem that stays; supports move to it.' })
  @IsUUID('all', { message: 'must be a UUID' })
  duplicateOfId: string;
}

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
