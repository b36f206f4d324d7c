import { Field, Float, InputType } from '@nestjs/graphql';
import { IsNumber, Max, Min } from 'class-validator';
import { LatLngInput } from './lat-lng.input';

export const MAX_RADIUS_METRES = 50_000;

@InputType()
export class NearInput extends LatLngInput {
  @Field(() => Float, { description: `Metres, up to ${MAX_RADIUS_METRES}.` })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a finite number' })
  @Min(0, { message: 'must not be negative' })
  @Max(MAX_RADIUS_METRES, { message: `must be at most ${MAX_RADIUS_METRES} metres` })
  radiusMeters: number;
}
