import { computed, type Ref } from 'vue';
import { ApiError, fetchChildminders, type Fetch } from '../api/client';
import {
  mergePositions,
  positionRequests,
  positionsRefusal,
  type ChildminderPositions,
} from '../lib/childminder-positions';
import type { SessionUser } from '../stores/session';
import { useResource } from './useResource';

/**
 * The childminders' positions of the signed-in user's territories, loaded while the layer is
 * on. Nothing is asked for the public or with the layer off, and signing out (the user gone)
 * drops the positions held (useResource clears its data when the key becomes null).
 */
export function useChildminderPositions(
  user: Readonly<Ref<SessionUser | null>>,
  on: Readonly<Ref<boolean>>,
  departement: Readonly<Ref<string | null>>,
  f?: Fetch,
) {
  const requests = computed(() => positionRequests(user.value, departement.value));
  return useResource<string, ChildminderPositions>(
    () => (on.value && requests.value.length > 0 ? JSON.stringify(requests.value) : null),
    async (key, signal) => {
      try {
        const answers = await Promise.all(
          (JSON.parse(key) as { level: string; code: string }[]).map((t) =>
            fetchChildminders(t, signal, f),
          ),
        );
        return mergePositions(answers);
      } catch (e) {
        if (e instanceof ApiError && e.status !== 0)
          throw new Error(positionsRefusal(e.status), { cause: e });
        throw e;
      }
    },
  );
}
