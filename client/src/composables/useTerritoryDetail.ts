import { computed, watch, type Ref } from 'vue';
import { fetchTerritoryDetail } from '../api/client';
import type { TerritoryFeature, TerritoryProperties } from '../api/types';
import { belongsToDepartement, type LoadedDepartement } from '../lib/departements';
import type { ReferenceKind, TerritoryRef } from '../lib/url-state';
import { useResource } from './useResource';
import type { TerritoryLists } from './useTerritories';

/**
 * The selected territory: its detail (figures, history, parents), its outline from the lists,
 * and the territories inside it for its panel (communes of an EPCI or an EPT, EPCI of a
 * département). A
 * selection that does not belong to the département shown (a hand-made link combining them, or
 * a switch of département) is dropped.
 */
export function useTerritoryDetail(
  state: { selected: TerritoryRef | null; year: number | null; reference: ReferenceKind },
  lists: TerritoryLists,
  shown: Ref<LoadedDepartement | null>,
  retry: Ref<number>,
) {
  const detail = useResource(
    () =>
      state.selected
        ? { ...state.selected, year: state.year, reference: state.reference, retry: retry.value }
        : null,
    (k, signal) =>
      fetchTerritoryDetail(k.level, k.code, { year: k.year, reference: k.reference }, signal),
  );

  const members = computed<TerritoryProperties[]>(() => {
    const sel = state.selected;
    if (!sel || sel.level === 'commune') return [];
    const inner = sel.level === 'departement' ? lists.epci : lists.commune;
    const key =
      sel.level === 'epci' ? 'epci_code' : sel.level === 'ept' ? 'ept_code' : 'departement_code';
    return (inner.data.value?.features ?? [])
      .map((f) => f.properties)
      .filter((p) => p[key] === sel.code);
  });

  const feature = computed<TerritoryFeature | null>(() => {
    const sel = state.selected;
    if (!sel) return null;
    return (
      lists[sel.level].data.value?.features.find((f) => f.properties.code === sel.code) ?? null
    );
  });

  watch(
    [() => detail.data.value, shown, () => lists.epci.data.value, () => lists.ept.data.value],
    ([d, dep, epci, ept]) => {
      const sel = state.selected;
      if (!d || !dep || !sel || d.territory.level !== sel.level || d.territory.code !== sel.code)
        return;
      const epciCodes = epci
        ? new Set([...epci.features, ...(ept?.features ?? [])].map((f) => f.properties.code))
        : null;
      if (belongsToDepartement(d.territory, dep.departementCode, epciCodes) === false)
        state.selected = null;
    },
  );

  return {
    detail,
    members,
    feature,
    /** Before switching to département `code`: a selection of the other one goes (an EPCI
     * crossing the line into this one may stay). */
    leaveFor(code: string) {
      const d = detail.data.value;
      if (state.selected && !(d && belongsToDepartement(d.territory, code, null)))
        state.selected = null;
    },
  };
}
