import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { UserModel } from '@common-ground/identity';
import { AreaModel, AreaService, toAreaModel } from '@common-ground/problems';

/** What this lib adds to the identity lib's User: the areas an officer works (as public as the local team). */
@Resolver(() => UserModel)
export class UserAreasResolver {
  constructor(private readonly areaService: AreaService) {}

  @ResolveField(() => [AreaModel], { description: 'The areas the user is assigned to as an officer (empty for everyone else).' })
  async areas(@Parent() user: UserModel): Promise<AreaModel[]> {
    return (await this.areaService.areasOf(user.id)).map(toAreaModel);
  }
}
