import { describe, expect, it } from 'vitest';
import { Random } from '../demo/random';
import {
  accessibility,
  buildCatchment,
  zoneFlows,
  type AccessOptions,
  type CostPairs,
} from './index';

/**
 * Properties on random inputs (seeded: the same cases on every run). A case is a few dozen
 * demand locations and sites scattered on a 60 × 60 square, costs = distance × a detour factor,
 * pairs within 45 given in shuffled order, some locations without children, some sites without
 * places, and self-pairs (cost 0) where a site stands on a location.
 */
interface Case {
  demand: number[];
  supply: number[];
  pairs: { origin: number[]; destination: number[]; cost: number[] };
  zonesOfDemand: number[];
  zonesOfSites: number[];
}

function randomCase(seed: number, everySiteReached: boolean): Case {
  const random = new Random(seed);
  const nD = random.int(1, 60);
  const nS = random.int(1, 25);
  const at = () => [random.range(0, 60), random.range(0, 60)];
  const homes = Array.from({ length: nD }, at);
  const demand = homes.map(() => (random.chance(0.15) ? 0 : random.int(1, 80)));
  // Some sites stand on a location (a crèche in the village): a self-pair at cost 0.
  const host = Array.from({ length: nS }, () => (random.chance(0.4) ? random.int(0, nD - 1) : -1));
  const sites = host.map((h) => (h >= 0 ? homes[h] : at()));
  const supply = sites.map(() => (random.chance(0.1) ? 0 : random.int(1, 40)));
  const rows: [number, number, number][] = [];
  for (let i = 0; i < nD; i++)
    for (let j = 0; j < nS; j++) {
      const cost =
        host[j] === i
          ? 0
          : Math.hypot(homes[i][0] - sites[j][0], homes[i][1] - sites[j][1]) *
            random.range(1.1, 1.6);
      if (cost <= 45) rows.push([i, j, Math.round(cost * 100) / 100]);
    }
  if (everySiteReached) {
    // Each site gets a location with children within 5 if it has none within 30.
    const withChildren = demand.map((p, i) => (p > 0 ? i : -1)).filter((i) => i >= 0);
    if (withChildren.length === 0) demand[0] = 10;
    for (let j = 0; j < nS; j++) {
      const reached = rows.some(([i, jj, c]) => jj === j && c <= 30 && demand[i] > 0);
      if (!reached) {
        const i = withChildren.length ? random.pick(withChildren) : 0;
        const k = rows.findIndex(([ii, jj]) => ii === i && jj === j);
        if (k >= 0) rows[k][2] = random.range(0, 5);
        else rows.push([i, j, random.range(0, 5)]);
      }
    }
  }
  random.shuffle(rows);
  const zones = random.int(1, 5);
  return {
    demand,
    supply,
    pairs: {
      origin: rows.map((r) => r[0]),
      destination: rows.map((r) => r[1]),
      cost: rows.map((r) => r[2]),
    },
    zonesOfDemand: demand.map(() => random.int(0, zones - 1)),
    zonesOfSites: supply.map(() => random.int(0, zones - 1)),
  };
}

const METHODS: AccessOptions[] = [
  { method: '2sfca', maxCost: 30 },
  { method: 'e2sfca' },
  { method: '3sfca' },
  { method: 'gravity', maxCost: 30 },
  { method: 'gravity', weights: { kind: 'gaussian', sigma: 12 }, maxCost: 30 },
  { method: '3sfca', weights: { kind: 'gravity', scale: 1, alpha: -1.5, min: 2 }, maxCost: 30 },
];
const label = (o: AccessOptions) => `${o.method} ${o.weights?.kind ?? 'default weights'}`;
const SEEDS = Array.from({ length: 100 }, (_, k) => 1000 + k);

const run = (c: Case, options: AccessOptions, pairs: CostPairs = c.pairs) => {
  const catchment = buildCatchment(c.demand, c.supply.length, pairs, options);
  return { catchment, ...accessibility(catchment, c.supply) };
};
/** Equal up to rounding: 1e-10 of the larger magnitude (ratios of gravity weights reach 10^4). */
const near = (actual: number, expected: number, why: string) =>
  expect(Math.abs(actual - expected), `${why}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
    1e-10 * Math.max(1, Math.abs(expected)),
  );
/** `near` for every entry, as one assertion naming the worst entry. */
const nearAll = (actual: ArrayLike<number>, expected: ArrayLike<number>, why: string) => {
  let worst = 0;
  for (let k = 0; k < expected.length; k++)
    if (
      Math.abs(actual[k] - expected[k]) > 1e-10 * Math.max(1, Math.abs(expected[k])) &&
      Math.abs(actual[k] - expected[k]) >= Math.abs(actual[worst] - expected[worst])
    )
      worst = k;
  near(actual[worst], expected[worst], `${why}, entry ${worst}`);
};
const sum = (xs: ArrayLike<number>) => Array.from(xs).reduce((a, b) => a + b, 0);
const dot = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  Array.from(a).reduce((s, x, k) => s + x * b[k], 0);

describe('accessibility properties on random inputs', () => {
  for (const options of METHODS) {
    it(`${label(options)}: when every site is reached, Σ children × access = Σ places`, () => {
      for (const seed of SEEDS) {
        const c = randomCase(seed, true);
        const r = run(c, options);
        expect(r.placesUnreached, `seed ${seed}`).toBe(0);
        near(dot(c.demand, r.access), sum(c.supply), `seed ${seed}`);
      }
    });
  }

  it('whatever the reach, Σ children × access = the places of the sites some child reaches', () => {
    for (const seed of SEEDS) {
      const c = randomCase(seed, false);
      for (const options of METHODS) {
        const r = run(c, options);
        expect(r.placesReached + r.placesUnreached, `seed ${seed}`).toBe(sum(c.supply));
        near(dot(c.demand, r.access), r.placesReached, `seed ${seed} ${label(options)}`);
      }
    }
  });

  it('the order of the pairs changes no bit of the result', () => {
    for (const seed of SEEDS) {
      const c = randomCase(seed, false);
      const random = new Random(seed + 7);
      const order = random.shuffle(c.pairs.cost.map((_, k) => k));
      const shuffled = {
        origin: order.map((k) => c.pairs.origin[k]),
        destination: order.map((k) => c.pairs.destination[k]),
        cost: order.map((k) => c.pairs.cost[k]),
      };
      for (const options of METHODS) {
        const a = run(c, options);
        const b = run(c, options, shuffled);
        expect(b.access, `seed ${seed}`).toEqual(a.access);
        expect(b.ratio, `seed ${seed}`).toEqual(a.ratio);
      }
    }
  });

  it('numbering the locations and sites in another order gives each the same result', () => {
    for (const seed of SEEDS) {
      const c = randomCase(seed, false);
      const random = new Random(seed + 11);
      const dOrder = random.shuffle(c.demand.map((_, i) => i)); // new index → old index
      const sOrder = random.shuffle(c.supply.map((_, j) => j));
      const dNew = new Map(dOrder.map((old, i) => [old, i]));
      const sNew = new Map(sOrder.map((old, j) => [old, j]));
      const relabelled: Case = {
        ...c,
        demand: dOrder.map((old) => c.demand[old]),
        supply: sOrder.map((old) => c.supply[old]),
        pairs: {
          origin: c.pairs.origin.map((i) => dNew.get(i)!),
          destination: c.pairs.destination.map((j) => sNew.get(j)!),
          cost: c.pairs.cost,
        },
      };
      for (const options of METHODS) {
        const a = run(c, options);
        const b = run(relabelled, options);
        nearAll(
          b.access,
          dOrder.map((old) => a.access[old]),
          `seed ${seed} access`,
        );
        const ratio = sOrder.map((old) => a.ratio[old]);
        expect(Array.from(b.ratio, Number.isNaN)).toEqual(ratio.map(Number.isNaN));
        nearAll(
          b.ratio.map((r) => (Number.isNaN(r) ? 0 : r)),
          ratio.map((r) => (Number.isNaN(r) ? 0 : r)),
          `seed ${seed} ratio`,
        );
      }
    }
  });

  it('a site out of reach of all demand gives no access to anyone', () => {
    for (const seed of SEEDS) {
      const c = randomCase(seed, false);
      const far = c.supply.length;
      const withFarSite = (costs: number[]): Case => ({
        ...c,
        supply: [...c.supply, 500],
        pairs: {
          origin: [...c.pairs.origin, ...costs.map((_, i) => i)],
          destination: [...c.pairs.destination, ...costs.map(() => far)],
          cost: [...c.pairs.cost, ...costs],
        },
      });
      // Beyond the maximum cost (or the last step) from every location, or no pair at all.
      const beyond = withFarSite(c.demand.map(() => 31));
      const none = withFarSite([]);
      for (const options of METHODS) {
        const base = run(c, options);
        for (const other of [beyond, none]) {
          const r = run(other, options);
          expect(r.access, `seed ${seed} ${label(options)}`).toEqual(base.access);
          expect(r.ratio[far]).toBeNaN();
          expect(r.placesUnreached).toBe(base.placesUnreached + 500);
        }
      }
    }
  });

  it('E2SFCA with one step of weight 1 up to 30 is 2SFCA within 30', () => {
    for (const seed of SEEDS) {
      const c = randomCase(seed, false);
      const two = run(c, { method: '2sfca', maxCost: 30 });
      const oneStep = run(c, {
        method: 'e2sfca',
        weights: { kind: 'steps', steps: [{ upTo: 30, weight: 1 }] },
      });
      expect(oneStep.access, `seed ${seed}`).toEqual(two.access);
      expect(oneStep.ratio, `seed ${seed}`).toEqual(two.ratio);
    }
  });

  it('supply columns add up: the access of EAJE + MAM places is the sum of both', () => {
    for (const seed of SEEDS) {
      const c = randomCase(seed, false);
      const random = new Random(seed + 13);
      const mam = c.supply.map(() => (random.chance(0.5) ? random.int(1, 20) : 0));
      for (const options of METHODS) {
        const catchment = buildCatchment(c.demand, c.supply.length, c.pairs, options);
        const eaje = accessibility(catchment, c.supply).access;
        const both = accessibility(
          catchment,
          c.supply.map((s, j) => s + mam[j]),
        ).access;
        const m = accessibility(catchment, mam).access;
        nearAll(
          both,
          eaje.map((a, i) => a + m[i]),
          `seed ${seed}`,
        );
      }
    }
  });

  it('zone flows: places = used by residents + by outsiders + unreached; access = residents + outside', () => {
    for (const seed of SEEDS) {
      const c = randomCase(seed, false);
      const zoneCount = Math.max(...c.zonesOfDemand, ...c.zonesOfSites) + 1;
      for (const options of METHODS) {
        const r = run(c, options);
        const f = zoneFlows(r.catchment, c.supply, {
          demandZone: c.zonesOfDemand,
          siteZone: c.zonesOfSites,
          zoneCount,
        });
        for (let z = 0; z < zoneCount; z++) {
          const why = `seed ${seed} ${label(options)} zone ${z}`;
          near(
            f.placesUsedByResidents[z] + f.placesUsedByOutsiders[z] + f.placesUnreached[z],
            f.places[z],
            why,
          );
          const own = c.zonesOfDemand.map((zz) => (zz === z ? 1 : 0));
          near(
            f.accessiblePlaces[z],
            dot(
              c.demand.map((p, i) => p * own[i]),
              r.access,
            ),
            why,
          );
          expect(f.children[z], why).toBe(dot(c.demand, own));
        }
        // Every location and site is in a zone: what leaves one zone arrives in another.
        near(sum(f.placesUsedByOutsiders), sum(f.placesUsedOutside), `seed ${seed}`);
      }
    }
  });
});
