import type { Type } from '@nestjs/common';
import { IDENTITY_ENTITIES, IDENTITY_RESOLVERS, IdentityModule } from '@common-ground/identity';
import { PROBLEMS_ENTITIES, PROBLEMS_RESOLVERS, ProblemsModule } from '@common-ground/problems';
import { SOLUTIONS_ENTITIES, SOLUTIONS_RESOLVERS, SolutionsModule } from '@common-ground/solutions';
import { PLEDGES_ENTITIES, PLEDGES_RESOLVERS, PledgesModule } from '@common-ground/pledges';
import { ACTIONS_ENTITIES, ACTIONS_RESOLVERS, ActionsModule } from '@common-ground/actions';

/** One domain lib as the app mounts it: its Nest module, the entities it owns, its resolver classes. */
export interface Domain {
  module: Type;
  entities: readonly Type[];
  resolvers: readonly Type[];
}

/**
 * The domain libs, lowest first (the order of libs/README.md). The only place a lib is registered
 * with the app: the module list, the entity list (app and migration tools) and the resolver list
 * (schema printer) are all read from here. `npm run lib:new` adds its line.
 */
export const DOMAINS: readonly Domain[] = [
  { module: IdentityModule, entities: IDENTITY_ENTITIES, resolvers: IDENTITY_RESOLVERS },
  { module: ProblemsModule, entities: PROBLEMS_ENTITIES, resolvers: PROBLEMS_RESOLVERS },
  { module: SolutionsModule, entities: SOLUTIONS_ENTITIES, resolvers: SOLUTIONS_RESOLVERS },
  { module: PledgesModule, entities: PLEDGES_ENTITIES, resolvers: PLEDGES_RESOLVERS },
  { module: ActionsModule, entities: ACTIONS_ENTITIES, resolvers: ACTIONS_RESOLVERS },
];
