import { computed, type Ref } from 'vue';
import { fetchNearest } from '../api/client';
import { sourcesLine } from '../lib/export-captions';
import type { OverlayId } from '../lib/layers';
import { modeLabel, nearestQuery, nearestTargetLabel } from '../lib/travel';
import type { AccessSettings } from '../lib/url-state';
import type { DepartementKey } from './useDepartements';
import { useResource } from './useResource';

/**
 * The time to the nearest place (the layer "Temps d’accès à la place la plus proche"), loaded
 * for the département shown while the layer is on, with its settings (`state.access`), and
 * what its panel says: loading, error, fictional, sources, count, the longest time computed.
 */
export function useNearest(
  state: { layers: OverlayId[]; access: AccessSettings; year: number | null },
  departement: Ref<DepartementKey>,
  retry: Ref<number>,
  context: { fictional: Ref<boolean>; sourcesOf: (ids: ReadonlySet<unknown>) => string },
) {
  const nearest = useResource(
    () =>
      state.layers.includes('access') && departement.value
        ? {
            ...nearestQuery({ ...state.access, year: state.year }),
            departement: departement.value.code ?? null,
            retry: retry.value,
          }
        : null,
    // `retry` only re-runs the request: it is no API parameter.
    (k, signal) =>
      fetchNearest(
        {
          level: k.level,
          target: k.target,
          mode: k.mode,
          year: k.year,
          min_places: k.min_places,
          departement: k.departement,
        },
        signal,
      ),
  );
  const status = computed(() => {
    const d = nearest.data.value;
    const ids = new Set<unknown>([
      ...(d?.metadata?.sources ?? []),
      ...(d?.metadata?.datasets ?? []).map((x) => x.id),
    ]);
    return {
      loading: nearest.loading.value,
      error: nearest.error.value,
      fictional: Boolean(d?.metadata?.fictional ?? context.fictional.value),
      sources: d?.metadata?.datasets?.length
        ? sourcesLine(d.metadata.datasets)
        : context.sourcesOf(ids),
      count: d?.features.length ?? 0,
      maxMinutes: d?.metadata?.max_minutes ?? null,
    };
  });
  return {
    nearest,
    status,
    /** The layer's title, in the PNG legend. */
    title: computed(
      () =>
        `Temps d’accès ${modeLabel(state.access.mode)} à la place la plus proche (${nearestTargetLabel(state.access.target, state.access.minPlaces)})`,
    ),
  };
}
