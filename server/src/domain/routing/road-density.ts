/**
 * Road density around each junction, to tell built-up areas from open country where the data
 * do not say: Valhalla's rule (`src/mjolnir/graphenhancer.cc`, `GetDensity`). The density at a
 * node is the length of road (km) within `DENSITY_RADIUS_M` of it, per km² of that disc; each
 * edge counts half at each of its ends. Valhalla turns it into a relative density
 * round(0.7 × km/km²), 0–15, and treats above 8 as urban (`kMaxRuralDensity` in
 * `src/mjolnir/speed_assigner.h`): 0.7 × d ≥ 8.5, i.e. d ≥ 12.14 km/km².
 *
 * Computed on a grid of 250 m cells (coarser for networks wider than ~500 km), in a local
 * metric frame at the network's mean latitude: each node takes the density of the disc of
 * cells centred on its own cell, a centre at most ~180 m from it. Pure.
 */

/** Radius of the disc the density is measured on (Valhalla's `kDensityRadius`, 2 km). */
export const DENSITY_RADIUS_M = 2_000;

/** Above this road density (km of road per km²) a road is in a built-up area. */
export const URBAN_DENSITY_KM_PER_KM2 = 8.5 / 0.7;

/** Largest grid kept (cells): wider networks get coarser cells. */
const MAX_CELLS = 1 << 22;

const METRES_PER_DEGREE_LAT = 111_195;

/**
 * Road density (km/km²) at each node. `nodeRoad_m[n]` is the road length attributed to node n
 * (half of each drivable edge ending there); positions are WGS84 degrees.
 */
export function roadDensities_km_per_km2(
  nodeLon: Float64Array,
  nodeLat: Float64Array,
  nodeRoad_m: Float64Array,
): Float64Array {
  const n = nodeLon.length;
  const density = new Float64Array(n);
  if (n === 0) return density;
  let west = Infinity;
  let east = -Infinity;
  let south = Infinity;
  let north = -Infinity;
  for (let i = 0; i < n; i++) {
    west = Math.min(west, nodeLon[i]);
    east = Math.max(east, nodeLon[i]);
    south = Math.min(south, nodeLat[i]);
    north = Math.max(north, nodeLat[i]);
  }
  const metresPerDegreeLon =
    METRES_PER_DEGREE_LAT * Math.cos((((south + north) / 2) * Math.PI) / 180);
  const width_m = (east - west) * metresPerDegreeLon;
  const height_m = (north - south) * METRES_PER_DEGREE_LAT;
  let cell_m = DENSITY_RADIUS_M / 8;
  while ((Math.floor(width_m / cell_m) + 1) * (Math.floor(height_m / cell_m) + 1) > MAX_CELLS)
    cell_m *= 2;
  const cols = Math.floor(width_m / cell_m) + 1;
  const rows = Math.floor(height_m / cell_m) + 1;

  const cellOf = new Int32Array(n);
  // Road length per cell, as prefix sums along each row: row r's cells c0..c1 sum to
  // prefix[r][c1 + 1] - prefix[r][c0].
  const stride = cols + 1;
  const prefix = new Float64Array(rows * stride);
  for (let i = 0; i < n; i++) {
    const c = Math.min(cols - 1, Math.floor(((nodeLon[i] - west) * metresPerDegreeLon) / cell_m));
    const r = Math.min(
      rows - 1,
      Math.floor(((nodeLat[i] - south) * METRES_PER_DEGREE_LAT) / cell_m),
    );
    cellOf[i] = r * cols + c;
    prefix[r * stride + c + 1] += nodeRoad_m[i];
  }
  for (let r = 0; r < rows; r++)
    for (let c = 1; c <= cols; c++) prefix[r * stride + c] += prefix[r * stride + c - 1];

  // The disc: for each row offset, the half-width in cells of the cells whose centre is within
  // the radius of the centre cell's.
  const reach = Math.max(0, Math.floor(DENSITY_RADIUS_M / cell_m));
  const halfWidth: number[] = [];
  let discCells = 0;
  for (let dr = -reach; dr <= reach; dr++) {
    const w = Math.floor(Math.sqrt(Math.max(0, (DENSITY_RADIUS_M / cell_m) ** 2 - dr * dr)));
    halfWidth.push(w);
    discCells += 2 * w + 1;
  }
  const discArea_km2 = (discCells * cell_m * cell_m) / 1e6;

  const byCell = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const cell = cellOf[i];
    let d = byCell.get(cell);
    if (d === undefined) {
      const r0 = Math.floor(cell / cols);
      const c0 = cell - r0 * cols;
      let sum_m = 0;
      for (let k = 0; k < halfWidth.length; k++) {
        const r = r0 + k - reach;
        if (r < 0 || r >= rows) continue;
        const from = Math.max(0, c0 - halfWidth[k]);
        const to = Math.min(cols - 1, c0 + halfWidth[k]);
        sum_m += prefix[r * stride + to + 1] - prefix[r * stride + from];
      }
      d = sum_m / 1000 / discArea_km2;
      byCell.set(cell, d);
    }
    density[i] = d;
  }
  return density;
}
