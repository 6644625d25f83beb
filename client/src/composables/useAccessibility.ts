import { computed, type Ref } from 'vue';
import { fetchAccessibilityCells, postAccessibility } from '../api/client';
import { sourcesLine } from '../lib/export-captions';
import type { OverlayId } from '../lib/layers';
import type { TerritoryRef } from '../lib/url-state';
import type { DepartementKey } from './useDepartements';
import { useResource } from './useResource';

/**
 * Accessibility (docs/accessibility.md), default parameters: the figures of the selected
 * territory's level (POST /api/accessibility, once per level and year: the panel picks its
 * territory), and the grid cells of the département shown while the layer "Accessibilité
 * (carroyage)" is on.
 */
export function useAccessibility(
  state: { layers: OverlayId[]; year: number | null; selected: TerritoryRef | null },
  departement: Ref<DepartementKey>,
  retry: Ref<number>,
) {
  const figures = useResource(
    () =>
      state.selected ? { level: state.selected.level, year: state.year, retry: retry.value } : null,
    (k, signal) =>
      postAccessibility({ level: k.level, ...(k.year !== null && { year: k.year }) }, signal),
  );
  const selected = computed(() => {
    const s = state.selected;
    return figures.data.value?.territories.find((t) => t.code === s?.code) ?? null;
  });
  const cells = useResource(
    () =>
      state.layers.includes('accessibility') && departement.value
        ? { year: state.year, departement: departement.value.code ?? null, retry: retry.value }
        : null,
    (k, signal) => fetchAccessibilityCells({ year: k.year, departement: k.departement }, signal),
  );
  return {
    selected,
    method: computed(() => figures.data.value?.metadata ?? null),
    loading: figures.loading,
    error: figures.error,
    cells,
    /** What the layer's legend says: loading, error, fictional, estimated, sources. */
    cellsStatus: computed(() => {
      const m = cells.data.value?.metadata;
      return {
        loading: cells.loading.value,
        error: cells.error.value,
        fictional: Boolean(m?.fictional),
        estimated: m?.demand === 'estimated',
        sources: m ? sourcesLine(m.datasets) : '',
      };
    }),
  };
}
