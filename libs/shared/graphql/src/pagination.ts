import { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { createHash } from 'node:crypto';
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
export function connection<T>(edges: Edge<T>[], pageInfo: PageInfo, count: () => number | Promise<number>): ConnectionShape<T> {
  let counted: number | Promise<number> | undefined;
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

/**
 * What a cursor belongs to: a list (its table) and an ordering (its keys' names, directions and
 * types), as a short opaque tag. A cursor carries it, so one from another list or ordering is
 * refused instead of seeking by values of the wrong meaning.
 */
export function cursorScope(list: string, keys: readonly { name: string; direction: 'ASC' | 'DESC'; type: string }[]): string {
  const ordering = keys.map((key) => `${key.name} ${key.direction} ${key.type}`).join(',');
  return createHash('sha256').update(`${list}:${ordering}`).digest('base64url').slice(0, 8);
}

/** The scope of keyset sort keys over a table: the key names are the expressions without their alias. */
export function sortKeysScope(list: string, keys: readonly SortKey[]): string {
  return cursorScope(
    list,
    keys.map((key) => ({ name: key.expression.replace(/^\w+\./, ''), direction: key.direction, type: key.type })),
  );
}

export function encodeCursor(scope: string, values: readonly unknown[]): string {
  return Buffer.from(JSON.stringify([scope, ...values]), 'utf8').toString('base64url');
}

/**
 * Decodes a cursor made by {@link encodeCursor} for this scope, with one value per SQL type,
 * each checked to be a value of its type (as PostgreSQL writes it), so that a forged cursor
 * never reaches SQL. Anything else is BAD_USER_INPUT on `after`.
 */
export function decodeCursor(cursor: string, scope: string, types: readonly string[], field = 'after'): string[] {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  if (!Array.isArray(decoded) || decoded.length !== types.length + 1) {
    throw BadUserInputError.field(field, 'is not a cursor of this list');
  }
  const [tag, ...values] = decoded as unknown[];
  if (tag !== scope) throw BadUserInputError.field(field, 'is a cursor of another list or ordering');
  if (!values.every((value, i) => isKeyValue(value, types[i]))) {
    throw BadUserInputError.field(field, 'is not a cursor of this list');
  }
  return values as string[];
}

const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TIMESTAMPTZ_TEXT = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?([+-])(\d{2})(?::(\d{2}))?(?::(\d{2}))?$/;
const INTEGER_TEXT = /^-?\d{1,19}$/;
const FLOAT_TEXT = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const INTEGER_RANGES: Record<string, bigint> = { int: 2n ** 31n, int4: 2n ** 31n, integer: 2n ** 31n, bigint: 2n ** 63n, int8: 2n ** 63n };

/** Whether a cursor value is the text of a value of the SQL type (the forms keysetPage writes). */
function isKeyValue(value: unknown, type: string): boolean {
  if (typeof value !== 'string' || value.length > 64) return false;
  if (type === 'uuid') return UUID_TEXT.test(value);
  if (type === 'timestamptz') return isTimestampText(value);
  if (type === 'float8') return isFloatText(value);
  const range = INTEGER_RANGES[type];
  if (range !== undefined) {
    if (!INTEGER_TEXT.test(value)) return false;
    const n = BigInt(value);
    return n >= -range && n < range;
  }
  return !value.includes('\u0000') && value.isWellFormed();
}

function isTimestampText(value: string): boolean {
  const match = TIMESTAMPTZ_TEXT.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const offsetHours = Number(match[9]);
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetHours <= 15 &&
    Number(match[10] ?? 0) <= 59 &&
    Number(match[11] ?? 0) <= 59
  );
}

function isFloatText(value: string): boolean {
  if (value === 'NaN' || value === 'Infinity' || value === '-Infinity') return true;
  if (!FLOAT_TEXT.test(value)) return false;
  const n = Math.abs(Number(value));
  // PostgreSQL refuses what overflows to infinity or underflows to zero.
  if (!Number.isFinite(n)) return false;
  return n === 0 ? !/[1-9]/.test(value.split(/e/i)[0]) : n >= 2.2250738585072014e-308;
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
    const values = decodeCursor(
      after,
      sortKeysScope(listOf(query), keys),
      keys.map((key) => key.type),
    );
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
  const scope = sortKeysScope(listOf(query), keys);
  const fetched = await page.limit(first + 1).getRawAndEntities();
  const raw = fetched.raw as Record<string, unknown>[];
  const entities = fetched.entities;
  const hasNextPage = entities.length > first;
  const edges = entities.slice(0, first).map((row, index) => ({
    cursor: encodeCursor(
      scope,
      keys.map((_, i) => raw[index][`cursor_key_${i}`]),
    ),
    node: toNode(row),
  }));
  return connection(edges, { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null }, () => counter.getCount());
}

/** The list a query reads: the table of its main alias. */
function listOf(query: SelectQueryBuilder<ObjectLiteral>): string {
  const main = query.expressionMap.mainAlias;
  return main?.hasMetadata ? main.metadata.tableName : (main?.name ?? '');
}

/** The same page with its nodes mapped (entities to API models). */
export function mapConnection<From, To>(page: ConnectionShape<From>, map: (node: From) => To): ConnectionShape<To> {
  const edges = page.edges.map((edge) => ({ cursor: edge.cursor, node: map(edge.node) }));
  return connection(edges, page.pageInfo, async () => page.totalCount);
}
