import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DocumentNode, execute, ExecutionResult, getVariableValues, GraphQLError, GraphQLSchema, locatedError, OperationDefinitionNode } from 'graphql';
import { compileQuery, CompiledQuery, isCompiledQuery } from 'graphql-jit';
import { GraphQLError as JitGraphQLError } from 'graphql-jit/dist/error';
import { LRUCache } from 'lru-cache';

type Gateway = NonNullable<ApolloServerOptionsWithGateway<Record<string, unknown>>['gateway']>;
type GatewayExecutor = NonNullable<Awaited<ReturnType<Gateway['load']>>['executor']>;
type GatewayRequestContext = Parameters<GatewayExecutor>[0];

export interface JitExecutorOptions {
  /** How many compiled documents are kept; the least recently used one is dropped. */
  cacheEntries: number;
  /** Told once per document that graphql-jit cannot compile (it then runs on graphql-js). */
  onCompileFailure?: (operationName: string | null, errors: readonly GraphQLError[]) => void;
}

/** graphql-jit's error class (a function whose prototype extends graphql-js's GraphQLError). */
const JIT_ERROR = JitGraphQLError as unknown as abstract new (...args: never[]) => GraphQLError;

/** graphql-js, chosen for one document: it could not be compiled. */
const INTERPRETED = Symbol('interpreted');

/**
 * Runs queries as graphql-jit code: each document is compiled once (per document text and
 * operation name, in a bounded LRU cache) and then run as plain JavaScript, without graphql-js
 * walking the document for every request.
 *
 * What the client sees is what graphql-js gives:
 * - variables are coerced by graphql-js first, so their errors (messages, the 50-error cap and
 *   Apollo's 400 for them, which it recognises by their variable-definition nodes) are its own;
 * - graphql-jit's errors are rebuilt as graphql-js errors the way graphql-js locates a
 *   resolver's error (same message, path, locations, extensions and original error), so the
 *   formatter finds the domain error behind each one and maps it to its code and reason;
 * - mutations run on graphql-js: it runs their root fields one after another and stops at the
 *   first one whose non-null field fails (graphql-jit would run the rest), and a write is not
 *   worth compiling. Subscriptions are served by graphql-ws and never come here.
 * Parsing, validation (limits, introspection rules), CSRF prevention and the other request
 * plugins are Apollo's, before this runs.
 */
export class JitExecutor {
  private readonly compiled: LRUCache<string, CompiledQuery | typeof INTERPRETED>;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly options: JitExecutorOptions,
  ) {
    this.compiled = new LRUCache({ max: options.cacheEntries });
  }

  /** How many times a document was compiled (once each, unless it dropped out of the cache). */
  compilations = 0;

  /** How many compiled documents are cached now. */
  get size(): number {
    return this.compiled.size;
  }

  readonly execute = async (requestContext: GatewayRequestContext): Promise<ExecutionResult> => {
    const { document, operation, request } = requestContext;
    const contextValue = requestContext.context;
    const variables = request.variables ?? {};
    // No such operation (Apollo answers graphql-js's error as OPERATION_RESOLUTION_FAILURE), or a mutation.
    if (!operation || operation.operation !== 'query') {
      return execute({ schema: this.schema, document, operationName: request.operationName, contextValue, variableValues: variables });
    }
    const compiled = this.compiledFor(requestContext.source, request.operationName, document);
    if (compiled === INTERPRETED) {
      return execute({ schema: this.schema, document, operationName: request.operationName, contextValue, variableValues: variables });
    }
    const coercion = this.coerceVariables(operation, variables);
    if (coercion) return coercion;
    const result = await compiled.query(undefined, contextValue, variables);
    return result.errors ? { ...result, errors: result.errors.map(asGraphQLJsError) } : result;
  };

  /** The gateway Apollo Server's executor hook takes: this schema, this executor. */
  gateway(): Gateway {
    return {
      onSchemaLoadOrUpdate: (callback) => {
        callback({ apiSchema: this.schema, coreSupergraphSdl: '' });
        return () => undefined;
      },
      load: async () => ({ executor: this.execute }),
      stop: async () => undefined,
    };
  }

  private compiledFor(source: string, operationName: string | undefined, document: DocumentNode): CompiledQuery | typeof INTERPRETED {
    const key = `${operationName ?? ''}\n${source}`;
    const known = this.compiled.get(key);
    if (known) return known;
    this.compilations++;
    const result = compileQuery(this.schema, document, operationName);
    const compiled = isCompiledQuery(result) ? result : INTERPRETED;
    if (compiled === INTERPRETED) this.options.onCompileFailure?.(operationName ?? null, (result as ExecutionResult).errors ?? []);
    this.compiled.set(key, compiled);
    return compiled;
  }

  /** graphql-js's own coercion of the variables (as `execute` does it), or undefined when they are fine. */
  private coerceVariables(operation: OperationDefinitionNode, variables: Record<string, unknown>): ExecutionResult | undefined {
    const coerced = getVariableValues(this.schema, operation.variableDefinitions ?? [], variables, { maxErrors: 50 });
    return coerced.errors ? { errors: coerced.errors } : undefined;
  }
}

/**
 * graphql-jit's error as graphql-js makes a field's error, with graphql-js's own `locatedError`:
 * a located GraphQLError a resolver threw is kept as it is; anything else becomes a GraphQLError
 * with graphql-jit's path and locations (computed from the same field nodes) around what was
 * thrown (a non-error wrapped as graphql-js wraps it), or, for what graphql-jit found itself (a
 * null in a non-null field), around an Error with its message, as graphql-js throws one.
 */
export function asGraphQLJsError(error: GraphQLError): GraphQLError {
  if (!(error instanceof JIT_ERROR)) return error;
  const thrown: unknown = error.originalError;
  const located = locatedError(thrown === undefined ? new Error(error.message) : thrown, undefined, error.path);
  if (located !== thrown && located.locations === undefined) (located as { locations?: GraphQLError['locations'] }).locations = error.locations;
  return located;
}

/**
 * Nest's Apollo driver with graphql-jit as the executor, through Apollo Server's supported hook
 * for one (`gateway`: Apollo still parses, validates and runs its plugins; only execution is
 * handed over). Everything else about the server is the driver's own.
 */
export function jitApolloDriver(options: JitExecutorOptions): typeof ApolloDriver {
  class JitApolloDriver extends ApolloDriver {
    override async registerServer(apolloOptions: ApolloDriverConfig): Promise<void> {
      const schema = apolloOptions.schema;
      if (!schema) throw new Error('The jit executor needs the schema built before the server starts');
      const executor = new JitExecutor(schema, options);
      // With a gateway Apollo Server takes the schema and the executor from it and ignores `schema`.
      return super.registerServer({ ...apolloOptions, gateway: executor.gateway() } as ApolloDriverConfig);
    }
  }
  return JitApolloDriver;
}
