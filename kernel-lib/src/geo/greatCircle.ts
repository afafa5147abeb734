/**
 * The paper's great-circle distance, eqs. (1)–(2) (spherical law of cosines):
 *   Z = sin(90° − Lat_f) sin(90° − Lat_V) cos(Lon_f − Lon_V) + cos(90° − Lat_f) cos(90° − Lat_V)
 *   Inv_dis = Q × arccos(Z) × π/180,   Q = 6371.004 km
 * where arccos returns degrees (so × π/180 turns the central angle into radians). f = invested city, V =
 * investing city; the distance is symmetric. Z is clipped to [−1, 1] before arccos (rounding can push it out).
 */
export const EARTH_RADIUS_KM = 6371.004;

const RAD = Math.PI / 180;

/** Distance in km between (lon1, lat1) and (lon2, lat2), in decimal degrees, exactly as formula (1)–(2). */
export function greatCircleKm(lon1: number, lat1: number, lon2: number, lat2: number, radius = EARTH_RADIUS_KM): number {
  for (const [v, name, lim] of [[lon1, "lon1", 180], [lat1, "lat1", 90], [lon2, "lon2", 180], [lat2, "lat2", 90]] as const) {
    if (!Number.isFinite(v) || Math.abs(v) > lim) throw new RangeError(`greatCircleKm: ${name} = ${v} is not a coordinate in degrees`);
  }
  const z = Math.sin((90 - lat1) * RAD) * Math.sin((90 - lat2) * RAD) * Math.cos((lon1 - lon2) * RAD) + Math.cos((90 - lat1) * RAD) * Math.cos((90 - lat2) * RAD);
  const angleDeg = Math.acos(Math.max(-1, Math.min(1, z))) / RAD;
  return radius * angleDeg * RAD;
}

export interface GeoPoint {
  id: string;
  lon: number;
  lat: number;
}

/** Full distance matrix (km) between points, by formula (1)–(2). */
export function distanceMatrix(points: readonly GeoPoint[], radius = EARTH_RADIUS_KM): Float64Array[] {
  const n = points.length;
  const D = Array.from({ length: n }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
    const d = greatCircleKm(points[i].lon, points[i].lat, points[j].lon, points[j].lat, radius);
    D[i][j] = d;
    D[j][i] = d;
  }
  return D;
}
