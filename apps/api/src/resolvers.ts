import { IDENTITY_RESOLVERS } from '@common-ground/identity';

/** Every resolver class; the schema printer builds the schema from these without a database. */
export const RESOLVERS = [...IDENTITY_RESOLVERS];
