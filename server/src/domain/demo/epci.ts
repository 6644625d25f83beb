/**
 * The intercommunalities (EPCI) of a département: a partition of its communes into contiguous
 * groups around main communes. The prefecture's EPCI is a communauté d'agglomération (CA); the
 * others are communautés de communes (CC), unless one reaches 50,000 inhabitants.
 *
 * Partition: a multi-source best-first growth over the commune adjacency graph (a commune joins
 * the EPCI that reaches it first; edge costs are distances with noise, divided by the EPCI's
 * "pull", larger for the CA). Each commune joins through a neighbour already in the same EPCI,
 * so every EPCI is contiguous by construction.
 */
import { PriorityQueue } from './priority-queue';
import type { Random } from './random';
import type { CommuneLayout, SettlementRole } from './settlements';

/** About 19 communes per EPCI: 280 communes give 13 to 16 EPCI. */
const COMMUNES_PER_EPCI = 19;
/** Population above which a CC would have to become a CA (legal threshold, with a 15k centre). */
const CA_POPULATION = 50_000;

export interface EpciPartition {
  /** EPCI index of each commune. */
  epciOf: number[];
  /** Main commune (named centre) of each EPCI; the first EPCI is the prefecture's. */
  centres: number[];
}

export function partitionIntoEpcis(
  layout: CommuneLayout,
  roles: readonly SettlementRole[],
  random: Random,
): EpciPartition {
  const n = roles.length;
  const count = Math.max(
    1,
    Math.min(n, Math.round((n / COMMUNES_PER_EPCI) * random.range(0.9, 1.1))),
  );
  const dist = (a: number, b: number) =>
    Math.hypot(layout.x[a] - layout.x[b], layout.y[a] - layout.y[b]);

  // Centres: the prefecture, then the towns, then the most remote bourgs, then any commune,
  // each time as far as possible from the centres already chosen (farthest-point sampling).
  // Towns always anchor one; bourgs only where there is room; then any commune fills the count.
  const centres: number[] = [];
  const gapToCentres = new Float64Array(n).fill(Infinity);
  const addCentre = (c: number) => {
    centres.push(c);
    for (let i = 0; i < n; i++) gapToCentres[i] = Math.min(gapToCentres[i], dist(i, c));
  };
  addCentre(roles.indexOf('prefecture'));
  const ranks: { roles: SettlementRole[]; minGapKm: number }[] = [
    { roles: ['town'], minGapKm: 0 },
    { roles: ['bourg'], minGapKm: 0.25 * layout.effectiveRadiusKm },
    { roles: ['suburb', 'village'], minGapKm: 0 },
  ];
  for (const rank of ranks) {
    while (centres.length < count) {
      let best = -1;
      let bestGap = -1;
      for (let i = 0; i < n; i++) {
        if (!rank.roles.includes(roles[i]) || gapToCentres[i] === 0) continue;
        const gap = gapToCentres[i] * random.range(0.85, 1.15);
        if (gap > bestGap) [best, bestGap] = [i, gap];
      }
      if (best < 0 || bestGap < rank.minGapKm) break;
      addCentre(best);
    }
  }

  const pull = centres.map((c, e) =>
    e === 0 ? 1.6 : roles[c] === 'town' ? 1.15 : random.range(0.85, 1.1),
  );
  const epciOf = new Array<number>(n).fill(-1);
  const cost = new Float64Array(n).fill(Infinity);
  const claim = new Array<number>(n).fill(-1);
  const queue = new PriorityQueue();
  centres.forEach((c, e) => {
    cost[c] = 0;
    claim[c] = e;
    queue.push(c, 0);
  });
  while (queue.size > 0) {
    const { item, key } = queue.pop();
    if (epciOf[item] !== -1 || key > cost[item]) continue;
    const e = claim[item];
    epciOf[item] = e;
    for (const q of layout.neighbours[item]) {
      if (epciOf[q] !== -1) continue;
      const c = key + (dist(item, q) * random.range(0.7, 1.4)) / pull[e];
      if (c < cost[q]) {
        cost[q] = c;
        claim[q] = e;
        queue.push(q, c);
      }
    }
  }
  if (epciOf.includes(-1))
    throw new Error('partitionIntoEpcis: the commune graph is not connected');
  return { epciOf, centres };
}

/** CA for the prefecture's EPCI (index 0) and for any EPCI over 50,000 inhabitants. */
export function epciKind(index: number, population: number): 'CA' | 'CC' {
  return index === 0 || population >= CA_POPULATION ? 'CA' : 'CC';
}
