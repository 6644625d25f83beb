import { describe, expect, it } from 'vitest';
import {
  accessibility,
  buildCatchment,
  parseWeights,
  zoneFlows,
  type AccessMethod,
  type ZoneFlows,
} from './index';

/**
 * One case per file (Turf style): `test/in/<case>.json` holds the demand locations, sites and
 * cost pairs by id, its `properties` the method, weights and maximum cost; `test/out/<case>.json`
 * the expected ratio per site (null: no child in reach), access per location, unreached places
 * and, when the case gives zones, the flows per zone. The expected values were computed apart
 * from the engine, in exact fractions (decimals for the Gaussian), and are never regenerated
 * from it; the worked-example cases are the ones docs/accessibility.md works through by hand.
 */
interface FixtureIn {
  description: string;
  properties: { method: AccessMethod; weights?: string; maxCost?: number };
  demand: { id: string; children: number; zone?: string }[];
  sites: { id: string; places: number; zone?: string }[];
  costs: [string, string, number][];
}
interface FixtureOut {
  ratio: Record<string, number | null>;
  access: Record<string, number>;
  placesUnreached: number;
  flows?: Record<string, Record<keyof ZoneFlows, number>>;
}

const inputs = import.meta.glob<FixtureIn>('./test/in/*.json', { eager: true, import: 'default' });
const outputs = import.meta.glob<FixtureOut>('./test/out/*.json', {
  eager: true,
  import: 'default',
});

const close = (actual: number, expected: number, what: string) =>
  expect(actual, what).toBeCloseTo(expected, 12);

describe('accessibility fixtures', () => {
  it('finds an expected output for every input', () => {
    const names = Object.keys(inputs).map((p) => p.replace('/in/', '/out/'));
    expect(names.length).toBeGreaterThanOrEqual(10);
    expect(names.sort()).toEqual(Object.keys(outputs).sort());
  });

  for (const [path, f] of Object.entries(inputs)) {
    const name = path.replace('./test/in/', '').replace('.json', '');
    const expected = outputs[path.replace('/in/', '/out/')];
    it(`${name}: ${f.description}`, () => {
      const demandIndex = new Map(f.demand.map((d, i) => [d.id, i]));
      const siteIndex = new Map(f.sites.map((s, j) => [s.id, j]));
      const pairs = {
        origin: f.costs.map(([o]) => demandIndex.get(o)!),
        destination: f.costs.map(([, d]) => siteIndex.get(d)!),
        cost: f.costs.map(([, , c]) => c),
      };
      const { method, weights, maxCost } = f.properties;
      const catchment = buildCatchment(
        f.demand.map((d) => d.children),
        f.sites.length,
        pairs,
        { method, weights: weights === undefined ? undefined : parseWeights(weights), maxCost },
      );
      const supply = f.sites.map((s) => s.places);
      const result = accessibility(catchment, supply);

      f.sites.forEach((s, j) => {
        const r = expected.ratio[s.id];
        if (r === null) expect(result.ratio[j], `ratio ${s.id}`).toBeNaN();
        else close(result.ratio[j], r, `ratio ${s.id}`);
      });
      f.demand.forEach((d, i) => close(result.access[i], expected.access[d.id], `access ${d.id}`));
      close(result.placesUnreached, expected.placesUnreached, 'placesUnreached');

      if (expected.flows) {
        const zones = Object.keys(expected.flows);
        const zoneOf = (z?: string) => (z === undefined ? -1 : zones.indexOf(z));
        const flows = zoneFlows(catchment, supply, {
          demandZone: f.demand.map((d) => zoneOf(d.zone)),
          siteZone: f.sites.map((s) => zoneOf(s.zone)),
          zoneCount: zones.length,
        });
        zones.forEach((z, k) => {
          for (const [field, value] of Object.entries(expected.flows![z]))
            close(flows[field as keyof ZoneFlows][k], value, `${z}.${field}`);
        });
      }
    });
  }
});
