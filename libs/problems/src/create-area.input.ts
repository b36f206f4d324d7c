import { Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsString, Length, ValidateNested } from 'class-validator';
import { CleanText } from '@common-ground/shared/graphql';
import { LatLngInput } from './lat-lng.input';

@InputType()
export class CreateAreaInput {
  @Field()
  @CleanText({ singleLine: true })
  @IsString()
  @Length(2, 120, { message: 'must be between 2 and 120 characters' })
  name: string;

  @Field(() => [LatLngInput], { description: 'A closed ring: at least 3 corners, and the first point again at the end.' })
  @ArrayMinSize(4, { message: 'must have at least 4 points (3 corners and the first point again)' })
  @ArrayMaxSize(10_000)
  @ValidateNested({ each: true })
  @Type(() => LatLngInput)
  boundary: LatLngInput[];
}
