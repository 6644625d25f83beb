import type { Ref } from 'vue';
import { getJson } from '../api/client';
import type { TerritoryForecast } from '../api/types';
import type { TerritoryRef } from '../lib/url-state';
import { useResource } from './useResource';

/** The projections of the selected territory (children under 3, rates, departures). */
export function useForecast(
  state: { selected: TerritoryRef | null; year: number | null },
  retry: Ref<number>,
) {
  return useResource(
    () => (state.selected ? { ...state.selected, year: state.year, retry: retry.value } : null),
    (k, signal) =>
      getJson<TerritoryForecast>(
        `/territories/${encodeURIComponent(k.level)}/${encodeURIComponent(k.code)}/forecast`,
        { year: k.year },
        signal,
      ),
  );
}
