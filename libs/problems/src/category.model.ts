import { Field, Float, ObjectType } from '@nestjs/graphql';

@ObjectType('Category')
export class CategoryModel {
  @Field()
  code: string;

  @Field()
  name: string;

  @Field({ description: 'Problems in sensitive categories show the public a location coarsened to about 200 m.' })
  sensitive: boolean;

  @Field(() => Float)
  priorityWeight: number;
}
