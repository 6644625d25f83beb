import { computed, type Ref } from 'vue';
import { postAccessibility } from '../api/client';
import { sourcesLine } from '../lib/export-captions';
import type { OverlayId } from '../lib/layers';
import type { TerritoryRef } from '../lib/url-state';
import type { DepartementKey } from './useDepartements';
import { useResource } from './useResource';

/**
 * Accessibility (docs/accessibility.md), default parameters: the figures of the selected
 * territory's level (POST /api/accessibility, once per level and year: the panel picks its
 * territory), and, while the layer "Accessibilité (carroyage)" is on (its cells come as vector
 * tiles), how its figures were made for the département shown: the legend's sources and labels.
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
  const layer = useResource(
    () =>
      state.layers.includes('accessibility') && departement.value
        ? { year: state.year, departement: departement.value.code ?? null, retry: retry.value }
        : null,
    (k, signal) =>
      postAccessibility(
        {
          level: 'departement',
          ...(k.departement !== null && { departement: k.departement }),
          ...(k.year !== null && { year: k.year }),
        },
        signal,
      ),
  );
  return {
    selected,
    method: computed(() => figures.data.value?.metadata ?? null),
    loading: figures.loading,
    error: figures.error,
    /** What the layer's legend says: loading, error, fictional, estimated, sources. */
    layerStatus: computed(() => {
      const m = layer.data.value?.metadata;
      return {
        loading: layer.loading.value,
        error: layer.error.value,
        fictional: Boolean(m?.fictional),
        estimated: m?.demand === 'estimated',
        sources: m ? sourcesLine(m.datasets) : '',
      };
    }),
  };
}
