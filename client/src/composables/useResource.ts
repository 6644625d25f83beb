import {
  getCurrentScope,
  onScopeDispose,
  ref,
  shallowRef,
  watch,
  type Ref,
  type WatchSource,
} from 'vue';
import { ApiError } from '../api/client';

/**
 * A value loaded from the API whenever its inputs change: the previous request is aborted, the
 * loading flag and the error (a French message for the UI) are exposed. `key` returns null when
 * there is nothing to load. A request still running when its screen closes is aborted.
 */
export function useResource<K, T>(
  key: WatchSource<K | null>,
  load: (key: K, signal: AbortSignal) => Promise<T>,
) {
  const data = shallowRef<T | null>(null) as Ref<T | null>;
  const loading = ref(false);
  const error = ref<string | null>(null);
  let controller: AbortController | null = null;

  watch(
    key,
    async (k) => {
      controller?.abort();
      if (k === null) {
        data.value = null;
        loading.value = false;
        error.value = null;
        return;
      }
      const c = new AbortController();
      controller = c;
      loading.value = true;
      error.value = null;
      try {
        const value = await load(k, c.signal);
        if (c.signal.aborted) return;
        data.value = value;
      } catch (e) {
        if (c.signal.aborted) return;
        data.value = null;
        error.value = errorMessage(e);
      } finally {
        if (!c.signal.aborted) loading.value = false;
      }
    },
    { immediate: true },
  );
  // A screen left while a request runs: the request is not needed any more.
  if (getCurrentScope()) onScopeDispose(() => controller?.abort());

  return { data, loading, error };
}

export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) {
    return e.status === 0
      ? e.message
      : `${e.message} (erreur ${e.status}${e.code ? ` ${e.code}` : ''})`;
  }
  return e instanceof Error ? e.message : String(e);
}
