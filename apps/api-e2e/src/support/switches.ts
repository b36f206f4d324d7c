/**
 * The switches the whole suite runs under, taken from the environment of the test run
 * (`HTTP_ADAPTER=express GRAPHQL_EXECUTOR=graphql-js npm run test:e2e`; unset: the app's defaults, Fastify and graphql-jit): every app a spec starts, and
 * every API process it spawns, gets them, unless the spec sets one itself.
 */
export function suiteSwitches(): Record<string, string> {
  const names = ['HTTP_ADAPTER', 'GRAPHQL_EXECUTOR', 'GRAPHQL_JIT_CACHE_ENTRIES'];
  return Object.fromEntries(names.flatMap((name) => (process.env[name] ? [[name, process.env[name] as string]] : [])));
}
