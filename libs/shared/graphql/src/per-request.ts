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
