import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { Logger } from '@nestjs/common';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { createErrorFormatter, ErrorFormatterOptions } from './format-error';
import { graphiqlPlugin } from './graphiql.plugin';
import { graphqlContext } from './http-request';
import { jitApolloDriver } from './jit-executor';
import { fieldLimit, GraphQLLimits, httpSubscriptionPlugin, limitRules } from './limits';
import { serviceUnavailablePlugin } from './service-unavailable.plugin';

export interface GraphQLOptions {
  production: boolean;
  /** See ErrorFormatterOptions.mapError. */
  mapError?: ErrorFormatterOptions['mapError'];
  limits: GraphQLLimits;
  /** `jit`: queries run as graphql-jit code (see JitExecutor); default graphql-js. */
  executor?: 'graphql-js' | 'jit';
  /** With `jit`: how many compiled documents are kept. */
  jitCacheEntries?: number;
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
    // The IDE page, its files from the API's origin (Nest's own page loads them from a CDN).
    ...(production ? [] : [graphiqlPlugin('/graphql')]),
  ];
  const logger = new Logger('GraphQL');
  const driver =
    options.executor === 'jit'
      ? jitApolloDriver({
          cacheEntries: options.jitCacheEntries ?? 1000,
          onCompileFailure: (operationName, errors) =>
            logger.warn({ operationName, errors: errors.map((e) => e.message) }, 'graphql-jit cannot compile a document; it runs on graphql-js'),
        })
      : ApolloDriver;
  return {
    driver,
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    introspection: !production,
    // Off: Nest's page loads React and GraphiQL from a CDN; graphiqlPlugin serves one that needs no internet.
    graphiql: false,
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
    context: graphqlContext,
  };
}
