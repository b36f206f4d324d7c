import { Field, Float, InputType } from '@nestjs/graphql';
import { IsLatitude, IsLongitude, IsNumber } from 'class-validator';

@InputType()
export class LatLngInput {
  @Field(() => Float, { description: 'Latitude, -90 to 90.' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a finite number' })
  @IsLatitude({ message: 'must be a latitude between -90 and 90' })
  lat: number;

  @Field(() => Float, { description: 'Longitude, -180 to 180.' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a finite number' })
  @IsLongitude({ message: 'must be a longitude between -180 and 180' })
  lng: number;
}
