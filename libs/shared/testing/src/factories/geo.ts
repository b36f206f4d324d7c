export interface Point {
  lat: number;
  lng: number;
}

/** earthdistance's sphere, so distances agree with the database's. */
const R = 6_378_168;

/** A point `metres` north of another (negative: south). */
export const north = (p: Point, metres: number): Point => ({ lat: p.lat + (metres / R) * (180 / Math.PI), lng: p.lng });

/** A point `metres` east of another (negative: west). */
export const east = (p: Point, metres: number): Point => ({
  lat: p.lat,
  lng: p.lng + ((metres / R) * (180 / Math.PI)) / Math.cos((p.lat * Math.PI) / 180),
});

/** A closed square ring `half` metres each side of a centre (south-west corner first and last). */
export const square = (centre: Point, half: number): Point[] => {
  const ring = [east(north(centre, -half), -half), east(north(centre, -half), half), east(north(centre, half), half), east(north(centre, half), -half)];
  return [...ring, ring[0]];
};
