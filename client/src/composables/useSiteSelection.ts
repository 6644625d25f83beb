import { ref } from 'vue';
import { postSiteSelection } from '../api/client';
import type { SiteSelectionBody } from '../api/types';
import { useResource } from './useResource';

/**
 * The optimiser of the "Projet de MAM" screen: runs when asked (`run`), not at every change of
 * the form, since a run may take seconds; a new run aborts the previous one.
 */
export function useSiteSelection() {
  const request = ref<SiteSelectionBody | null>(null);
  const selection = useResource(
    () => request.value,
    (body, signal) => postSiteSelection(body, signal),
  );
  return {
    selection,
    run(body: SiteSelectionBody) {
      request.value = { ...body };
    },
  };
}
