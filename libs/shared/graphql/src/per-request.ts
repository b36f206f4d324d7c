const cache = new WeakMap<object, Map<string, unknown>>();

/**
 * One instance per request (DataLoaders): created on first use, dropped with the request.
 * Singletons stay singletons; nothing becomes request-scoped.
 */
export function perRequest<T>(request: object, key: string, create: () => T): T {
  let entries = cache.get(request);
  if (!entries) {
    entries = new Map();
    cache.set(request, entries);
  }
  if (!entries.has(key)) entries.set(key, create());
  return entries.get(key) as T;
}

/**
 * Drops one key from a per-request loader's cache after a write changed its row, so a later read
 * in the same request loads it again. Nothing to do when the loader was not used yet.
 */
export function clearLoaded<K>(request: object, key: string, id: K): void {
  const loader = cache.get(request)?.get(key) as { clear(id: K): unknown } | undefined;
  loader?.clear(id);
}
