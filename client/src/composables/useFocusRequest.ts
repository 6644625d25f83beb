import { nextTick, watch, type WatchSource } from 'vue';

/**
 * Move the keyboard focus to the element `id` once `source` has arrived, when asked to (the
 * panel of a territory chosen from the search, an isochrone just started): the element is
 * rendered only then.
 */
export function useFocusRequest(
  source: WatchSource<unknown>,
  id: string,
  focus: (id: string) => void = (x) => document.getElementById(x)?.focus(),
) {
  let requested = false;
  watch(source, async (value) => {
    if (!value || !requested) return;
    requested = false;
    await nextTick();
    focus(id);
  });
  return {
    request(on = true) {
      requested = on;
    },
  };
}
