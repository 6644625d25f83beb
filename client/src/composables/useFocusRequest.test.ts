import { describe, expect, it } from 'vitest';
import { effectScope, nextTick, ref } from 'vue';
import { useFocusRequest } from './useFocusRequest';

describe('useFocusRequest', () => {
  it('focuses the element once what it shows has arrived, only when asked', async () => {
    const detail = ref<string | null>(null);
    const focused: string[] = [];
    const scope = effectScope();
    const f = scope.run(() => useFocusRequest(detail, 'territory-name', (id) => focused.push(id)))!;
    detail.value = 'CC du Val'; // clicked on the map: the focus stays there
    await nextTick();
    await nextTick();
    expect(focused).toEqual([]);
    f.request(); // chosen in the search
    detail.value = 'Arçay';
    await nextTick();
    await nextTick();
    expect(focused).toEqual(['territory-name']);
    detail.value = 'Brécy';
    await nextTick();
    await nextTick();
    expect(focused).toEqual(['territory-name']);
    scope.stop();
  });
});
