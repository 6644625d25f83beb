/**
 * Facts the tests compute from the generated rows alone (geometry and raw supply), so they
 * check the generator's output rather than repeat its internals.
 */
import type { Position } from 'geojson';
import type { DemoCommune, DemoTerritory } from '../types';

/** Share of AM places used by under-3s in the official rate (CNAF, 2018). */
export const AM_UNDER3_SHARE = 0.81;

/** Communes sharing at least one boundary segment, from their coordinates. */
export function adjacencyFromGeometry(communes: readonly DemoCommune[]): Map<string, Set<string>> {
  const bySegment = new Map<string, string[]>();
  for (const c of communes) {
    for (const polygon of c.geometry.coordinates) {
      for (const ring of polygon) {
        for (let i = 0; i < ring.length - 1; i++) {
          const key = segmentKey(ring[i], ring[i + 1]);
          const list = bySegment.get(key) ?? [];
          list.push(c.code);
          bySegment.set(key, list);
        }
      }
    }
  }
  const adjacency = new Map(communes.map((c) => [c.code, new Set<string>()]));
  for (const codes of bySegment.values()) {
    for (const a of codes) for (const b of codes) if (a !== b) adjacency.get(a)!.add(b);
  }
  return adjacency;
}

function segmentKey(a: Position, b: Position): string {
  const [p, q] = a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]) ? [a, b] : [b, a];
  return `${p[0]},${p[1]};${q[0]},${q[1]}`;
}

/** Whether `members` form one connected set through `adjacency`. */
export function isConnected(
  members: readonly string[],
  adjacency: Map<string, Set<string>>,
): boolean {
  if (members.length === 0) return true;
  const inside = new Set(members);
  const seen = new Set([members[0]]);
  const stack = [members[0]];
  while (stack.length > 0) {
    for (const next of adjacency.get(stack.pop()!) ?? []) {
      if (inside.has(next) && !seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return seen.size === inside.size;
}

/** Formal places counted by the official rate in `year`, by commune code. */
export function formalPlaces(territory: DemoTerritory, year: number): Map<string, number> {
  const places = new Map<string, number>();
  const add = (code: string, value: number) => places.set(code, (places.get(code) ?? 0) + value);
  const open = (from: number, to: number | null) => from <= year && (to === null || to > year);
  for (const e of territory.eaje)
    if (open(e.openedYear, e.closedYear)) add(e.communeCode, e.places);
  for (const a of territory.childminders) {
    if (a.active && open(a.startedYear, a.endedYear))
      add(a.communeCode, AM_UNDER3_SHARE * a.agreementPlaces);
  }
  for (const s of territory.supplyCounts) if (s.year === year) add(s.communeCode, s.places);
  return places;
}

/** Official coverage rate (places per 100 children under 3) of a set of communes in `year`. */
export function coverageRate(
  territory: DemoTerritory,
  communeCodes: readonly string[],
  year: number,
  places = formalPlaces(territory, year),
): number {
  const codes = new Set(communeCodes);
  let supply = 0;
  let children = 0;
  for (const c of territory.communes) {
    if (!codes.has(c.code)) continue;
    supply += places.get(c.code) ?? 0;
    children += c.population.find((p) => p.year === year)!.childrenUnder3;
  }
  return (100 * supply) / children;
}

export function populationIn(commune: DemoCommune, year: number) {
  const row = commune.population.find((p) => p.year === year);
  if (!row) throw new Error(`no population for ${commune.code} in ${year}`);
  return row;
}
