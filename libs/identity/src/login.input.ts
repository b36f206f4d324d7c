import { Field, InputType } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';
import { CleanText } from '@common-ground/shared/graphql';
import { PASSWORD_MAX_LENGTH } from './password-policy';

@InputType()
export class LoginInput {
  @Field()
  @CleanText({ singleLine: true })
  @IsString()
  @MaxLength(254)
  email: string;

  @Field()
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;
}
