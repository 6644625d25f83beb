/** Bounding boxes in WGS84 degrees: [minLon, minLat, maxLon, maxLat]. */
export type Bbox = [number, number, number, number];

type Position = number[];

function visit(coords: unknown, acc: Bbox) {
  if (Array.isArray(coords) && typeof coords[0] === 'number') {
    const [x, y] = coords as Position;
    if (x < acc[0]) acc[0] = x;
    if (y < acc[1]) acc[1] = y;
    if (x > acc[2]) acc[2] = x;
    if (y > acc[3]) acc[3] = y;
  } else if (Array.isArray(coords)) {
    for (const c of coords) visit(c, acc);
  }
}

/** The bbox of GeoJSON features' geometries; null when there is no coordinate. */
export function featuresBbox(features: { geometry: GeoJSON.Geometry | null }[]): Bbox | null {
  const acc: Bbox = [Infinity, Infinity, -Infinity, -Infinity];
  const geometry = (g: GeoJSON.Geometry) => {
    if (g.type === 'GeometryCollection') g.geometries.forEach(geometry);
    else visit(g.coordinates, acc);
  };
  for (const f of features) if (f.geometry) geometry(f.geometry);
  return Number.isFinite(acc[0]) ? acc : null;
}
