import { computed, type Ref } from 'vue';
import type { Dataset, Health } from '../api/types';
import { dataGaps } from '../lib/data-gaps';
import { datasetsForDepartement, type LoadedDepartement } from '../lib/departements';
import { sourcesOfIds } from '../lib/export-captions';

/**
 * The data behind what is shown, for the département shown and never another loaded one: whether
 * it is fictional (the warning, every "fictif" label), the datasets to name (Sources dialog, PNG
 * caption), the missing kinds of data (a territory loaded without children or supply files says
 * so: its 0 places mean "no data"), and the names of the datasets an answer's ids point to.
 */
export function useDatasets(input: {
  health: Ref<Health | null>;
  /** The shown list's metadata (its datasets and whether it is fictional). */
  metadata: Ref<{ fictional: boolean; datasets: Dataset[] } | null>;
  loaded: Ref<readonly LoadedDepartement[]>;
  shown: Ref<LoadedDepartement | null>;
}) {
  const { health, metadata, loaded, shown } = input;
  const fictional = computed(() =>
    Boolean(
      shown.value
        ? shown.value.fictional || metadata.value?.fictional
        : health.value?.fictional || metadata.value?.fictional,
    ),
  );
  const datasets = computed(() =>
    datasetsForDepartement(
      health.value?.datasets ?? null,
      metadata.value?.datasets ?? null,
      loaded.value,
      shown.value,
    ),
  );
  return {
    fictional,
    datasets,
    gaps: computed(() => dataGaps(datasets.value)),
    sourcesOf: (ids: ReadonlySet<unknown>) => sourcesOfIds(ids, health.value?.datasets ?? []),
  };
}
