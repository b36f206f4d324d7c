import { Field, GraphQLISODateTime, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsEnum, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { CleanText } from '@common-ground/shared/graphql';
import { ActionVisibility } from './action-status';

export const ACTION_TITLE_MIN = 3;
export const ACTION_TITLE_MAX = 140;
export const ACTION_DESCRIPTION_MAX = 5000;

@InputType()
export class CreateActionInput {
  @Field(() => ID, { description: 'A problem in RESPONSE.' })
  @IsUUID('all', { message: 'must be a UUID' })
  problemId: string;

  @Field(() => ID, { nullable: true, description: 'One of the problem’s adopted (or implemented) solutions that the action carries out.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  solutionId?: string | null;

  @Field({ description: `${ACTION_TITLE_MIN} to ${ACTION_TITLE_MAX} characters.` })
  @CleanText({ singleLine: true })
  @IsString()
  @Length(ACTION_TITLE_MIN, ACTION_TITLE_MAX, { message: `must be between ${ACTION_TITLE_MIN} and ${ACTION_TITLE_MAX} characters` })
  title: string;

  @Field(() => String, { nullable: true, description: `Up to ${ACTION_DESCRIPTION_MAX} characters.` })
  @IsOptional()
  @CleanText()
  @IsString()
  @MaxLength(ACTION_DESCRIPTION_MAX, { message: `must be at most ${ACTION_DESCRIPTION_MAX} characters` })
  description?: string | null;

  @Field(() => ID, { nullable: true, description: 'An officer or supervisor; not together with organisationId.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  assigneeId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'A partner agency, or an organisation that proposed one of the problem’s solutions; not together with assigneeId.',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  organisationId?: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'must be a date-time' })
  dueAt?: Date | null;

  @Field(() => ActionVisibility, { nullable: true, defaultValue: ActionVisibility.PUBLIC })
  @IsOptional()
  @IsEnum(ActionVisibility)
  visibility?: ActionVisibility | null;
}
