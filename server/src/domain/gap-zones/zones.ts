/**
 * Gap zones: where children live with no formal place within reach, or with too few places
 * within reach. Cells of the demand grid that meet a criterion are grouped into connected
 * zones (4-adjacency: cells sharing a side, so that a zone's outline is one polygon and two
 * zones never touch at a corner only); zones with fewer children than a minimum are dropped.
 * Pure: the cells, their times and access figures come in, zones of cell ids and figures go out
 * (the polygons are the union of the cells, built where the cells' geometries are).
 */
import { InvalidInput } from '../errors';

/** Minutes by car within which a formal place must be for a cell not to be "sans offre". */
export const DEFAULT_GAP_MINUTES = 15;
/** A cell is "sous-dotée" when its access is under this share of the reference rate. */
export const DEFAULT_UNDERSERVED_SHARE = 0.5;
/** Zones with fewer children under 3 than this are dropped (a lone farm is not a zone). */
export const DEFAULT_MIN_ZONE_CHILDREN = 5;
/** How many of a zone's nearest places it names. */
export const NEAREST_PLACES_LISTED = 3;

/** One cell of the demand grid as the zones see it. */
export interface GapCell {
  /** The grid's identifier of the cell (INSEE's `CRS3035RES200mN…E…` or the demo's). */
  id: string;
  /** Column and row of the cell on its square grid (metric CRS, counted from any origin). */
  col: number;
  row: number;
  /** Children under 3 living in the cell (may be fractional: the commune's count × a share). */
  children: number;
  /** Minutes by car to the nearest formal place; null when none is reached within the search. */
  minutes: number | null;
  /** Identifier of that nearest place (`eaje-12`), null with `minutes`. */
  nearest: string | null;
  /** Places within reach per 100 children (accessibility rate); absent when not computed. */
  access?: number | null;
  /** Codes of the communes the cell meets. */
  communes: readonly string[];
}

/** What makes a cell part of a gap zone. */
export type GapCriterion =
  { kind: 'sans_offre'; minutes: number } | { kind: 'sous_dotee'; share: number };

export interface GapZoneOptions {
  /** The reference rate (places per 100 children under 3) the places missing are counted to. */
  referenceRate: number;
  minChildren?: number;
}

/** A zone before it gets its identity (see identity.ts). */
export interface GapZoneDraft {
  /** Its cells' ids, sorted. */
  cells: string[];
  children: number;
  /** Places to create within reach to bring the zone to the reference rate (see placesMissing). */
  places_missing: number;
  /** The places nearest to its cells, by minutes then id, with the shortest time from a cell. */
  nearest: { id: string; minutes: number }[];
  /** Cells of the zone from which no formal place is reached within the search. */
  cells_unreachable: number;
  communes: string[];
}

/** A stable key for a criterion and its parameter, naming the set of zones it defines. */
export function criterionKey(criterion: GapCriterion): string {
  return criterion.kind === 'sans_offre'
    ? `sans_offre:${criterion.minutes}`
    : `sous_dotee:${criterion.share}`;
}

/** Whether a cell meets the criterion: it has children, and no place (or too few) within reach. */
export function meetsCriterion(
  cell: GapCell,
  criterion: GapCriterion,
  referenceRate: number,
): boolean {
  if (!(cell.children > 0)) return false;
  if (criterion.kind === 'sans_offre') {
    return cell.minutes === null || cell.minutes > criterion.minutes;
  }
  if (cell.access === undefined || cell.access === null) return false;
  return cell.access < criterion.share * referenceRate;
}

/**
 * Places missing in a zone: Σ over its cells of children × (reference − places within reach
 * per 100 children) / 100, rounded up. Without an access figure (criterion "sans offre") a
 * cell counts no place within reach: no formal place is within the minutes by definition, and
 * childminders at home are not placed on the grid.
 */
export function placesMissing(cells: readonly GapCell[], referenceRate: number): number {
  let missing = 0;
  for (const c of cells) {
    const inReach = c.access ?? 0;
    missing += (c.children * Math.max(0, referenceRate - inReach)) / 100;
  }
  // Round away the float noise of the sum before rounding up (12.000000001 is 12).
  return Math.ceil(Math.round(missing * 1e6) / 1e6);
}

function checkInputs(cells: readonly GapCell[], criterion: GapCriterion, options: GapZoneOptions) {
  const seen = new Set<string>();
  cells.forEach((c, i) => {
    if (seen.has(c.id)) throw new InvalidInput(`Cell ${c.id} appears twice (row ${i + 1})`);
    seen.add(c.id);
    if (!Number.isInteger(c.col) || !Number.isInteger(c.row)) {
      throw new InvalidInput(`Cell ${c.id}: col and row must be integers (row ${i + 1})`);
    }
    if (!Number.isFinite(c.children) || c.children < 0) {
      throw new InvalidInput(`Cell ${c.id}: children must be a number ≥ 0 (row ${i + 1})`);
    }
  });
  if (criterion.kind === 'sans_offre' && !(criterion.minutes > 0)) {
    throw new InvalidInput('The criterion’s minutes must be > 0');
  }
  if (criterion.kind === 'sous_dotee' && !(criterion.share > 0 && criterion.share <= 1)) {
    throw new InvalidInput('The criterion’s share must be in ]0, 1]');
  }
  if (!(options.referenceRate >= 0)) throw new InvalidInput('The reference rate must be ≥ 0');
}

/**
 * The gap zones of a grid for a criterion: connected groups (4-adjacency) of the cells that
 * meet it, with at least `minChildren` children, ordered by children (most first) then by their
 * first cell id. The order of the input cells does not matter.
 */
export function gapZones(
  cells: readonly GapCell[],
  criterion: GapCriterion,
  options: GapZoneOptions,
): GapZoneDraft[] {
  checkInputs(cells, criterion, options);
  const minChildren = options.minChildren ?? DEFAULT_MIN_ZONE_CHILDREN;
  const chosen = cells
    .filter((c) => meetsCriterion(c, criterion, options.referenceRate))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const at = new Map<string, number>();
  chosen.forEach((c, i) => at.set(`${c.col},${c.row}`, i));
  const done = new Uint8Array(chosen.length);
  const zones: GapZoneDraft[] = [];
  for (let start = 0; start < chosen.length; start++) {
    if (done[start]) continue;
    done[start] = 1;
    const members: GapCell[] = [];
    const queue = [start];
    while (queue.length > 0) {
      const cell = chosen[queue.pop()!];
      members.push(cell);
      for (const [dc, dr] of [
        [1, 0],
        [-1, 0],
        [0, 1],
        [0, -1],
      ]) {
        const j = at.get(`${cell.col + dc},${cell.row + dr}`);
        if (j !== undefined && !done[j]) {
          done[j] = 1;
          queue.push(j);
        }
      }
    }
    const zone = describeZone(members, options.referenceRate);
    if (zone.children >= minChildren) zones.push(zone);
  }
  return zones.sort((a, b) => b.children - a.children || (a.cells[0] < b.cells[0] ? -1 : 1));
}

function describeZone(members: GapCell[], referenceRate: number): GapZoneDraft {
  const nearest = new Map<string, number>();
  let unreachable = 0;
  const communes = new Set<string>();
  let children = 0;
  for (const c of members) {
    children += c.children;
    c.communes.forEach((code) => communes.add(code));
    if (c.minutes === null || c.nearest === null) unreachable++;
    else nearest.set(c.nearest, Math.min(nearest.get(c.nearest) ?? Infinity, c.minutes));
  }
  return {
    cells: members.map((c) => c.id).sort(),
    children: Math.round(children * 100) / 100,
    places_missing: placesMissing(members, referenceRate),
    nearest: [...nearest]
      .map(([id, minutes]) => ({ id, minutes: Math.round(minutes * 10) / 10 }))
      .sort((a, b) => a.minutes - b.minutes || (a.id < b.id ? -1 : 1))
      .slice(0, NEAREST_PLACES_LISTED),
    cells_unreachable: unreachable,
    communes: [...communes].sort(),
  };
}
