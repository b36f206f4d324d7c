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

/**
 * A DataLoader batch function from a bulk read: each key's row, or null (rows matched by `keyOf`).
 */
export function byKey<K, V>(load: (keys: readonly K[]) => Promise<V[]>, keyOf: (value: V) => K) {
  return async (keys: readonly K[]): Promise<(V | null)[]> => {
    const found = new Map((await load(keys)).map((value) => [keyOf(value), value]));
    return keys.map((key) => found.get(key) ?? null);
  };
}

/** A DataLoader batch function from a bulk read: each key's rows, in the order read (none: empty). */
export function grouped<K, V>(load: (keys: readonly K[]) => Promise<V[]>, keyOf: (value: V) => K) {
  return async (keys: readonly K[]): Promise<V[][]> => {
    const groups = new Map<K, V[]>(keys.map((key) => [key, []]));
    for (const value of await load(keys)) groups.get(keyOf(value))?.push(value);
    return keys.map((key) => groups.get(key) ?? []);
  };
}
