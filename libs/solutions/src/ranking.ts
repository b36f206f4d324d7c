/**
 * Ranking of solutions ("TOP"): the lower bound of the Wilson score interval for the share of UP
 * votes, at 95 % confidence. It rewards both a high share and enough votes to trust it, so
 * 3 of 3 does not beat 95 of 100. No votes, or no UP votes, rank 0.
 *
 * The same formula exists twice, side by side: in TypeScript (for specs and callers) and as SQL
 * (for the UPDATE that moves the counters, so the stored score changes in the same statement).
 * Both do the same float8 operations in the same order.
 */
/** The orders of a problem's solutions. */
export enum SolutionOrder {
  TOP = 'TOP',
  NEWEST = 'NEWEST',
}

export const WILSON_Z = 1.96;
const Z2 = WILSON_Z * WILSON_Z;

export function wilsonLowerBound(up: number, down: number): number {
  if (up <= 0) return 0;
  const n = up + down;
  const p = up / n;
  return (p + Z2 / (2 * n) - WILSON_Z * Math.sqrt((p * (1 - p)) / n + Z2 / (4 * n * n))) / (1 + Z2 / n);
}

/**
 * The SQL expression of {@link wilsonLowerBound} over two integer SQL expressions, e.g.
 * `wilsonLowerBoundSql('up_votes + $2', 'down_votes + $3')` inside an UPDATE's SET, where it
 * reads the row's current (locked) values.
 */
export function wilsonLowerBoundSql(up: string, down: string): string {
  const n = `((${up}) + (${down}))::float8`;
  const p = `((${up})::float8 / ${n})`;
  const z = `${WILSON_Z}::float8`;
  const z2 = `${Z2}::float8`;
  return `(CASE WHEN (${up}) <= 0 THEN 0::float8 ELSE (${p} + ${z2} / (2 * ${n}) - ${z} * sqrt((${p} * (1 - ${p})) / ${n} + ${z2} / (4 * ${n} * ${n}))) / (1 + ${z2} / ${n}) END)`;
}
