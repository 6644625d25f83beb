/**
 * How many fictional départements a territory needs and where they go: always at sea, where no
 * real commune lies, so that the demo can never be drawn over, or mixed with, a real
 * territory (checked against an outline of France by layout.test.ts).
 *
 * One département (up to 999 communes) is centred at 45.8°N 5.0°W, in the Bay of Biscay (the
 * default demo's outline stays more than 100 km from Brittany, Vendée and Spain), inside the
 * area where Lambert-93 (EPSG:2154) is defined, with ~21 km² per commune like a rural
 * département. Larger territories (benchmarks) are split into the fewest départements of at
 * most 999 communes, on a grid centred in the open Atlantic west of the Bay: side by side when
 * they fit the ocean box (20.0…11.0°W, 43.2…50.0°N: France's own latitudes, more than 100 km
 * from Galicia and Ireland), shrunk to fit it otherwise (35,000 communes: 36 départements of
 * ~6 km² communes). The box has the size in degrees the France box of earlier versions had, so
 * the benchmark territory is the same, 18° further west. Départements never overlap.
 */
import { MAX_COMMUNES_PER_DEPARTEMENT, MAX_DEPARTEMENTS, departementCode } from './codes';
import type { Position } from './types';

export interface DepartementPlan {
  index: number;
  code: string;
  communes: number;
  /** Active childminders to place in this département. */
  childminders: number;
  centre: Position;
  /** Area the département would have at the rural density. */
  targetAreaKm2: number;
  /** Largest distance from the centre its outline may reach (km), when it must fit a cell. */
  maxRadiusKm: number;
}

export const DEMO_CENTRE: Position = [-5.0, 45.8];
const KM2_PER_COMMUNE = 21;
export const OCEAN_BBOX = { west: -20.0, east: -11.0, south: 43.2, north: 50.0 };
const KM_PER_DEG_LAT = 111.2;

/** Splits `total` into `parts` integers as even as possible, larger ones first. */
export function splitEvenly(total: number, parts: number): number[] {
  const base = Math.floor(total / parts);
  return Array.from({ length: parts }, (_, i) => base + (i < total % parts ? 1 : 0));
}

export function planDepartements(communes: number, childminders: number): DepartementPlan[] {
  const count = Math.ceil(communes / MAX_COMMUNES_PER_DEPARTEMENT);
  if (count > MAX_DEPARTEMENTS) {
    throw new RangeError(
      `planDepartements: ${communes} communes need more than ${MAX_DEPARTEMENTS} départements`,
    );
  }
  const communeCounts = splitEvenly(communes, count);
  // Childminders in proportion to communes (largest remainders).
  const exact = communeCounts.map((c) => (childminders * c) / communes);
  const amCounts = exact.map(Math.floor);
  const order = [...exact.keys()].sort(
    (a, b) => exact[b] - amCounts[b] - (exact[a] - amCounts[a]) || a - b,
  );
  const missing = childminders - amCounts.reduce((s, v) => s + v, 0);
  for (let k = 0; k < missing; k++) amCounts[order[k]] += 1;

  if (count === 1) {
    return [
      {
        index: 0,
        code: departementCode(0),
        communes,
        childminders,
        centre: DEMO_CENTRE,
        targetAreaKm2: communes * KM2_PER_COMMUNE,
        maxRadiusKm: Infinity,
      },
    ];
  }
  const { cols, west, north, cellW, cellH, maxRadiusKm } = grid(
    count,
    Math.max(...communeCounts) * KM2_PER_COMMUNE,
  );
  return communeCounts.map((c, index) => {
    const col = index % cols;
    const row = Math.floor(index / cols);
    return {
      index,
      code: departementCode(index),
      communes: c,
      childminders: amCounts[index],
      // Row 0 at the north, as one reads a map.
      centre: [west + (col + 0.5) * cellW, north - (row + 0.5) * cellH],
      targetAreaKm2: c * KM2_PER_COMMUNE,
      maxRadiusKm,
    };
  });
}

/**
 * The grid of `count` cells centred on the ocean box: cells of the size a département of
 * `largestAreaKm2` needs, shrunk when the grid would not fit the box (benchmarks).
 */
function grid(
  count: number,
  largestAreaKm2: number,
): {
  cols: number;
  west: number;
  north: number;
  cellW: number;
  cellH: number;
  maxRadiusKm: number;
} {
  // Narrowest degree of longitude (at the north): cells are never narrower than assumed.
  const kmPerDegLon = KM_PER_DEG_LAT * Math.cos((OCEAN_BBOX.north * Math.PI) / 180);
  const widthKm = (OCEAN_BBOX.east - OCEAN_BBOX.west) * kmPerDegLon;
  const heightKm = (OCEAN_BBOX.north - OCEAN_BBOX.south) * KM_PER_DEG_LAT;
  const cols = Math.ceil(Math.sqrt((count * widthKm) / heightKm));
  const rows = Math.ceil(count / cols);
  // A cell 2.3 times the radius of a disc of the département's area: neighbours nearly touch.
  const naturalKm = 2.3 * Math.sqrt(largestAreaKm2 / Math.PI);
  const cellWKm = Math.min(naturalKm, widthKm / cols);
  const cellHKm = Math.min(naturalKm, heightKm / rows);
  const cellW = cellWKm / kmPerDegLon;
  const cellH = cellHKm / KM_PER_DEG_LAT;
  return {
    cols,
    west: (OCEAN_BBOX.west + OCEAN_BBOX.east) / 2 - (cols * cellW) / 2,
    north: (OCEAN_BBOX.south + OCEAN_BBOX.north) / 2 + (rows * cellH) / 2,
    cellW,
    cellH,
    // Outlines stay within 46% of the cell size from its centre: départements never overlap.
    maxRadiusKm: 0.46 * Math.min(cellWKm, cellHKm),
  };
}

/** Grid neighbours (east and south) of each département, to link their road networks. */
export function gridNeighbours(count: number): [number, number][] {
  if (count <= 1) return [];
  const { cols } = grid(count, 1);
  const pairs: [number, number][] = [];
  for (let i = 0; i < count; i++) {
    if ((i % cols) + 1 < cols && i + 1 < count) pairs.push([i, i + 1]);
    if (i + cols < count) pairs.push([i, i + cols]);
  }
  return pairs;
}
