import { describe, expect, it } from 'vitest';
import { DEFAULT_STEPS, buildCatchment, floatingCatchment } from '../accessibility';
import { scenarioAccess } from './scenario';

/**
 * Four locations, two crèches (10 and 20 places); the scenario closes the first, sets the
 * second to 8 places and adds two sites. Its result must equal the floating catchment
 * computed from scratch on the changed supply with the new sites' pairs.
 */
const STEPS = { kind: 'steps' as const, steps: DEFAULT_STEPS };
const OPTIONS = { method: 'e2sfca' as const, weights: STEPS, maxCost: 30 };
const demand = [10, 20, 30, 5];
const pairs = { origin: [0, 1, 2, 3, 2], destination: [0, 0, 1, 1, 0], cost: [25, 8, 5, 12, 18] };

describe('scenario accessibility', () => {
  it('equals a full recomputation on the changed supply with the new sites', () => {
    const catchment = buildCatchment(demand, 2, pairs, OPTIONS);
    const after = scenarioAccess({
      catchment,
      supply: [10, 20],
      changedPlaces: new Map([
        [0, 0],
        [1, 8],
      ]),
      added: [
        { places: 12, toSite_min: [4, 12, null, 29] },
        { places: 16 * 0.8, toSite_min: [null, 2, 21, null] },
      ],
      weights: STEPS,
      maxMinutes: 30,
    });
    const full = floatingCatchment({
      demand,
      supply: [0, 8, 12, 12.8],
      pairs: {
        origin: [...pairs.origin, 0, 1, 3, 1, 2],
        destination: [...pairs.destination, 2, 2, 2, 3, 3],
        cost: [...pairs.cost, 4, 12, 29, 2, 21],
      },
      options: OPTIONS,
    });
    for (let i = 0; i < 4; i++) expect(after[i]).toBeCloseTo(full.access[i], 12);
    // Places are conserved: every place reaches some child.
    const total = demand.reduce((s, p, i) => s + p * after[i], 0);
    expect(total).toBeCloseTo(8 + 12 + 12.8, 10);
  });
});
