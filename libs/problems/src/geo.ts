/** A point as the API speaks it. */
export interface LatLng {
  lat: number;
  lng: number;
}

/** About 200 m of latitude; public locations of sensitive problems snap to cells this size. */
export const COARSE_CELL_DEGREES = 0.0018;

/**
 * The centre of the ~200 m cell holding a point. Deterministic, so a problem's public location
 * is stable (never re-randomised). Mirrors the SQL functions cg_coarse_lat / cg_coarse_lng.
 */
export function coarsen(point: LatLng): LatLng {
  const lat = (Math.floor(point.lat / COARSE_CELL_DEGREES) + 0.5) * COARSE_CELL_DEGREES;
  const lngStep = COARSE_CELL_DEGREES / Math.max(Math.cos((lat * Math.PI) / 180), 0.01);
  const lng = (Math.floor(point.lng / lngStep) + 0.5) * lngStep;
  return { lat: Math.min(90, Math.max(-90, lat)), lng: Math.min(180, Math.max(-180, lng)) };
}

/** Great-circle distance in metres (the radius PostgreSQL's earthdistance uses). */
export function distanceMetres(a: LatLng, b: LatLng): number {
  const R = 6_378_168;
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Why a boundary is not a usable closed ring, or null when it is. */
export function ringError(ring: LatLng[]): string | null {
  if (ring.length < 4) return 'must have at least 4 points (3 corners and the first point again)';
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (first.lat !== last.lat || first.lng !== last.lng) return 'must be closed: the last point must equal the first';
  const corners = ring.slice(0, -1);
  if (new Set(corners.map((p) => `${p.lat},${p.lng}`)).size !== corners.length) return 'must not repeat a corner';
  for (let i = 0; i < corners.length; i++) {
    for (let j = i + 1; j < corners.length; j++) {
      if (Math.abs(i - j) <= 1 || (i === 0 && j === corners.length - 1)) continue; // neighbours share a corner
      if (segmentsCross(ring[i], ring[i + 1], ring[j], ring[j + 1])) return 'must not cross itself';
    }
  }
  if (Math.abs(signedArea(ring)) < 1e-12) return 'must enclose an area';
  return null;
}

function signedArea(ring: LatLng[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) sum += ring[i].lng * ring[i + 1].lat - ring[i + 1].lng * ring[i].lat;
  return sum / 2;
}

function segmentsCross(a: LatLng, b: LatLng, c: LatLng, d: LatLng): boolean {
  const orient = (p: LatLng, q: LatLng, r: LatLng) => Math.sign((q.lng - p.lng) * (r.lat - p.lat) - (q.lat - p.lat) * (r.lng - p.lng));
  return orient(a, b, c) * orient(a, b, d) < 0 && orient(c, d, a) * orient(c, d, b) < 0;
}

/** PostgreSQL `polygon` text: ((x,y),…) with x = longitude, y = latitude. */
export function toPgPolygon(ring: LatLng[]): string {
  return `(${ring
    .slice(0, -1)
    .map((p) => `(${p.lng},${p.lat})`)
    .join(',')})`;
}

export function fromPgPolygon(text: string): LatLng[] {
  const points = [...text.matchAll(/\(\s*(-?[\d.eE+-]+)\s*,\s*(-?[\d.eE+-]+)\s*\)/g)].map((m) => ({
    lat: Number(m[2]),
    lng: Number(m[1]),
  }));
  return points.length ? [...points, points[0]] : [];
}
