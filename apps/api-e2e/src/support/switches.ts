/**
 * The switches the whole suite runs under, taken from the environment of the test run
 * (`HTTP_ADAPTER=fastify GRAPHQL_EXECUTOR=jit npm run test:e2e`): every app a spec starts, and
 * every API process it spawns, gets them, unless the spec sets one itself.
 */
export function suiteSwitches(): Record<string, string> {
  const names = ['HTTP_ADAPTER', 'GRAPHQL_EXECUTOR', 'GRAPHQL_JIT_CACHE_ENTRIES'];
  return Object.fromEntries(names.flatMap((name) => (process.env[name] ? [[name, process.env[name] as string]] : [])));
}
