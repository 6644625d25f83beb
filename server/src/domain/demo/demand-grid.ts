/**
 * The demand grid: each commune's inhabitants on 200 m square cells of Lambert-93
 * (EPSG:2154), the shape INSEE's gridded data give real communes.
 *
 * Each place (places.ts) is laid on the cells whose centre lies within `PLACE_CUT_SIGMAS` of
 * it, weighted by its Gaussian bump times a log-normal noise (σ 0.35), the outer cells often
 * left empty (fields between houses); only cells whose centre lies in the place's commune are
 * kept, and the place's population is spread over them. A scattered house adds its
 * inhabitants to the cell it is in. Weights are inhabitants to 0.1; a commune's shares add up
 * to 1, so that its census children, times the shares, give the children of each cell.
 */
import { fromLambert93, toLambert93 } from './lambert93';
import type { LocalFrame } from './frame';
import { PLACE_CUT_SIGMAS, type CommunePlaces, type Place, type RingKm } from './places';
import type { Random } from './random';
import type { ScatteredHouse } from './streets';
import type { DemoDemandGrid, DemoTerritory, Position } from './types';

export const CELL_M = 200;

/** Cells of one département, by commune in layout order. */
export interface CommuneCells {
  col: number[];
  row: number[];
  weight: number[];
}

export function layDemandGrid(
  places: readonly CommunePlaces[],
  houses: readonly ScatteredHouse[],
  rings: readonly RingKm[],
  frame: LocalFrame,
  random: Random,
): CommuneCells[] {
  const housesOf: ScatteredHouse[][] = places.map(() => []);
  for (const h of houses) housesOf[h.commune].push(h);
  const scratch: CommuneCells = { col: [], row: [], weight: [] };
  return places.map((p, i) => {
    // The commune's cells, merged by position (a house in a hamlet's cell adds to it).
    const cells: CommuneCells = { col: [], row: [], weight: [] };
    const slot = new Map<number, number>();
    const add = (col: number, row: number, weight: number) => {
      const key = col * 100_000 + row; // |col| < 10^4, 0 < row < 10^5 in Lambert-93
      const k = slot.get(key);
      if (k !== undefined) {
        cells.weight[k] += weight;
      } else {
        slot.set(key, cells.col.length);
        cells.col.push(col);
        cells.row.push(row);
        cells.weight.push(weight);
      }
    };
    for (const place of [p.centre, ...p.hamlets]) {
      placeCells(place, rings[i], frame, random, scratch);
      for (let k = 0; k < scratch.col.length; k++)
        add(scratch.col[k], scratch.row[k], scratch.weight[k]);
    }
    for (const h of housesOf[i]) {
      const [e, n] = toLambert93(frame.toLonLat(h.x, h.y));
      add(Math.floor(e / CELL_M), Math.floor(n / CELL_M), h.population);
    }
    const order = [...cells.col.keys()]
      .filter((k) => (cells.weight[k] = Math.round(cells.weight[k] * 10) / 10) > 0)
      .sort((a, b) => cells.row[a] - cells.row[b] || cells.col[a] - cells.col[b]);
    if (order.length === 0) {
      // A commune of a handful of people all rounded away: its chef-lieu's cell holds them.
      const [e, n] = toLambert93(frame.toLonLat(p.centre.x, p.centre.y));
      return { col: [Math.floor(e / CELL_M)], row: [Math.floor(n / CELL_M)], weight: [0.1] };
    }
    return {
      col: order.map((k) => cells.col[k]),
      row: order.map((k) => cells.row[k]),
      weight: order.map((k) => cells.weight[k]),
    };
  });
}

/** The cells of one place inside its commune into `out`, weights adding up to its population. */
function placeCells(
  place: Place,
  ring: RingKm,
  frame: LocalFrame,
  random: Random,
  out: CommuneCells,
): void {
  out.col.length = out.row.length = out.weight.length = 0;
  const [e, n] = toLambert93(frame.toLonLat(place.x, place.y));
  const along = place.sigmaKm * Math.sqrt(place.stretch) * 1000;
  const across = (place.sigmaKm / Math.sqrt(place.stretch)) * 1000;
  const reach = PLACE_CUT_SIGMAS * along;
  const [ca, sa] = [Math.cos(place.angle), Math.sin(place.angle)];
  const cut2 = PLACE_CUT_SIGMAS ** 2;
  // Lambert-93 metres → frame km, linear around the place: over a few kilometres it is off by
  // about d²/R (a metre or two), plenty to tell which commune a cell's centre is in.
  const origin = frame.toKm(fromLambert93(e, n));
  const east = frame.toKm(fromLambert93(e + 1000, n));
  const north = frame.toKm(fromLambert93(e, n + 1000));
  const [xe, ye] = [(east.x - origin.x) / 1000, (east.y - origin.y) / 1000];
  const [xn, yn] = [(north.x - origin.x) / 1000, (north.y - origin.y) / 1000];
  let sum = 0;
  for (let col = Math.floor((e - reach) / CELL_M); col <= Math.floor((e + reach) / CELL_M); col++) {
    for (
      let row = Math.floor((n - reach) / CELL_M);
      row <= Math.floor((n + reach) / CELL_M);
      row++
    ) {
      const dx = (col + 0.5) * CELL_M - e;
      const dy = (row + 0.5) * CELL_M - n;
      const q = ((dx * ca + dy * sa) / along) ** 2 + ((dy * ca - dx * sa) / across) ** 2;
      if (q > cut2) continue;
      const noise = random.logNormal(1, 0.35);
      if (random.float() < (0.3 * q) / cut2) continue;
      if (!ring.contains(origin.x + dx * xe + dy * xn, origin.y + dx * ye + dy * yn)) continue;
      const weight = Math.exp(-q) * noise;
      out.col.push(col);
      out.row.push(row);
      out.weight.push(weight);
      sum += weight;
    }
  }
  if (out.col.length === 0) {
    out.col.push(Math.floor(e / CELL_M));
    out.row.push(Math.floor(n / CELL_M));
    out.weight.push(place.population);
    return;
  }
  for (let k = 0; k < out.weight.length; k++)
    out.weight[k] = (out.weight[k] / sum) * place.population;
}

/** Gathers départements' cells into the territory's columns (`communeIndex`: layout → final). */
export function demandColumns(
  parts: readonly { cells: CommuneCells[]; communeIndex: readonly number[] }[],
): DemoDemandGrid {
  let count = 0;
  for (const part of parts) for (const c of part.cells) count += c.col.length;
  const grid: DemoDemandGrid = {
    srid: 2154,
    cellM: CELL_M,
    commune: new Uint32Array(count),
    col: new Int32Array(count),
    row: new Int32Array(count),
    weight: new Float64Array(count),
    share: new Float64Array(count),
  };
  // Commune by commune in the territory's order.
  const ordered: { commune: number; cells: CommuneCells }[] = [];
  for (const part of parts)
    part.cells.forEach((cells, i) => ordered.push({ commune: part.communeIndex[i], cells }));
  ordered.sort((a, b) => a.commune - b.commune);
  let k = 0;
  for (const { commune, cells } of ordered) {
    const total = cells.weight.reduce((s, w) => s + w, 0);
    for (let j = 0; j < cells.col.length; j++, k++) {
      grid.commune[k] = commune;
      grid.col[k] = cells.col[j];
      grid.row[k] = cells.row[j];
      grid.weight[k] = cells.weight[j];
      grid.share[k] = cells.weight[j] / total;
    }
  }
  return grid;
}

/** A demand cell as the loader writes it. */
export interface DemoDemandCell {
  /** `CRS2154RES200mN{northing}E{easting}` of its south-west corner, as INSEE names cells. */
  cellId: string;
  communeCode: string;
  weight: number;
  share: number;
  /** The square, WGS84, closed and counter-clockwise (SW, SE, NE, NW, SW), 6 decimals. */
  ring: Position[];
  /** Its centre, WGS84. */
  centroid: Position;
}

/** The identifier of the cell whose south-west corner is (`col`, `row`) × 200 m. */
export function demandCellId(col: number, row: number): string {
  const pad = (v: number) => (v < 0 ? '-' : '') + String(Math.abs(v)).padStart(7, '0');
  return `CRS2154RES${CELL_M}mN${pad(row * CELL_M)}E${pad(col * CELL_M)}`;
}

/** Cells `from` to `to` (exclusive) of the territory's grid, as rows. */
export function demandCells(territory: DemoTerritory, from = 0, to = Infinity): DemoDemandCell[] {
  const g = territory.demand;
  const end = Math.min(to, g.col.length);
  const rows: DemoDemandCell[] = [];
  for (let k = from; k < end; k++) {
    const [x, y] = [g.col[k] * CELL_M, g.row[k] * CELL_M];
    const corner = (dx: number, dy: number) => round6(fromLambert93(x + dx, y + dy));
    const sw = corner(0, 0);
    rows.push({
      cellId: demandCellId(g.col[k], g.row[k]),
      communeCode: territory.communes[g.commune[k]].code,
      weight: g.weight[k],
      share: g.share[k],
      ring: [sw, corner(CELL_M, 0), corner(CELL_M, CELL_M), corner(0, CELL_M), sw],
      centroid: corner(CELL_M / 2, CELL_M / 2),
    });
  }
  return rows;
}

function round6(p: [number, number]): Position {
  return [Math.round(p[0] * 1e6) / 1e6, Math.round(p[1] * 1e6) / 1e6];
}
