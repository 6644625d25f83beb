import { ref, shallowRef } from 'vue';
import { streamSiteSelection } from '../api/client';
import type { SiteSelectionBody, SiteSelectionProgress } from '../api/types';
import { useResource } from './useResource';

/**
 * The optimiser of the "Projet de MAM" screen: runs when asked (`run`), not at every change of
 * the form, since a run may take seconds, with its progress as it goes; a new run, or `cancel`,
 * aborts the one running (the server then ends its solve).
 */
export function useSiteSelection() {
  const request = ref<SiteSelectionBody | null>(null);
  const progress = shallowRef<SiteSelectionProgress | null>(null);
  const cancelled = ref(false);
  const selection = useResource(
    () => request.value,
    (body, signal) => {
      progress.value = null;
      return streamSiteSelection(
        body,
        (p) => {
          if (!signal.aborted) progress.value = p;
        },
        signal,
      );
    },
  );
  return {
    selection,
    progress,
    cancelled,
    run(body: SiteSelectionBody) {
      cancelled.value = false;
      request.value = { ...body };
    },
    cancel() {
      if (!selection.loading.value) return;
      cancelled.value = true;
      request.value = null;
    },
  };
}
