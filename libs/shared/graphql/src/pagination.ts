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

/** A value or a thunk: graphql-js calls function-valued properties, so counts run only when asked for. */
export type Lazy<T> = T | (() => Promise<T>);

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionShape<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: Lazy<number>;
}

/** Builds `XEdge` and `XConnection` object types for a node type. */
export function Connection<T>(nodeType: Type<T>, name = nodeType.name.replace(/Model$/, '')): Type<ConnectionShape<T>> {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field()
    cursor: string;

    @Field(() => nodeType)
    node: T;
  }

  @ObjectType(`${name}Connection`, { isAbstract: false })
  class ConnectionType {
    @Field(() => [EdgeType])
    edges: EdgeType[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'All items that match, over every page.' })
    totalCount: Lazy<number>;
  }
  return ConnectionType;
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

export interface SortKey<Row> {
  /** SQL expression, e.g. `p.created_at`. Must be unique as a whole key (end with the id). */
  expression: string;
  direction: 'ASC' | 'DESC';
  /** Reads the key's value from a fetched row, for the cursor. */
  value: (row: Row) => string | number | null;
  /** SQL cast for the cursor parameter, e.g. `timestamptz`, `uuid`, `float8`. */
  cast: string;
}

/**
 * Keyset pagination: orders by the keys, seeks past the cursor with a row comparison (mixed
 * directions are expanded), fetches one extra row to know whether there is a next page.
 * Stable while rows are added: a cursor names a position, not an offset.
 */
export async function keysetPage<Row extends ObjectLiteral, Node = Row>(
  query: SelectQueryBuilder<Row>,
  keys: SortKey<Row>[],
  args: { first?: number | null; after?: string | null },
  toNode: (row: Row) => Node = (row) => row as unknown as Node,
): Promise<ConnectionShape<Node>> {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  const counter = query.clone();
  const page = query.clone();
  if (args.after) {
    const values = decodeCursor(args.after, keys.length);
    const clauses: string[] = [];
    const params: Record<string, unknown> = {};
    keys.forEach((key, i) => {
      params[`cursor_${i}`] = values[i];
      const equal = keys.slice(0, i).map((k, j) => `${k.expression} = CAST(:cursor_${j} AS ${k.cast})`);
      const op = key.direction === 'ASC' ? '>' : '<';
      clauses.push(`(${[...equal, `${key.expression} ${op} CAST(:cursor_${i} AS ${key.cast})`].join(' AND ')})`);
    });
    page.andWhere(`(${clauses.join(' OR ')})`, params);
  }
  keys.forEach((key, i) => (i === 0 ? page.orderBy(key.expression, key.direction) : page.addOrderBy(key.expression, key.direction)));
  const rows = await page.limit(first + 1).getMany();
  const hasNextPage = rows.length > first;
  const edges = rows.slice(0, first).map((row) => ({
    cursor: encodeCursor(keys.map((key) => key.value(row))),
    node: toNode(row),
  }));
  return {
    edges,
    pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: () => counter.getCount(),
  };
}
