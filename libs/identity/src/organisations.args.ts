import { ArgsType, Field } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { CleanText, ConnectionArgs } from '@common-ground/shared/graphql';

export const ORGANISATION_SEARCH_MAX = 100;

@ArgsType()
export class OrganisationsArgs extends ConnectionArgs {
  @Field(() => String, { nullable: true, description: `Part of the name, any case (up to ${ORGANISATION_SEARCH_MAX} characters).` })
  @IsOptional()
  @CleanText({ singleLine: true })
  @IsString()
  @MaxLength(ORGANISATION_SEARCH_MAX, { message: `must be at most ${ORGANISATION_SEARCH_MAX} characters` })
  search?: string | null;
}
