import { computed, ref, watch, type Ref } from 'vue';
import { ApiError, fetchTerritories } from '../api/client';
import type { TerritoryCollection } from '../api/types';
import { featuresBbox } from '../lib/bbox';
import type { SearchEntry } from '../lib/search';
import type { MapLevel, ReferenceKind, TerritoryLevel } from '../lib/url-state';
import type { DepartementKey } from './useDepartements';
import { useResource } from './useResource';

export interface TerritoryList {
  data: Ref<TerritoryCollection | null>;
  loading: Ref<boolean>;
  error: Ref<string | null>;
}
export type TerritoryLists = Record<TerritoryLevel, TerritoryList>;

/**
 * The territory lists of the département shown, one per level. The level on the map loads
 * first; the others (for the search, the outlines and the panels) once the first choropleth is
 * drawn (`firstMapDrawn`), so that a large territory's commune list does not delay the first
 * map. A year the département has no data for gives way to its latest year, and is dropped from
 * `state` (a year chosen on another département, or in an old link), rather than an error.
 */
export function useTerritories(
  state: { level: MapLevel; year: number | null; reference: ReferenceKind },
  departement: Ref<DepartementKey>,
  retry: Ref<number>,
) {
  const firstMapDrawn = ref(false);

  async function fetchOfYear(k: Parameters<typeof fetchTerritories>[0], signal: AbortSignal) {
    try {
      return await fetchTerritories(k, signal);
    } catch (e) {
      if (k.year == null || !(e instanceof ApiError) || e.code !== 'year_not_available') throw e;
      // Drop the year at once: the request below may be superseded by that very change (and
      // aborted), and a year left in the link would be asked for again.
      if (state.year === k.year) state.year = null;
      return await fetchTerritories({ ...k, year: null }, signal);
    }
  }

  function territoryList(level: TerritoryLevel): TerritoryList {
    const list = useResource(
      () =>
        departement.value && (level === state.level || firstMapDrawn.value)
          ? // The département list always carries the national reference (for the legend).
            {
              level,
              year: state.year,
              reference: level === 'departement' ? 'national' : state.reference,
              departement: departement.value.code,
              retry: retry.value,
            }
          : null,
      async (k, signal) => ({
        departement: k.departement,
        collection: await fetchOfYear(k, signal),
      }),
    );
    // Never the list of the previous département while the one just chosen loads.
    const data = computed(() => {
      const d = list.data.value;
      return d && d.departement === departement.value?.code ? d.collection : null;
    });
    return { data, loading: list.loading, error: list.error };
  }

  const lists: TerritoryLists = {
    epci: territoryList('epci'),
    ept: territoryList('ept'),
    commune: territoryList('commune'),
    departement: territoryList('departement'),
  };
  const mapList = computed(() => lists[state.level]);
  // A failed first list still lets the other lists load (the search works without the map).
  watch(
    () => mapList.value.error.value,
    (e) => {
      if (e) firstMapDrawn.value = true;
    },
  );
  const mapData = computed(() => mapList.value.data.value);
  const metadata = computed(
    () => mapData.value?.metadata ?? lists.epci.data.value?.metadata ?? null,
  );

  return {
    lists,
    mapList,
    mapData,
    firstMapDrawn,
    metadata,
    /** The year shown: the one chosen, else the latest of the département. */
    year: computed(() => state.year ?? metadata.value?.year ?? null),
    nationalReference: computed(() => {
      const candidates = [
        mapData.value?.metadata.reference,
        lists.departement.data.value?.metadata.reference,
      ];
      return candidates.find((r) => r?.kind === 'national' && r.rate !== null) ?? null;
    }),
    departementReference: computed(() => {
      const deps = lists.departement.data.value?.features ?? [];
      return deps.length === 1
        ? { name: deps[0].properties.name, rate: deps[0].properties.coverage_rate }
        : null;
    }),
    /** The département shown has EPT (Métropole du Grand Paris): the map offers that level. */
    hasEpt: computed(() => (lists.ept.data.value?.features.length ?? 0) > 0),
    /** Where the loaded territory lies (facilities are asked for in it). */
    bbox: computed(() => {
      const d = lists.departement.data.value ?? lists.epci.data.value;
      return d ? featuresBbox(d.features) : null;
    }),
    searchEntries: computed<SearchEntry[]>(() => {
      const out: SearchEntry[] = [];
      for (const level of ['departement', 'epci', 'ept', 'commune'] as const) {
        for (const f of lists[level].data.value?.features ?? [])
          out.push({ level, code: f.properties.code, name: f.properties.name });
      }
      return out;
    }),
  };
}
