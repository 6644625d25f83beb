import { describe, expect, it } from 'vitest';
import { scenarioFromHash, scenarioHash, type ScenarioSpec } from './scenario';

describe('scenario in the link', () => {
  const spec: ScenarioSpec = {
    name: 'Deux MAM à 15 min',
    changes: [
      { op: 'add', kind: 'mam', lon: 2.41, lat: 47.08, places: 16 },
      { op: 'close', facility: 'eaje-12' },
    ],
  };

  it('reads back the scenario it wrote, accents and all', () => {
    expect(scenarioFromHash(scenarioHash(spec))).toEqual(spec);
  });

  it('reads no scenario from another hash or a damaged one', () => {
    expect(scenarioFromHash('')).toBeNull();
    expect(scenarioFromHash('#carte')).toBeNull();
    expect(scenarioFromHash('#scenario=%7Bnot-json')).toBeNull();
    expect(scenarioFromHash(`#scenario=${encodeURIComponent('{"name":1}')}`)).toBeNull();
  });
});
