import { computed, type Ref } from 'vue';
import { fetchGapZones } from '../api/client';
import { sourcesLine } from '../lib/export-captions';
import { gapZoneRows } from '../lib/gap-zones';
import { useResource } from './useResource';

/**
 * The gap zones "sans offre à N minutes" (GET /api/gap-zones) for the minutes chosen, touching
 * the territory given (all when null), with the list's rows, the zone selected and what the
 * screen says of their sources.
 */
export function useGapZones(
  minutes: Ref<number>,
  territory: () => { level: string; code: string } | null,
  selectedId: Ref<string | null>,
) {
  const zones = useResource(
    () => ({ minutes: minutes.value, level: territory()?.level, code: territory()?.code }),
    (k, signal) => fetchGapZones(k, signal),
  );
  const rows = computed(() => gapZoneRows(zones.data.value));
  const selected = computed(
    () => zones.data.value?.features.find((f) => f.id === selectedId.value) ?? null,
  );
  const sources = computed(() => sourcesLine(zones.data.value?.metadata.datasets ?? []));
  return { zones, rows, selected, sources };
}
