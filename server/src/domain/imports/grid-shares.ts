/**
 * From grid cells to the shape of each commune's demand. Pure.
 *
 * A cell holds a share of its commune's children under 3 (census): share = weight / Σ weight of
 * the commune's cells, so that the cells of a commune add up to exactly the commune's figure.
 * The weight is the cell's `ind_0_3` (children aged 0 to 3 in the grid: a shape, not a count).
 *
 * A cell on a commune line (INSEE lists several communes for it) is split between them by the
 * area of the cell inside each commune: the grid does not say where in the cell its households
 * live, and area is what both the cell and the communes' outlines give.
 */

/** A loaded commune a cell lies in, with the area of the cell inside it. */
export interface CellPartArea {
  communeCode: string;
  /** m², in the cell's CRS; null when the commune has no outline. */
  areaM2: number | null;
}

export interface CellOnLine {
  /** Current communes the file gives for the cell, loaded or not. */
  listed: readonly string[];
  /** Area of the whole square, m². */
  cellAreaM2: number;
  /** The loaded communes among `listed`, with the area of the cell inside each. */
  parts: readonly CellPartArea[];
}

/**
 * The fraction of the cell that goes to each loaded commune. One commune listed: all of it,
 * wherever the outline runs. Several: by area inside each; a listed commune that is not loaded
 * is taken to hold the part of the cell outside the loaded ones (its share is not written).
 * When an outline is missing or the cell meets none of them, the listed communes share the
 * cell equally.
 */
export function partFractions(cell: CellOnLine): Map<string, number> {
  const out = new Map<string, number>();
  if (cell.listed.length === 1) {
    for (const p of cell.parts) out.set(p.communeCode, 1);
    return out;
  }
  const covered = cell.parts.reduce((s, p) => s + (p.areaM2 ?? 0), 0);
  if (cell.parts.some((p) => p.areaM2 === null) || covered <= 0) {
    for (const p of cell.parts) out.set(p.communeCode, 1 / cell.listed.length);
    return out;
  }
  const unloaded = cell.listed.length > cell.parts.length;
  const total = covered + (unloaded ? Math.max(0, cell.cellAreaM2 - covered) : 0);
  for (const p of cell.parts) out.set(p.communeCode, p.areaM2! / total);
  return out;
}

/** The part of one cell in one commune, with the cell's values. */
export interface WeightedPart {
  cellId: string;
  communeCode: string;
  /** ind_0_3 of the whole cell. */
  children: number;
  /** ind of the whole cell (null when the file has none). */
  people: number | null;
  /** From `partFractions`. */
  fraction: number;
}

export interface CellShare {
  cellId: string;
  communeCode: string;
  weight: number;
  share: number;
}

export interface CommuneShares {
  cells: CellShare[];
  /** Communes whose cells hold no child aged 0 to 3: shaped by their inhabitants (`ind`). */
  byPeople: string[];
  /** …nor any inhabitant: spread evenly over their cells. */
  even: string[];
}

/**
 * Weights and shares per commune. weight = ind_0_3 × fraction; a commune whose cells all hold
 * 0 children aged 0 to 3 (yet may have children under 3 in the census) is shaped by `ind`
 * instead, and failing that evenly: its census children are never dropped. Parts with a zero
 * fraction are left out.
 */
export function communeShares(parts: readonly WeightedPart[]): CommuneShares {
  const byCommune = new Map<string, WeightedPart[]>();
  for (const p of parts) {
    if (!(p.fraction > 0)) continue;
    const list = byCommune.get(p.communeCode);
    if (list) list.push(p);
    else byCommune.set(p.communeCode, [p]);
  }
  const result: CommuneShares = { cells: [], byPeople: [], even: [] };
  for (const [code, list] of byCommune) {
    let weights = list.map((p) => p.children * p.fraction);
    if (sum(weights) <= 0) {
      weights = list.map((p) => (p.people ?? 0) * p.fraction);
      if (sum(weights) > 0) result.byPeople.push(code);
      else {
        weights = list.map((p) => p.fraction);
        result.even.push(code);
      }
    }
    const total = sum(weights);
    list.forEach((p, i) =>
      result.cells.push({
        cellId: p.cellId,
        communeCode: code,
        weight: weights[i],
        share: weights[i] / total,
      }),
    );
  }
  return result;
}

function sum(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}
