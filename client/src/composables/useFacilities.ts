import { ref, type Ref } from 'vue';
import { fetchFacilities } from '../api/client';
import type { Bbox } from '../lib/bbox';
import type { OverlayId } from '../lib/layers';
import type { DepartementKey } from './useDepartements';
import { useResource } from './useResource';

/**
 * The EAJE and MAM of the département shown that were open in the year of the figures shown
 * (so the map never contradicts a commune's figure), loaded while one of their layers is on
 * (once for both: the key is a string, so that turning the second one on asks for nothing more).
 */
export function useFacilities(
  state: { layers: OverlayId[] },
  bbox: Ref<Bbox | null>,
  departement: Ref<DepartementKey>,
  year: Readonly<Ref<number | null>> = ref(null),
) {
  return useResource(
    () =>
      (state.layers.includes('eaje') || state.layers.includes('mam')) && bbox.value
        ? `${bbox.value.join(',')}|${departement.value?.code ?? ''}|${year.value ?? ''}`
        : null,
    (k, signal) => {
      const [box, code, y] = k.split('|');
      return fetchFacilities(
        box.split(',').map(Number) as Bbox,
        signal,
        undefined,
        code || null,
        y ? Number(y) : null,
      );
    },
  );
}
