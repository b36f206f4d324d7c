import { Field, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUrl, Length, Matches, MaxLength } from 'class-validator';
import { CleanText } from '@common-ground/shared/graphql';
import { OrganisationKind } from './organisation-kind';
import { HAS_VISIBLE_CHARACTER, VisibleName } from './visible-name';

@InputType()
export class CreateOrganisationInput {
  @Field({ description: 'Invisible and bidi control characters are removed; something visible must be left.' })
  @VisibleName()
  @IsString()
  @Length(2, 120, { message: 'must be between 2 and 120 characters' })
  @Matches(HAS_VISIBLE_CHARACTER, { message: 'must contain visible characters' })
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

  @Field(() => OrganisationKind, {
    nullable: true,
    defaultValue: OrganisationKind.COMMUNITY,
    description: 'COMMUNITY or BUSINESS; an ADMIN makes an organisation a PARTNER_AGENCY with setOrganisationKind.',
  })
  @IsOptional()
  @IsEnum(OrganisationKind)
  kind?: OrganisationKind | null;
}
