import { describe, expect, it } from 'vitest';
import { dataGaps } from './data-gaps';

const ds = (...kinds: string[]) => kinds.map((kind) => ({ kind }));

describe('dataGaps', () => {
  it('says nothing while the datasets are unknown or when nothing is missing', () => {
    expect(dataGaps(null)).toBeNull();
    expect(dataGaps([])).toBeNull();
    // The demo: every kind.
    expect(
      dataGaps(
        ds('territory', 'population', 'eaje', 'mam', 'childminders', 'supply_counts', 'roads'),
      ),
    ).toBeNull();
    // One supply list is enough to count places.
    expect(dataGaps(ds('territory', 'population', 'childminders'))).toBeNull();
  });

  it('names a real département imported with its outlines only', () => {
    // What `import boundaries` + `import reference` + `import roads` leave (the Cher try).
    expect(dataGaps(ds('territory', 'reference', 'roads'))).toEqual({
      population: true,
      supply: true,
    });
  });

  it('tells children from places', () => {
    expect(dataGaps(ds('territory', 'reference', 'population'))).toEqual({
      population: false,
      supply: true,
    });
    expect(dataGaps(ds('territory', 'eaje'))).toEqual({ population: true, supply: false });
    // A MAM list alone adds no place: MAM places are its childminders' agreement places.
    expect(dataGaps(ds('territory', 'population', 'mam'))?.supply).toBe(true);
    // Published Caf figures are kept beside ours, they are not a supply list.
    expect(dataGaps(ds('territory', 'population', 'caf_coverage'))?.supply).toBe(true);
  });
});
