import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { UserModel } from '@common-ground/identity';
import { LatLngModel, ProblemModel } from './problem.model';

@ObjectType('Area', { description: 'A neighbourhood or beat, with its local team of officers.' })
export class AreaModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => [LatLngModel], { description: 'A closed ring: the last point repeats the first.' })
  boundary: LatLngModel[];

  @Field(() => GraphQLISODateTime)
  createdAt: Date;
}

@ObjectType('LocalTeam')
export class LocalTeamModel {
  @Field(() => AreaModel)
  area: AreaModel;

  @Field(() => [UserModel], { description: 'The officers assigned to the area (public profiles).' })
  officers: UserModel[];

  /** Resolved by LocalTeamResolver (planned into localTeam's statement). */
  priorities: ProblemModel[];
}
