import { connection, ConnectionShape, decodeCursor, DEFAULT_PAGE_SIZE, encodeCursor, SortKey, sortKeysScope } from './pagination';
import { SqlParams } from './planned-fields';

/**
 * Keyset pages in plain SQL, for the read statements built from a selection (no query builder,
 * no entity hydration): the same ordering, cursors and one-extra-row rule as `keysetPage`, so a
 * cursor of one is a cursor of the other.
 */

/** `ORDER BY` items of the keys. */
export function orderBySql(keys: readonly SortKey[]): string {
  return keys.map((key) => `${key.expression} ${key.direction}`).join(', ');
}

/** The SELECT list items `(<key>)::text AS cursor_key_<i>`, with a leading comma. */
export function cursorKeysSql(keys: readonly SortKey[]): string {
  return keys.map((key, i) => `, (${key.expression})::text AS cursor_key_${i}`).join('');
}

/**
 * The condition "after the cursor" (a row comparison with mixed directions expanded), or null
 * without a cursor. A cursor of another list or ordering is BAD_USER_INPUT on `after`.
 */
export function seekSql(list: string, keys: readonly SortKey[], after: string | null | undefined, params: SqlParams): string | null {
  if (!after) return null;
  const values = decodeCursor(
    after,
    sortKeysScope(list, [...keys]),
    keys.map((key) => key.type),
  );
  const placeholders = values.map((value, i) => params.add(value, keys[i].type));
  const clauses = keys.map((key, i) => {
    const equal = keys.slice(0, i).map((k, j) => `${k.expression} = ${placeholders[j]}`);
    return `(${[...equal, `${key.expression} ${key.direction === 'ASC' ? '>' : '<'} ${placeholders[i]}`].join(' AND ')})`;
  });
  return `(${clauses.join(' OR ')})`;
}

/**
 * The page of rows read with `LIMIT first + 1` and {@link cursorKeysSql}: one extra row tells
 * whether a next page exists; `count` runs only if a client selects totalCount.
 */
export function pageOfRows<Node>(
  list: string,
  keys: readonly SortKey[],
  first: number,
  rows: readonly Record<string, unknown>[],
  toNode: (row: Record<string, unknown>) => Node,
  count: () => Promise<number>,
): ConnectionShape<Node> {
  const scope = sortKeysScope(list, [...keys]);
  const edges = rows.slice(0, first).map((row) => ({
    cursor: encodeCursor(
      scope,
      keys.map((_, i) => row[`cursor_key_${i}`]),
    ),
    node: toNode(row),
  }));
  return connection(edges, { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null }, count);
}

/** The page size asked for, or the default. */
export function pageSize(args: { first?: number | null }): number {
  return args.first ?? DEFAULT_PAGE_SIZE;
}
