import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { createErrorFormatter, ErrorFormatterOptions } from './format-error';
import { fieldLimit, GraphQLLimits, httpSubscriptionPlugin, limitRules } from './limits';
import { serviceUnavailablePlugin } from './service-unavailable.plugin';

export interface GraphQLOptions {
  production: boolean;
  /** See ErrorFormatterOptions.mapError. */
  mapError?: ErrorFormatterOptions['mapError'];
  limits: GraphQLLimits;
}

/**
 * Apollo Server settings shared by every process that serves GraphQL.
 * Limits on depth, aliases, directives, tokens, field selections and cost always apply, each
 * refusal a 400 naming its limit; production also turns off introspection, the IDE page and
 * "did you mean" hints. Batching is off and CSRF prevention on.
 */
export function graphqlOptions(options: GraphQLOptions): ApolloDriverConfig {
  const { limits, production } = options;
  // Where introspection is allowed (not in production), its fields do not count.
  const fields = fieldLimit(limits.maxFields, { ignoreIntrospection: !production });
  const plugins = [
    fields.plugin,
    httpSubscriptionPlugin(),
    // No cache hints are used: without the default cache-control plugin no hook wraps every field.
    ApolloServerPluginCacheControlDisabled(),
    serviceUnavailablePlugin(),
  ];
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
    parseOptions: { maxTokens: limits.maxTokens },
    // This file sees the CommonJS build of @apollo/server's types, Nest the ESM one.
    plugins: plugins as ApolloDriverConfig['plugins'],
    validationRules: [fields.rule, ...limitRules(limits)],
    // graphql-js computes no "did you mean" hints in production; the formatter strips the rest.
    validationOptions: { hideSuggestions: production },
    // Nest's own plugin would reset every response with data to 200, the 503 of serviceUnavailablePlugin included.
    preserveHttpStatusForExecutionErrors: false,
    formatError: createErrorFormatter({ production, mapError: options.mapError }),
    autoTransformHttpErrors: false,
    buildSchemaOptions: { numberScalarMode: 'integer' },
    context: ({ req, res }: { req: unknown; res: unknown }) => ({ req, res }),
  };
}
