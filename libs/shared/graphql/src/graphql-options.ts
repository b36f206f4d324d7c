import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { createErrorFormatter } from './format-error';
import { serviceUnavailablePlugin } from './service-unavailable.plugin';

export interface GraphQLLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  maxCost: number;
}

export interface GraphQLOptions {
  production: boolean;
  limits: GraphQLLimits;
}

/**
 * Apollo Server settings shared by every process that serves GraphQL.
 * Limits on depth, aliases, directives, tokens and cost always apply; production also turns off
 * introspection, the IDE page and "did you mean" hints. Batching is off and CSRF prevention on.
 */
export function graphqlOptions(options: GraphQLOptions): ApolloDriverConfig {
  const { limits, production } = options;
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true },
    maxAliases: { n: limits.maxAliases },
    maxDirectives: { n: limits.maxDirectives },
    maxTokens: { n: limits.maxTokens },
    costLimit: { maxCost: limits.maxCost, ignoreIntrospection: true },
    blockFieldSuggestion: { enabled: production },
  });
  const protection = armor.protect();
  return {
    driver: ApolloDriver,
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    introspection: !production,
    graphiql: !production,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    // graphql-armor and this file see the CommonJS build of @apollo/server's types, Nest the ESM one.
    // No cache hints are used: without the default cache-control plugin no hook wraps every field.
    plugins: [...protection.plugins, ApolloServerPluginCacheControlDisabled(), serviceUnavailablePlugin()] as ApolloDriverConfig['plugins'],
    // Nest's own plugin would reset every response with data to 200, the 503 of serviceUnavailablePlugin included.
    preserveHttpStatusForExecutionErrors: false,
    validationRules: protection.validationRules,
    formatError: createErrorFormatter(),
    autoTransformHttpErrors: false,
    buildSchemaOptions: { numberScalarMode: 'integer' },
    context: ({ req, res }: { req: unknown; res: unknown }) => ({ req, res }),
  };
}
