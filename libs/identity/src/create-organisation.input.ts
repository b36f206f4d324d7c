import { Field, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, IsUrl, Length, MaxLength } from 'class-validator';
import { CleanText } from '@common-ground/shared/graphql';

@InputType()
export class CreateOrganisationInput {
  @Field()
  @CleanText({ singleLine: true })
  @IsString()
  @Length(2, 120, { message: 'must be between 2 and 120 characters' })
  name: string;

  @Field({ defaultValue: '' })
  @CleanText()
  @IsString()
  @MaxLength(5000)
  description: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @CleanText({ singleLine: true })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'must be an http(s) URL' })
  @MaxLength(500)
  website?: string | null;
}
