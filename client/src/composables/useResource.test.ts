import { describe, expect, it } from 'vitest';
import { nextTick, ref } from 'vue';
import { ApiError } from '../api/client';
import { useResource } from './useResource';

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('useResource', () => {
  it('loads on start and again when its key changes, exposing the data', async () => {
    const key = ref(1);
    const r = useResource(key, async (k) => k * 10);
    expect(r.loading.value).toBe(true);
    await flush();
    expect(r.data.value).toBe(10);
    key.value = 2;
    await nextTick();
    await flush();
    expect(r.data.value).toBe(20);
    expect(r.loading.value).toBe(false);
  });

  it('aborts the previous request so that a slow answer never overwrites a newer one', async () => {
    const key = ref('slow');
    const signals: AbortSignal[] = [];
    const r = useResource(key, (k, signal) => {
      signals.push(signal);
      return new Promise<string>((resolve) => setTimeout(() => resolve(k), k === 'slow' ? 30 : 1));
    });
    key.value = 'fast';
    await nextTick();
    await new Promise((res) => setTimeout(res, 50));
    expect(signals[0].aborted).toBe(true);
    expect(r.data.value).toBe('fast');
  });

  it('turns an API error into a message, and a null key into no data', async () => {
    const key = ref<number | null>(1);
    const r = useResource(key, async () => {
      throw new ApiError(500, 'internal', 'Erreur interne', '/api/x');
    });
    await flush();
    expect(r.error.value).toBe('Erreur interne (erreur 500 internal)');
    expect(r.data.value).toBeNull();
    key.value = null;
    await nextTick();
    expect(r.error.value).toBeNull();
    expect(r.loading.value).toBe(false);
  });
});
