import { IDENTITY_RESOLVERS } from '@common-ground/identity';
import { PROBLEMS_RESOLVERS } from '@common-ground/problems';
import { SOLUTIONS_RESOLVERS } from '@common-ground/solutions';

/** Every resolver class; the schema printer builds the schema from these without a database. */
export const RESOLVERS = [...IDENTITY_RESOLVERS, ...PROBLEMS_RESOLVERS, ...SOLUTIONS_RESOLVERS];
