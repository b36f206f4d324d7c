import { coarsen, distanceMetres, fromPgPolygon, ringError, toPgPolygon } from './geo';

describe('geo', () => {
  it('coarsens to a stable point within ~200 m', () => {
    const point = { lat: 51.50721, lng: -0.12758 };
    const coarse = coarsen(point);
    expect(coarsen(point)).toEqual(coarse);
    expect(coarsen({ lat: 51.50722, lng: -0.12759 })).toEqual(coarse);
    expect(distanceMetres(point, coarse)).toBeLessThan(200);
    expect(distanceMetres(point, coarse)).toBeGreaterThan(0);
  });

  it('measures metres like earthdistance', () => {
    expect(distanceMetres({ lat: 0, lng: 0 }, { lat: 1, lng: 0 })).toBeCloseTo(111_318, -1);
  });

  const square = [
    { lat: 0, lng: 0 },
    { lat: 0, lng: 1 },
    { lat: 1, lng: 1 },
    { lat: 1, lng: 0 },
    { lat: 0, lng: 0 },
  ];

  it('accepts a closed ring and round-trips it through PostgreSQL text', () => {
    expect(ringError(square)).toBeNull();
    expect(toPgPolygon(square)).toBe('((0,0),(1,0),(1,1),(0,1))');
    expect(fromPgPolygon('((0,0),(1,0),(1,1),(0,1))')).toEqual(square);
  });

  it.each([
    [square.slice(0, 3), 'at least 4'],
    [square.slice(0, 4), 'closed'],
    [[square[0], square[1], square[0], square[1], square[0]], 'repeat'],
    [
      [
        { lat: 0, lng: 0 },
        { lat: 1, lng: 1 },
        { lat: 0, lng: 1 },
        { lat: 1, lng: 0 },
        { lat: 0, lng: 0 },
      ],
      'cross',
    ],
    [
      [
        { lat: 0, lng: 0 },
        { lat: 1, lng: 1 },
        { lat: 2, lng: 2 },
        { lat: 0, lng: 0 },
      ],
      'area',
    ],
  ])('refuses a bad ring %#', (ring, message) => {
    expect(ringError(ring)).toContain(message);
  });
});
