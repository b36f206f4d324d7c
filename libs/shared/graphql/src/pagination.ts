import { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { BadUserInputError } from './errors';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE, description: 'Page size, 1 to 100.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first?: number;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  after?: string;
}


export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionShape<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  /** A getter: the count query runs only when a client selects totalCount. */
  readonly totalCount: number | Promise<number>;
}

/** A connection whose totalCount is counted only if read. */
export function connection<T>(edges: Edge<T>[], pageInfo: PageInfo, count: () => Promise<number>): ConnectionShape<T> {
  let counted: Promise<number> | undefined;
  return {
    edges,
    pageInfo,
    get totalCount() {
      return (counted ??= count());
    },
  };
}

/**
 * Builds the `XEdge` type and an abstract connection base for a node type; declare the concrete
 * type as `@ObjectType('XConnection') class XConnection extends Connection(XModel, 'X') {}`.
 */
export function Connection<T>(nodeType: Type<T>, name: string): Type<ConnectionShape<T>> {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field()
    cursor: string;

    @Field(() => nodeType)
    node: T;
  }

  @ObjectType({ isAbstract: true })
  abstract class ConnectionType {
    @Field(() => [EdgeType])
    edges: EdgeType[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'All items that match, over every page.' })
    totalCount: number | Promise<number>;
  }
  return ConnectionType as unknown as Type<ConnectionShape<T>>;
}

export function encodeCursor(values: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

/** Decodes a cursor made by {@link encodeCursor}; anything else is BAD_USER_INPUT on `after`. */
export function decodeCursor(cursor: string, length: number, field = 'after'): unknown[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === length) return values;
  } catch {
    // fall through
  }
  throw BadUserInputError.field(field, 'is not a cursor of this list');
}

export interface SortKey {
  /** SQL expression, e.g. `p.reported_at`. The keys together must be unique (end with the id). */
  expression: string;
  direction: 'ASC' | 'DESC';
  /** SQL type of the key, e.g. `timestamptz`, `uuid`, `float8`, `int`. */
  type: string;
}

/**
 * Orders the query by the keys and, given a cursor, keeps only the rows after it (a row
 * comparison, with mixed directions expanded). The parameters are named `cursor_<i>`.
 */
export function seekAfter<Row extends ObjectLiteral>(query: SelectQueryBuilder<Row>, keys: SortKey[], after?: string | null): SelectQueryBuilder<Row> {
  if (after) {
    const values = decodeCursor(after, keys.length);
    const clauses: string[] = [];
    const params: Record<string, unknown> = {};
    keys.forEach((key, i) => {
      params[`cursor_${i}`] = values[i];
      const equal = keys.slice(0, i).map((k, j) => `${k.expression} = CAST(:cursor_${j} AS ${k.type})`);
      const op = key.direction === 'ASC' ? '>' : '<';
      clauses.push(`(${[...equal, `${key.expression} ${op} CAST(:cursor_${i} AS ${key.type})`].join(' AND ')})`);
    });
    query.andWhere(`(${clauses.join(' OR ')})`, params);
  }
  keys.forEach((key, i) => {
    if (i === 0) query.orderBy(key.expression, key.direction);
    else query.addOrderBy(key.expression, key.direction);
  });
  return query;
}

/**
 * Keyset pagination: orders by the keys, seeks past the cursor with a row comparison (mixed
 * directions are expanded), fetches one extra row to know whether there is a next page.
 * Cursor values are the keys' own text forms, read in SQL, so they round-trip exactly
 * (microsecond timestamps, floats). Stable while rows are added: a cursor names a position.
 */
export async function keysetPage<Row extends ObjectLiteral, Node = Row>(
  query: SelectQueryBuilder<Row>,
  keys: SortKey[],
  args: { first?: number | null; after?: string | null },
  toNode: (row: Row) => Node = (row) => row as unknown as Node,
): Promise<ConnectionShape<Node>> {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  const counter = query.clone();
  const page = seekAfter(query.clone(), keys, args.after);
  keys.forEach((key, i) => page.addSelect(`(${key.expression})::text`, `cursor_key_${i}`));
  const fetched = await page.limit(first + 1).getRawAndEntities();
  const raw = fetched.raw as Record<string, unknown>[];
  const entities = fetched.entities;
  const hasNextPage = entities.length > first;
  const edges = entities.slice(0, first).map((row, index) => ({
    cursor: encodeCursor(keys.map((_, i) => raw[index][`cursor_key_${i}`])),
    node: toNode(row),
  }));
  return connection(edges, { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null }, () => counter.getCount());
}

/** The same page with its nodes mapped (entities to API models). */
export function mapConnection<From, To>(page: ConnectionShape<From>, map: (node: From) => To): ConnectionShape<To> {
  const edges = page.edges.map((edge) => ({ cursor: edge.cursor, node: map(edge.node) }));
  return connection(edges, page.pageInfo, async () => page.totalCount);
}
