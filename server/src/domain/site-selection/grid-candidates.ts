/**
 * Candidate sites from the demand grid: the populated cells gathered into square blocks of
 * `block_m` (on a local equirectangular projection, WGS84 in), one candidate per block at the
 * centroid of its most populated cell (where a site can stand: people live there). When that
 * gives more than `maxCandidates`, the blocks double in size until it does not. Pure.
 */
export interface GridCell {
  id: string;
  lon: number;
  lat: number;
  children: number;
}

const M_PER_DEG_LAT = 111_320;

export function gridCandidates(
  cells: readonly GridCell[],
  options: { block_m: number; maxCandidates: number },
): { candidates: GridCell[]; block_m: number } {
  if (!(options.block_m > 0)) throw new RangeError(`block_m must be > 0, got ${options.block_m}`);
  if (!(options.maxCandidates >= 1)) {
    throw new RangeError(`maxCandidates must be ≥ 1, got ${options.maxCandidates}`);
  }
  const populated = cells.filter((c) => c.children > 0);
  if (populated.length === 0) return { candidates: [], block_m: options.block_m };
  const meanLat = populated.reduce((s, c) => s + c.lat, 0) / populated.length;
  const mPerDegLon = M_PER_DEG_LAT * Math.cos((meanLat * Math.PI) / 180);
  // Blocks start at the south-west corner of the populated cells.
  const west = Math.min(...populated.map((c) => c.lon));
  const south = Math.min(...populated.map((c) => c.lat));
  for (let block = options.block_m; ; block *= 2) {
    const best = new Map<string, GridCell>();
    for (const c of populated) {
      const x = Math.floor(((c.lon - west) * mPerDegLon) / block);
      const y = Math.floor(((c.lat - south) * M_PER_DEG_LAT) / block);
      const key = `${x}:${y}`;
      const held = best.get(key);
      if (!held || c.children > held.children || (c.children === held.children && c.id < held.id)) {
        best.set(key, c);
      }
    }
    if (best.size <= options.maxCandidates) {
      const candidates = [...best.values()].sort((a, b) =>
        a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
      );
      return { candidates, block_m: block };
    }
  }
}
