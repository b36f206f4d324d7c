import { Field, InputType } from '@nestjs/graphql';
import { IsEmail, IsString, Length, Matches, MaxLength } from 'class-validator';
import { CleanText } from '@common-ground/shared/graphql';
import { HAS_VISIBLE_CHARACTER, VisibleName } from './visible-name';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-policy';

@InputType()
export class RegisterInput {
  @Field()
  @CleanText({ singleLine: true })
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email: string;

  @Field({ description: `At least ${PASSWORD_MIN_LENGTH} characters, and not the e-mail address.` })
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH, {
    message: `must be between ${PASSWORD_MIN_LENGTH} and ${PASSWORD_MAX_LENGTH} characters`,
  })
  password: string;

  @Field({ description: 'Invisible and bidi control characters are removed; something visible must be left.' })
  @VisibleName()
  @IsString()
  @Length(1, 80, { message: 'must be between 1 and 80 characters' })
  @Matches(HAS_VISIBLE_CHARACTER, { message: 'must contain visible characters' })
  displayName: string;
}
