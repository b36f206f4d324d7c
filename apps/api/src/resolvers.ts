import { DOMAINS } from './domains';

/** Every resolver class; the schema printer builds the schema from these without a database. */
export const RESOLVERS = DOMAINS.flatMap((domain) => domain.resolvers);
