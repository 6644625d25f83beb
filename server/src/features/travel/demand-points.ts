import { BandStrips, PointSet } from '../../domain/routing/band-points';
import type { DemandPointsRow } from './repository';

/**
 * The demand grid of a side of the data held in this process as points (one per cell part of a
 * commune), so that the children inside an isochrone's bands are counted here, in a few
 * milliseconds, rather than by a spatial join of every centroid in SQL.
 */
export interface DemandPoints {
  points: PointSet;
  /** Point i belongs to commune `codes[communeOf[i]]`. */
  communeOf: Uint32Array;
  codes: string[];
  /** Share of its commune's children (0..1). */
  shares: Float64Array;
  /** 1: placed by the estimate rather than INSEE's grid. */
  estimated: Uint8Array;
  datasetIds: Int32Array;
}

export function packDemandPoints(rows: DemandPointsRow[]): DemandPoints {
  const count = rows.reduce((n, row) => n + row.lons.length, 0);
  const xs = new Float64Array(count);
  const ys = new Float64Array(count);
  const communeOf = new Uint32Array(count);
  const shares = new Float64Array(count);
  const estimated = new Uint8Array(count);
  const datasetIds = new Int32Array(count);
  let i = 0;
  rows.forEach((row, c) => {
    for (let j = 0; j < row.lons.length; j++, i++) {
      xs[i] = row.lons[j];
      ys[i] = row.lats[j];
      communeOf[i] = c;
      shares[i] = row.shares[j];
      estimated[i] = row.estimated[j] ? 1 : 0;
      datasetIds[i] = row.dataset_ids[j];
    }
  });
  return {
    points: new PointSet(xs, ys),
    communeOf,
    codes: rows.map((row) => row.commune_code),
    shares,
    estimated,
    datasetIds,
  };
}

/**
 * Per band and commune, what its cells whose centroid is inside the band give, as parallel
 * arrays for sql/queries/travel/band_sums.sql: the sum of their shares and whether any was
 * estimated; and, per band, commune and dataset, the datasets of those cells.
 */
export interface BandCells {
  minutes: number[];
  codes: string[];
  shares: number[];
  estimated: boolean[];
  sources: { minutes: number[]; codes: string[]; datasetIds: number[] };
}

export function bandCells(
  grid: DemandPoints,
  bands: { minutes: number; geometry: { coordinates: number[][][][] } }[],
): BandCells {
  const out: BandCells = {
    minutes: [],
    codes: [],
    shares: [],
    estimated: [],
    sources: { minutes: [], codes: [], datasetIds: [] },
  };
  for (const band of bands) {
    const byCommune = new Map<
      number,
      { share: number; estimated: boolean; datasets: Set<number> }
    >();
    for (const i of grid.points.inside(new BandStrips(band.geometry.coordinates))) {
      const c = grid.communeOf[i];
      let sum = byCommune.get(c);
      if (!sum) {
        sum = { share: 0, estimated: false, datasets: new Set() };
        byCommune.set(c, sum);
      }
      sum.share += grid.shares[i];
      sum.estimated ||= grid.estimated[i] === 1;
      sum.datasets.add(grid.datasetIds[i]);
    }
    for (const [c, sum] of byCommune) {
      out.minutes.push(band.minutes);
      out.codes.push(grid.codes[c]);
      out.shares.push(sum.share);
      out.estimated.push(sum.estimated);
      for (const id of sum.datasets) {
        out.sources.minutes.push(band.minutes);
        out.sources.codes.push(grid.codes[c]);
        out.sources.datasetIds.push(id);
      }
    }
  }
  return out;
}
