import { computed, watch, type Ref } from 'vue';
import { fetchHealth } from '../api/client';
import { departementForUrl, displayedDepartement } from '../lib/departements';
import { useResource } from './useResource';

/** The département every list and tile layer asks for (`code` undefined: all loaded ones). */
export type DepartementKey = { code: string | undefined } | null;

/**
 * The loaded départements (/api/health) and the one shown: one at a time, as the demo and an
 * imported one may overlap on the map (lib/departements.ts). `key` is known once /api/health
 * has answered; if it fails, the lists load unrestricted, as with a single territory. The
 * département of the link is rewritten as the link should record it.
 */
export function useDepartements(state: { departement: string | null }, retry: Ref<number>) {
  const health = useResource(
    () => retry.value,
    (_k, signal) => fetchHealth(signal),
  );
  const loaded = computed(() => health.data.value?.territories ?? []);
  const shown = computed(() => displayedDepartement(loaded.value, state.departement));
  const key = computed<DepartementKey>(() => {
    if (health.data.value) return { code: shown.value?.departementCode };
    return health.error.value ? { code: undefined } : null;
  });
  watch([() => health.data.value, () => state.departement], ([h]) => {
    if (!h) return;
    const dep = departementForUrl(loaded.value, state.departement);
    if (dep !== state.departement) state.departement = dep;
  });
  return {
    health,
    loaded,
    shown,
    key,
    /** With several loaded, the header offers a choice (and then names the département in it). */
    hasSwitcher: computed(() => loaded.value.length > 1),
    name: computed(() => shown.value?.name ?? ''),
  };
}
