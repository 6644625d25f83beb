import { onScopeDispose, ref, shallowRef, watch, type Ref } from 'vue';

/**
 * The map of a screen, created once its element is in the page and `ready` says so (the coverage
 * map waits for its first territories, or their failure: MapLibre's first frame is costly, and
 * data waiting behind it would come in a frame later), and removed with the screen. A browser
 * that cannot draw it (no WebGL 2) gets a message instead.
 */
export function useMapController<C extends { destroy(): void }>(
  element: Ref<HTMLElement | null>,
  ready: () => boolean,
  create: (container: HTMLElement) => C,
) {
  const controller = shallowRef<C | null>(null);
  const error = ref<string | null>(null);
  const stop = watch(
    [element, ready],
    ([el, isReady]) => {
      if (controller.value || error.value || !el || !isReady) return;
      try {
        controller.value = create(el);
      } catch (e) {
        error.value = `La carte ne peut pas s’afficher dans ce navigateur (WebGL 2 requis) : ${(e as Error).message}`;
      }
      queueMicrotask(() => stop());
    },
    { immediate: true },
  );
  onScopeDispose(() => controller.value?.destroy());
  return { controller, error };
}
