import { GraphQLScalarType } from 'graphql';
import { GraphQLSafeInt } from 'graphql-scalars';

/**
 * graphql-scalars' SafeInt (whole numbers within ±(2^53 − 1), parsed and serialised by its own
 * code), without the @specifiedBy URL: a standard introspection query does not ask for it, so
 * the schema a client rebuilds would otherwise differ from the committed schema.graphql.
 */
export const SafeInt = new GraphQLScalarType({ ...GraphQLSafeInt.toConfig(), specifiedByURL: undefined });
