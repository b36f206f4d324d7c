import { wilsonLowerBound, wilsonLowerBoundSql } from './ranking';

describe('Wilson score lower bound', () => {
  it('ranks 95 of 100 above 3 of 3', () => {
    expect(wilsonLowerBound(95, 5)).toBeGreaterThan(wilsonLowerBound(3, 0));
  });

  it('matches known values (z = 1.96)', () => {
    expect(wilsonLowerBound(3, 0)).toBeCloseTo(0.43849, 5);
    expect(wilsonLowerBound(95, 5)).toBeCloseTo(0.88825, 5);
    expect(wilsonLowerBound(10, 10)).toBeCloseTo(0.29929, 5);
    expect(wilsonLowerBound(1, 0)).toBeCloseTo(0.20654, 5);
  });

  it('gives 0 without UP votes, and never leaves [0, 1)', () => {
    expect(wilsonLowerBound(0, 0)).toBe(0);
    expect(wilsonLowerBound(0, 7)).toBe(0);
    for (const [up, down] of [
      [1, 0],
      [1, 1000],
      [1000, 0],
      [1_000_000, 1],
      [5, 5],
    ]) {
      const score = wilsonLowerBound(up, down);
      expect(score).toBeGreaterThan(0);
      expect(score).toBeLessThan(1);
    }
  });

  it('grows with more UP votes and falls with more DOWN votes', () => {
    expect(wilsonLowerBound(11, 5)).toBeGreaterThan(wilsonLowerBound(10, 5));
    expect(wilsonLowerBound(10, 6)).toBeLessThan(wilsonLowerBound(10, 5));
    expect(wilsonLowerBound(100, 0)).toBeGreaterThan(wilsonLowerBound(10, 0));
  });

  it('writes the same formula as SQL over the given expressions', () => {
    const sql = wilsonLowerBoundSql('up_votes + $2', 'down_votes + $3');
    expect(sql).toContain('((up_votes + $2) + (down_votes + $3))::float8');
    expect(sql).toMatch(/^\(CASE WHEN \(up_votes \+ \$2\) <= 0 THEN 0::float8 ELSE .* END\)$/);
    expect(sql).toContain('1.96::float8');
  });
});
