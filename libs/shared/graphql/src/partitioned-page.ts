import { ObjectLiteral, Repository } from 'typeorm';
import { ConnectionShape, cursorScope, DEFAULT_PAGE_SIZE, encodeCursor, SortKey } from './pagination';

/** A sort key by column name, usable under any alias. The keys together must be unique (end with id). */
export interface ColumnKey {
  column: string;
  direction: 'ASC' | 'DESC';
  /** SQL type, e.g. `float8`, `timestamptz`, `uuid`. */
  type: string;
}

/** A page without its total: the caller knows how to count the partition. */
export type Page<T> = Omit<ConnectionShape<T>, 'totalCount'>;

/** The keys as keysetPage sort keys over `alias`. */
export function sortKeysFor(alias: string, keys: readonly ColumnKey[]): SortKey[] {
  return keys.map((key) => ({ expression: `${alias}.${key.column}`, direction: key.direction, type: key.type }));
}

/**
 * The first page of every partition at once (e.g. the top 3 solutions of each of 20 problems), in
 * ONE statement: a LATERAL subquery takes `first + 1` rows of each partition through its index.
 * Cursors are the same as keysetPage makes with {@link sortKeysFor}, so the next pages continue
 * with keysetPage. Only partitions paged with the same keys and `first` may share a call.
 */
export async function firstPages<Row extends ObjectLiteral>(
  repository: Repository<Row>,
  partitionColumn: string,
  partitionIds: readonly string[],
  keys: readonly ColumnKey[],
  first: number,
): Promise<Page<Row>[]> {
  const table = repository.metadata.tableName;
  const scope = cursorScope(
    table,
    keys.map((key) => ({ name: key.column, direction: key.direction, type: key.type })),
  );
  const order = keys.map((key) => `i.${key.column} ${key.direction}`).join(', ');
  const query = repository
    .createQueryBuilder('t')
    .where(
      `t.id IN (SELECT page.id FROM unnest(CAST(:partitionIds AS uuid[])) AS p(id)
                CROSS JOIN LATERAL (SELECT i.id FROM ${table} i WHERE i.${partitionColumn} = p.id ORDER BY ${order} LIMIT :limit) page)`,
      { partitionIds: [...new Set(partitionIds)], limit: first + 1 },
    )
    .orderBy(`t.${partitionColumn}`, 'ASC');
  keys.forEach((key, i) => {
    query.addSelect(`(t.${key.column})::text`, `cursor_key_${i}`).addOrderBy(`t.${key.column}`, key.direction);
  });
  query.addSelect(`t.${partitionColumn}::text`, 'partition_key');
  const { entities, raw } = await query.getRawAndEntities();
  const rows = new Map<string, { node: Row; cursor: string }[]>();
  entities.forEach((node, index) => {
    const values = raw[index] as Record<string, string>;
    const partition = values['partition_key'];
    const list = rows.get(partition) ?? [];
    list.push({
      node,
      cursor: encodeCursor(
        scope,
        keys.map((_, i) => values[`cursor_key_${i}`]),
      ),
    });
    rows.set(partition, list);
  });
  return partitionIds.map((id) => {
    const list = rows.get(id) ?? [];
    const edges = list.slice(0, first);
    return { edges, pageInfo: { hasNextPage: list.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
  });
}

/** A page request: `first` rows, after the cursor `after` (none: the first page). */
export interface PageRequest {
  first?: number | null;
  after?: string | null;
}

/**
 * The one way a nested list is paged: its first page comes from a loader (one partitioned
 * statement for every row of the page, see {@link firstPages}), the pages after it from the
 * service (keysetPage). `first` defaults to DEFAULT_PAGE_SIZE.
 */
export function firstFromLoaderLaterFromService<P>(
  args: PageRequest,
  loadFirst: (first: number) => Promise<P>,
  readLater: (args: { first?: number; after: string }) => Promise<P>,
): Promise<P> {
  return args.after ? readLater({ first: args.first ?? undefined, after: args.after }) : loadFirst(args.first ?? DEFAULT_PAGE_SIZE);
}
