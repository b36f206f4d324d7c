import { Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsOptional, IsString, Length, MaxLength, ValidateNested } from 'class-validator';
import { CleanText } from '@common-ground/shared/graphql';
import { LatLngInput } from './lat-lng.input';
import { DESCRIPTION_MAX, TITLE_MAX, TITLE_MIN } from './problem.limits';

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
