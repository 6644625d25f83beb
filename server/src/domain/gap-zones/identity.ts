/**
 * Stable identity of gap zones across recomputations, so that a review attached to a zone
 * finds it again. The rule: a new zone keeps the id of a previous zone of the same criterion
 * when it covers at least half of that previous zone's cells (`KEEP_SHARE`); each previous id
 * goes to at most one new zone and each new zone takes at most one id, the pairs with the most
 * cells in common choosing first. Other new zones get an id derived from the criterion and their
 * cells (the same cells always give the same id). A previous zone whose id is not kept is
 * retired with its successors (the new zones holding any of its cells): `disappeared` (none),
 * `merged` (one, which carries another id) or `split` (several). Cells are all the same size
 * (squares of one grid), so shares of cells are shares of area.
 */
import { createHash } from 'node:crypto';
import type { GapZoneDraft } from './zones';

/** Share of a previous zone's cells a new zone must cover to keep its id. */
export const KEEP_SHARE = 0.5;

/** A zone as stored by the previous computation (its active zones only). */
export interface PreviousZone {
  id: string;
  cells: readonly string[];
}

export type RetiredStatus = 'disappeared' | 'merged' | 'split';

export interface IdentifiedZone extends GapZoneDraft {
  id: string;
  /** True when the id comes from a previous zone. */
  kept: boolean;
}

export interface RetiredZone {
  id: string;
  status: RetiredStatus;
  /** Ids of the new zones holding some of its cells, sorted. */
  successors: string[];
}

/** The id of a new zone: `gz-` and 12 hex digits of a hash of the criterion and its cells. */
export function zoneIdFromCells(key: string, cells: readonly string[]): string {
  const hash = createHash('sha256');
  hash.update(key);
  for (const c of [...cells].sort()) hash.update(`\n${c}`);
  return `gz-${hash.digest('hex').slice(0, 12)}`;
}

/** Ids for `zones` (of criterion `key`) given the previous active zones of the same key. */
export function identifyZones(
  key: string,
  zones: readonly GapZoneDraft[],
  previous: readonly PreviousZone[],
): { zones: IdentifiedZone[]; retired: RetiredZone[] } {
  const zoneOf = new Map<string, number>();
  zones.forEach((z, i) => z.cells.forEach((c) => zoneOf.set(c, i)));
  // Cells in common between each previous zone and each new zone.
  const pairs: { prev: number; zone: number; common: number }[] = [];
  const overlaps = previous.map((p, prev) => {
    const common = new Map<number, number>();
    for (const c of p.cells) {
      const z = zoneOf.get(c);
      if (z !== undefined) common.set(z, (common.get(z) ?? 0) + 1);
    }
    for (const [zone, n] of common) {
      if (n >= KEEP_SHARE * p.cells.length) pairs.push({ prev, zone, common: n });
    }
    return common;
  });
  const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  pairs.sort(
    (a, b) =>
      b.common - a.common || byId(previous[a.prev].id, previous[b.prev].id) || a.zone - b.zone,
  );
  const idOf: (string | undefined)[] = new Array(zones.length);
  const kept = new Set<number>();
  for (const { prev, zone } of pairs) {
    if (kept.has(prev) || idOf[zone] !== undefined) continue;
    kept.add(prev);
    idOf[zone] = previous[prev].id;
  }
  const identified = zones.map((z, i) => ({
    ...z,
    id: idOf[i] ?? zoneIdFromCells(key, z.cells),
    kept: idOf[i] !== undefined,
  }));
  const newIds = new Set(identified.map((z) => z.id));
  const retired: RetiredZone[] = [];
  previous.forEach((p, prev) => {
    if (kept.has(prev) || newIds.has(p.id)) return;
    const successors = [...overlaps[prev].keys()].map((z) => identified[z].id).sort();
    const status: RetiredStatus =
      successors.length === 0 ? 'disappeared' : successors.length === 1 ? 'merged' : 'split';
    retired.push({ id: p.id, status, successors });
  });
  retired.sort((a, b) => (a.id < b.id ? -1 : 1));
  return { zones: identified, retired };
}
