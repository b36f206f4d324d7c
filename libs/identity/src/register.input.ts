import { Field, InputType } from '@nestjs/graphql';
import { IsEmail, IsString, Length, MaxLength } from 'class-validator';
import { CleanText } from '@common-ground/shared/graphql';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

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

  @Field()
  @CleanText({ singleLine: true })
  @IsString()
  @Length(1, 80, { message: 'must be between 1 and 80 characters' })
  displayName: string;
}
