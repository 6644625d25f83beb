import type { Knex } from 'knex';
import { localScale } from '../../domain/routing';
import { fetchExtent, fetchGridCells, type Extent, type GridSpec } from './repository';

/** Side of the grid cells of "time to the nearest place" and of matrices from the grid (metres). */
export const GRID_CELL_M = 1_000;
/** The cell side grows (by 250 m steps) rather than the grid beyond this many cells over the extent. */
export const MAX_GRID_CELLS = 20_000;

/** A regular grid over the loaded territory: square cells of cell_m metres at its middle latitude. */
export interface TravelGrid extends GridSpec {
  cell_m: number;
  /** Cells meeting a loaded commune: id `col-row` (0-based from the south-west) and centre. */
  cells: { id: string; col: number; row: number; lon: number; lat: number }[];
}

/**
 * The grid over an extent (WGS84 degrees): `GRID_CELL_M` cells, larger for a large extent so that
 * the bounding box holds at most `MAX_GRID_CELLS`. Squares in a local equirectangular frame at
 * the extent's middle latitude (within a few per cent of square across a département).
 */
export function gridSpec(extent: Extent): GridSpec & { cell_m: number } {
  const scale = localScale((extent.minLat + extent.maxLat) / 2);
  const width_m = Math.max(1, (extent.maxLon - extent.minLon) * scale.x_m);
  const height_m = Math.max(1, (extent.maxLat - extent.minLat) * scale.y_m);
  const needed = Math.sqrt((width_m * height_m) / MAX_GRID_CELLS);
  const cell_m = Math.max(GRID_CELL_M, Math.ceil(needed / 250) * 250);
  const dLon = cell_m / scale.x_m;
  const dLat = cell_m / scale.y_m;
  return {
    west: extent.minLon,
    south: extent.minLat,
    dLon,
    dLat,
    cols: Math.max(1, Math.ceil((extent.maxLon - extent.minLon) / dLon)),
    rows: Math.max(1, Math.ceil((extent.maxLat - extent.minLat) / dLat)),
    cell_m,
  };
}

/**
 * The grid over the loaded communes of a side of the data (of one département), or null when
 * none is loaded.
 */
export async function loadGrid(
  knex: Knex,
  departement: string | null,
  fictional: boolean,
): Promise<TravelGrid | null> {
  const extent = await fetchExtent(knex, departement, fictional);
  if (!extent) return null;
  const spec = gridSpec(extent);
  const cells = await fetchGridCells(knex, spec, departement, fictional);
  return { ...spec, cells: cells.map((c) => ({ ...c, id: `${c.col}-${c.row}` })) };
}

/** The square of a cell as a GeoJSON Polygon ring (WGS84, counter-clockwise). */
export function cellPolygon(grid: GridSpec, col: number, row: number): [number, number][][] {
  const round = (x: number) => Math.round(x * 1e7) / 1e7;
  const w = round(grid.west + col * grid.dLon);
  const e = round(grid.west + (col + 1) * grid.dLon);
  const s = round(grid.south + row * grid.dLat);
  const n = round(grid.south + (row + 1) * grid.dLat);
  return [
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ],
  ];
}
