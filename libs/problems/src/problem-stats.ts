/**
 * The engagement statistics' common ground: a filter (an area as the public sees it, a period)
 * and the SQL pieces every lib's figures are written with, so that each lib reads only its own
 * tables and the figures still come from one statement each, never from rows loaded into memory.
 *
 * Every stats statement takes the filter as its first three parameters: $1 the area (null:
 * everywhere), $2 the start of the period (inclusive, null: open) and $3 its end (exclusive,
 * null: open). Further parameters start at $4.
 */
export interface StatsFilter {
  areaId?: string | null;
  from?: Date | null;
  to?: Date | null;
}

/** $1, $2 and $3 of a stats statement. */
export function statsParameters(filter: StatsFilter): [string | null, Date | null, Date | null] {
  return [filter.areaId ?? null, filter.from ?? null, filter.to ?? null];
}

/** The SQL condition "`column` lies in the period" ($2 ≤ column < $3). */
export function inPeriodSql(column: string): string {
  return `(${column} >= COALESCE($2::timestamptz, '-infinity'::timestamptz) AND ${column} < COALESCE($3::timestamptz, 'infinity'::timestamptz))`;
}
