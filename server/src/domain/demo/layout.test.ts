import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { generateTerritory } from './index';
import { planDepartements } from './layout';
import { METROPOLITAN_FRANCE_OUTLINE } from './test/france-outline';

const france = turf.polygon(METROPOLITAN_FRANCE_OUTLINE.coordinates);
/** Where EPSG defines Lambert-93 (EPSG:2154 area of use), degrees. */
const LAMBERT93_AREA = { west: -9.86, south: 41.15, east: 10.38, north: 51.56 };

/** Codes of the communes of `territory` that meet the outline of France. */
function communesOverFrance(territory: ReturnType<typeof generateTerritory>): string[] {
  return territory.communes
    .filter((c) => turf.booleanIntersects(turf.multiPolygon(c.geometry.coordinates), france))
    .map((c) => c.code);
}

describe('the fictional territories lie where no real commune does', () => {
  it('the outline of France used here catches a commune over real ground', () => {
    // Bourges, and Ouessant at the tip of Brittany, are inside it.
    expect(turf.booleanPointInPolygon([2.3964, 47.0811], france)).toBe(true);
    expect(turf.booleanPointInPolygon([-5.0866, 48.4577], france)).toBe(true);
    // The demo of earlier versions, over the eastern Cher, would have been caught.
    const moved = generateTerritory({ communes: 20, seed: 5 });
    const shift = (p: number[]) => [p[0] + 7.8, p[1] + 1.2];
    const onCher = {
      ...moved,
      communes: moved.communes.map((c) => ({
        ...c,
        geometry: {
          ...c.geometry,
          coordinates: c.geometry.coordinates.map((poly) => poly.map((ring) => ring.map(shift))),
        },
      })),
    } as ReturnType<typeof generateTerritory>;
    expect(communesOverFrance(onCher)).toHaveLength(20);
  });

  it.each([42, 7, 1234])(
    'the demo of seed %i: at sea in the Bay of Biscay, inside the area of Lambert-93',
    (seed) => {
      const territory = generateTerritory({ seed });
      expect(communesOverFrance(territory)).toEqual([]);
      const [w, s, e, n] = turf.bbox(territory.departements[0].geometry);
      expect(w).toBeGreaterThan(LAMBERT93_AREA.west);
      expect(s).toBeGreaterThan(LAMBERT93_AREA.south);
      expect(e).toBeLessThan(LAMBERT93_AREA.east);
      expect(n).toBeLessThan(LAMBERT93_AREA.north);
    },
  );

  it('the benchmark territory of 35,000 communes: every département, as large as it may be, off France', () => {
    const plans = planDepartements(35_000, 250_000);
    expect(plans).toHaveLength(36);
    for (const plan of plans) {
      // Outlines stay within maxRadiusKm of the centre (layout.ts): a disc that holds them.
      const disc = turf.circle(plan.centre, plan.maxRadiusKm, { steps: 64, units: 'kilometers' });
      expect(turf.booleanIntersects(disc, france), plan.code).toBe(false);
    }
  });

  it('one large département (999 communes) keeps off France too', () => {
    expect(communesOverFrance(generateTerritory({ communes: 999, seed: 42 }))).toEqual([]);
  });
});
