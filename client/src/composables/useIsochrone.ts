import { computed, ref, type Ref } from 'vue';
import { postIsochrones } from '../api/client';
import { sourcesLine } from '../lib/export-captions';
import {
  DEFAULT_BANDS,
  isochroneRequestBody,
  originInfo,
  type IsochroneSpec,
  type TravelMode,
} from '../lib/travel';
import { isochroneLegend } from '../map/overlay-legends';
import { useResource } from './useResource';

/**
 * The isochrone of the link (`state.isochrone`, computed by the API for the year shown), the
 * name of the facility it starts from when it was chosen in a facility's popup (not kept in the
 * link), and the actions of its panel.
 */
export function useIsochrone(
  state: { isochrone: IsochroneSpec | null; year: number | null },
  retry: Ref<number>,
  sourcesOf: (ids: ReadonlySet<unknown>) => string,
) {
  const label = ref<string | null>(null);
  const isochrone = useResource(
    () =>
      state.isochrone ? { spec: state.isochrone, year: state.year, retry: retry.value } : null,
    (k, signal) => postIsochrones(isochroneRequestBody(k.spec, k.year), signal),
  );
  return {
    isochrone,
    label,
    origin: computed(() => (isochrone.data.value ? originInfo(isochrone.data.value.origin) : null)),
    sources: computed(() => {
      const d = isochrone.data.value;
      if (d?.metadata?.datasets?.length) return sourcesLine(d.metadata.datasets);
      return sourcesOf(new Set((d?.features ?? []).flatMap((f) => f.properties.sources ?? [])));
    }),
    /** Its bands in the PNG legend. */
    legend: () => isochroneLegend(isochrone.data.value, state.isochrone, label.value),
    /** A new isochrone from a point, with the mode and bands of the previous one. */
    start(origin: { lon: number; lat: number; label: string | null }) {
      const previous = state.isochrone;
      label.value = origin.label;
      state.isochrone = {
        lon: origin.lon,
        lat: origin.lat,
        mode: previous?.mode ?? 'car',
        minutes: previous?.minutes ?? [...DEFAULT_BANDS],
      };
    },
    recompute(mode: TravelMode, minutes: number[]) {
      if (state.isochrone) state.isochrone = { ...state.isochrone, mode, minutes };
    },
    clear() {
      state.isochrone = null;
      label.value = null;
    },
  };
}
