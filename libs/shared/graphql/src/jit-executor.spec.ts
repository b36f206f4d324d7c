import {
  execute,
  ExecutionResult,
  GraphQLError,
  GraphQLID,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  Kind,
  OperationDefinitionNode,
  parse,
} from 'graphql';
import { ForbiddenError, NotFoundError } from './errors';
import { JitExecutor } from './jit-executor';

const Item: GraphQLObjectType = new GraphQLObjectType({
  name: 'Item',
  fields: () => ({
    id: { type: new GraphQLNonNull(GraphQLID) },
    name: { type: GraphQLString, resolve: (item: { id: string }) => (item.id === '2' ? Promise.reject(new ForbiddenError('not yours')) : `item ${item.id}`) },
    size: { type: new GraphQLNonNull(GraphQLInt), resolve: (item: { id: string }) => (item.id === '3' ? null : 1) },
    thrown: { type: GraphQLString, resolve: () => Promise.reject('a string, not an error') },
  }),
});

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      items: {
        type: new GraphQLList(Item),
        args: { first: { type: GraphQLInt } },
        resolve: (_: unknown, { first }: { first?: number }) => ['1', '2', '3'].slice(0, first ?? 3).map((id) => ({ id })),
      },
      item: {
        type: Item,
        args: { id: { type: new GraphQLNonNull(GraphQLID) } },
        resolve: (_: unknown, { id }: { id: string }) => {
          if (id === 'located') throw new GraphQLError('already located', { path: ['elsewhere'] });
          throw new NotFoundError('Item', id);
        },
      },
      viewer: { type: GraphQLString, resolve: (_: unknown, __: unknown, context: { viewer?: string }) => context.viewer ?? null },
    },
  }),
  mutation: new GraphQLObjectType({ name: 'Mutation', fields: { touch: { type: GraphQLString, resolve: () => 'touched' } } }),
});

function run(executor: JitExecutor, query: string, variables: Record<string, unknown> = {}, context: object = {}) {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  return executor.execute({ document, operation, source: query, request: { query, variables }, context } as unknown as Parameters<JitExecutor['execute']>[0]);
}

/** What a client and the formatter see of a result: data, each error as JSON, and what it wraps. */
function seen(result: ExecutionResult) {
  return {
    data: result.data,
    errors: result.errors?.map((error) => ({
      json: error.toJSON(),
      isGraphQLJsError: Object.getPrototypeOf(error) === GraphQLError.prototype,
      original: error.originalError === undefined ? undefined : [error.originalError.constructor.name, error.originalError.message],
      onVariable: error.nodes?.[0]?.kind === Kind.VARIABLE_DEFINITION,
    })),
  };
}

async function both(query: string, variables: Record<string, unknown> = {}, context: object = {}) {
  const interpreted = await execute({ schema, document: parse(query), variableValues: variables, contextValue: context });
  const compiled = await run(new JitExecutor(schema, { cacheEntries: 10 }), query, variables, context);
  return { interpreted: seen(interpreted), compiled: seen(compiled) };
}

describe('JitExecutor', () => {
  it('answers like graphql-js, domain errors kept behind located GraphQL errors with the same path and locations', async () => {
    const { interpreted, compiled } = await both('{\n  items {\n    id\n    name\n  }\n  item(id: "9") { id }\n}');
    expect(compiled).toEqual(interpreted);
    expect(compiled.errors?.map((e) => [e.json.path, e.original?.[0]])).toEqual([
      [['item'], 'NotFoundError'],
      [['items', 1, 'name'], 'ForbiddenError'],
    ]);
  });

  it('nulls the parent of a null non-null field as graphql-js does, with its message', async () => {
    const { interpreted, compiled } = await both('{ items { id size } }');
    expect(compiled).toEqual(interpreted);
    expect(compiled.data).toEqual({ items: [{ id: '1', size: 1 }, { id: '2', size: 1 }, null] });
  });

  it('keeps a located GraphQL error a resolver threw, and wraps a thrown non-error the way graphql-js does', async () => {
    const located = await both('{ item(id: "located") { id } }');
    expect(located.compiled).toEqual(located.interpreted);
    expect(located.compiled.errors?.[0].json.path).toEqual(['elsewhere']);
    const thrown = await both('{ items(first: 1) { thrown } }');
    expect(thrown.compiled).toEqual(thrown.interpreted);
    expect(thrown.compiled.errors?.map((e) => e.json.message)).toEqual(['Unexpected error value: "a string, not an error"']);
  });

  it('coerces variables with graphql-js: the same errors, on the variable definition, and the 50-error cap', async () => {
    const wrong = await both('query ($id: ID!, $first: Int) { item(id: $id) { id } items(first: $first) { id } }', { id: { no: 1 }, first: 'many' });
    expect(wrong.compiled).toEqual(wrong.interpreted);
    expect(wrong.compiled.errors?.map((e) => e.onVariable)).toEqual([true, true]);
    const many = await both(
      `query (${Array.from({ length: 60 }, (_, i) => `$v${i}: Int`).join(', ')}) { viewer }`,
      Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`v${i}`, 'x'])),
    );
    expect(many.compiled).toEqual(many.interpreted);
    expect(many.compiled.errors).toHaveLength(51);
  });

  it('passes the context to resolvers and runs mutations on graphql-js', async () => {
    expect(await both('{ viewer }', {}, { viewer: 'ann' })).toEqual({ interpreted: { data: { viewer: 'ann' } }, compiled: { data: { viewer: 'ann' } } });
    const executor = new JitExecutor(schema, { cacheEntries: 10 });
    expect(await run(executor, 'mutation { touch }')).toEqual({ data: { touch: 'touched' } });
    expect(executor.size).toBe(0);
  });

  it('compiles each document once and keeps at most cacheEntries of them, the least recently used dropped', async () => {
    const executor = new JitExecutor(schema, { cacheEntries: 2 });
    for (let i = 0; i < 3; i++) await run(executor, '{ viewer }');
    expect(executor.compilations).toBe(1);
    await run(executor, '{ items { id } }');
    await run(executor, '{ viewer }');
    await run(executor, '{ item(id: "1") { id } }');
    expect(executor.size).toBe(2);
    expect(executor.compilations).toBe(3);
    await run(executor, '{ viewer }'); // still cached: it was used more recently than `items`
    expect(executor.compilations).toBe(3);
    await run(executor, '{ items { id } }'); // dropped, compiled again
    expect(executor.compilations).toBe(4);
  });
});
