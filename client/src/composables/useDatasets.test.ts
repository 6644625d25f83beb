import { describe, expect, it } from 'vitest';
import { ref } from 'vue';
import type { Dataset, Health } from '../api/types';
import type { LoadedDepartement } from '../lib/departements';
import { dataset, health } from '../../test/fixtures';
import { useDatasets } from './useDatasets';

const DEMO = { departementCode: 'Z1', name: 'Vallée-d’Escaude', fictional: true };
const CHER = { departementCode: '18', name: 'Cher', fictional: false };
const demoPopulation = dataset(1, 'population', 'Population (territoire fictif)', true);
const demoRoads = dataset(2, 'roads', 'Réseau routier (territoire fictif)', true);
const cherBoundaries = dataset(3, 'boundaries', 'Contours des communes');
const cherPopulation = dataset(4, 'population', 'Population INSEE');
const cherRoads = dataset(5, 'roads', 'Routes OSM');

function setUp(shown: LoadedDepartement, shownFigures: Dataset[]) {
  const h = ref<Health | null>(
    health([DEMO, CHER], [demoPopulation, demoRoads, cherBoundaries, cherPopulation, cherRoads]),
  );
  return useDatasets({
    health: h,
    metadata: ref({ fictional: shown.fictional, datasets: shownFigures }),
    loaded: ref([DEMO, CHER]),
    shown: ref(shown),
  });
}

describe('useDatasets', () => {
  it('names the Cher’s data only, never the demo’s, when the Cher is shown', () => {
    const d = setUp(CHER, [cherBoundaries, cherPopulation]);
    expect(d.fictional.value).toBe(false);
    expect(d.datasets.value.map((x) => x.name)).toEqual([
      'Contours des communes',
      'Population INSEE',
      'Routes OSM',
    ]);
    // Loaded without any supply file: its 0 places are said to mean "no data".
    expect(d.gaps.value?.supply).toBe(true);
  });

  it('is fictional when the demo is shown, and names the datasets an answer points to', () => {
    const d = setUp(DEMO, [demoPopulation]);
    expect(d.fictional.value).toBe(true);
    expect(d.datasets.value.map((x) => x.id)).toEqual([1, 2]);
    expect(d.sourcesOf(new Set([1, 'roads-5']))).toBe(
      'Population (territoire fictif) (2024) ; Routes OSM (2024)',
    );
    expect(d.sourcesOf(new Set())).toBe('Berceau');
  });
});
