import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { DocumentNode, FragmentDefinitionNode, GraphQLError, Kind, parse, SelectionSetNode, ValidationContext, ValidationRule } from 'graphql';

export interface GraphQLLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  maxCost: number;
  maxFields: number;
}

/** The stable `extensions.reason` of each limit's refusal. */
export enum LimitReason {
  DEPTH = 'DEPTH_LIMIT',
  ALIASES = 'ALIAS_LIMIT',
  DIRECTIVES = 'DIRECTIVE_LIMIT',
  TOKENS = 'TOKEN_LIMIT',
  COST = 'COST_LIMIT',
  FIELDS = 'FIELD_LIMIT',
}

/** A refused document: 400, GRAPHQL_VALIDATION_FAILED, the limit named in the message and the reason. */
export function limitError(message: string, reason: LimitReason): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED', reason, http: { status: 400 } },
  });
}

/**
 * graphql-armor's depth, alias, directive and cost limits as validation rules whose refusals are
 * ordinary validation errors (HTTP 400) naming the limit; armor's own refusals read "Syntax
 * Error" and, thrown, end the request as a 500. `__typename` aliases count like any other.
 * Tokens are limited by the parser itself (Apollo's `parseOptions.maxTokens`), and field
 * suggestions are masked by the error formatter, so armor's plugins for them are off.
 */
export function limitRules(limits: GraphQLLimits): ValidationRule[] {
  const reject =
    (reason: LimitReason) =>
    (context: ValidationContext | null, error: GraphQLError): void =>
      context?.reportError(limitError(error.message.replace(/^Syntax Error: /, ''), reason));
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true, propagateOnRejection: false, onReject: [reject(LimitReason.DEPTH)] },
    maxAliases: { n: limits.maxAliases, allowList: [], propagateOnRejection: false, onReject: [reject(LimitReason.ALIASES)] },
    maxDirectives: { n: limits.maxDirectives, propagateOnRejection: false, onReject: [reject(LimitReason.DIRECTIVES)] },
    costLimit: { maxCost: limits.maxCost, ignoreIntrospection: true, propagateOnRejection: false, onReject: [reject(LimitReason.COST)] },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  });
  return armor.protect().validationRules as ValidationRule[];
}

/**
 * Refuses documents with more than `maxFields` field selections (fragments counted where they
 * are spread) before graphql-js validates them: its check that same-named fields can be merged
 * compares them pairwise, so a few hundred copies of one field cost hundreds of milliseconds of
 * CPU. The plugin counts as validation starts; a refused document is swapped for a one-field
 * stand-in whose only validation error, reported by the rule, is the refusal. (An error thrown by
 * that hook would end the request as a 500, so the refusal travels as a validation error: 400,
 * GRAPHQL_VALIDATION_FAILED, through the error formatter like every other.)
 */
export function fieldLimit(maxFields: number, options: { ignoreIntrospection: boolean }): { plugin: ApolloServerPlugin; rule: ValidationRule } {
  const refusals = new WeakMap<DocumentNode, GraphQLError>();
  const plugin: ApolloServerPlugin = {
    async requestDidStart() {
      return {
        async validationDidStart(requestContext) {
          const fields = countFields(requestContext.document, options);
          if (fields <= maxFields) return;
          const standIn = parse('{ __typename }', { noLocation: true });
          refusals.set(standIn, limitError(`Field selection limit of ${maxFields} exceeded, found ${fields}.`, LimitReason.FIELDS));
          // Apollo validates (and then answers) the request context's document, read after this hook.
          (requestContext as { document: DocumentNode }).document = standIn;
        },
      };
    },
  };
  const rule: ValidationRule = (context) => ({
    Document(node) {
      const refusal = refusals.get(node);
      if (refusal) context.reportError(refusal);
    },
  });
  return { plugin, rule };
}

/**
 * Field selections of every operation, with fragment spreads expanded (each fragment counted
 * once, cycles not followed). With `ignoreIntrospection`, `__schema` and `__type` count as one
 * (where introspection is allowed, GraphiQL's introspection query has some 220 fields).
 */
export function countFields(document: DocumentNode, options: { ignoreIntrospection?: boolean } = {}): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const counted = new Map<string, number>();
  const visiting = new Set<string>();
  const inFragment = (name: string): number => {
    const known = counted.get(name);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    if (!fragment || visiting.has(name)) return 0;
    visiting.add(name);
    const count = inSet(fragment.selectionSet);
    visiting.delete(name);
    counted.set(name, count);
    return count;
  };
  const inSet = (set: SelectionSetNode | undefined): number => {
    let count = 0;
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        const introspection = selection.name.value === '__schema' || selection.name.value === '__type';
        count += 1 + (introspection && options.ignoreIntrospection ? 0 : inSet(selection.selectionSet));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) count += inSet(selection.selectionSet);
      else count += inFragment(selection.name.value);
      if (count > Number.MAX_SAFE_INTEGER) return Number.MAX_SAFE_INTEGER;
    }
    return count;
  };
  let total = 0;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) total += inSet(definition.selectionSet);
  }
  return Math.min(total, Number.MAX_SAFE_INTEGER);
}

/** Subscriptions are served over WebSocket (graphql-ws); over HTTP they are refused with their own code. */
export function httpSubscriptionPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation === 'subscription') {
            throw new GraphQLError('Subscriptions are served over WebSocket (the graphql-ws protocol) on /graphql, not over HTTP', {
              extensions: { code: 'OPERATION_NOT_SUPPORTED', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
