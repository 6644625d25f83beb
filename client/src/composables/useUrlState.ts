import { reactive, watch } from 'vue';
import { decodeUrlState, encodeUrlState, type MapUrlState } from '../lib/url-state';

/**
 * The map state mirrored in the address bar (lib/url-state.ts does the encoding): read once at
 * start, written with history.replaceState on every change so that a copied link reopens the
 * same map, and re-read on back/forward navigation.
 */
export function useUrlState(
  location: Pick<Location, 'search' | 'pathname' | 'hash'> = window.location,
) {
  const state = reactive<MapUrlState>(decodeUrlState(location.search));

  watch(
    () => encodeUrlState(state),
    (qs) => {
      const url = `${location.pathname}${qs ? `?${qs}` : ''}${location.hash}`;
      if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
        window.history.replaceState(null, '', url);
      }
    },
  );

  window.addEventListener('popstate', () =>
    Object.assign(state, decodeUrlState(window.location.search)),
  );
  return state;
}
