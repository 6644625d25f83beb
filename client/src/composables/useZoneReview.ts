import { ref, type Ref } from 'vue';
import {
  ApiError,
  fetchReviewList,
  fetchZoneReview,
  patchZoneReview,
  postZoneComment,
  postZoneDecision,
} from '../api/client';
import type { DecisionBody, ReviewPatchBody } from '../api/types';
import { errorMessage, useResource } from './useResource';

/**
 * The review of the zone selected (signed-in users only: `enabled` false loads nothing), and
 * the writes a reviewer makes on it. After each write the review is read again, so that the
 * history shows the audit entry the server wrote. A change made against a stale version (409)
 * reloads the review and says so: the reviewer sees what a colleague changed before retrying.
 */
export function useZoneReview(zoneId: Ref<string | null>, enabled: () => boolean) {
  const reload = ref(0);
  const review = useResource(
    () => (enabled() && zoneId.value ? { id: zoneId.value, n: reload.value } : null),
    (k, signal) => fetchZoneReview(k.id, signal),
  );
  const message = ref<string | null>(null);
  const busy = ref(false);

  async function write(action: (id: string) => Promise<unknown>, done: string) {
    const id = zoneId.value;
    if (!id) return false;
    busy.value = true;
    message.value = null;
    try {
      await action(id);
      message.value = done;
      return true;
    } catch (e) {
      message.value =
        e instanceof ApiError && e.status === 409
          ? 'La revue de cette zone a changé entre-temps (un collègue l’a modifiée, ou la zone a été recalculée) : elle a été rechargée, vérifiez puis refaites votre modification.'
          : errorMessage(e);
      return false;
    } finally {
      busy.value = false;
      reload.value++;
    }
  }

  return {
    review,
    message,
    busy,
    change: (patch: Omit<ReviewPatchBody, 'version'>) =>
      write(
        (id) => patchZoneReview(id, { ...patch, version: review.data.value?.review.version ?? 0 }),
        'Revue enregistrée.',
      ),
    comment: (text: string) => write((id) => postZoneComment(id, text), 'Commentaire ajouté.'),
    decide: (body: DecisionBody) =>
      write((id) => postZoneDecision(id, body), 'Décision enregistrée.'),
    refresh: () => reload.value++,
  };
}

/**
 * The reviews of the zones listed (signed-in users only), for the status column and filters;
 * `refresh` reads them again after a write.
 */
export function useReviewList(
  key: () => { minutes: number; level?: string | null; code?: string | null } | null,
) {
  const reload = ref(0);
  const list = useResource(
    () => {
      const k = key();
      return k ? { ...k, n: reload.value } : null;
    },
    ({ minutes, level, code }, signal) => fetchReviewList({ minutes, level, code }, signal),
  );
  return { ...list, refresh: () => reload.value++ };
}
