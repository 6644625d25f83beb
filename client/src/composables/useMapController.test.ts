import { describe, expect, it } from 'vitest';
import { effectScope, nextTick, ref, shallowRef } from 'vue';
import { useMapController } from './useMapController';

class FakeMap {
  destroyed = false;
  constructor(readonly container: HTMLElement) {}
  destroy() {
    this.destroyed = true;
  }
}

describe('useMapController', () => {
  it('creates the map once its element is there and its data ready, and removes it with the screen', async () => {
    const element = shallowRef<HTMLElement | null>(null);
    const ready = ref(false);
    const created: FakeMap[] = [];
    const scope = effectScope();
    const { controller, error } = scope.run(() =>
      useMapController(
        element,
        () => ready.value,
        (el) => {
          const m = new FakeMap(el);
          created.push(m);
          return m;
        },
      ),
    )!;
    const div = {} as HTMLElement;
    element.value = div;
    await nextTick();
    expect(created).toEqual([]); // the first territories have not arrived yet
    ready.value = true;
    await nextTick();
    expect(controller.value?.container).toBe(div);
    ready.value = false;
    await nextTick();
    ready.value = true;
    await nextTick();
    expect(created).toHaveLength(1);
    expect(error.value).toBeNull();
    scope.stop();
    expect(created[0].destroyed).toBe(true);
  });

  it('says so when the browser cannot draw the map', async () => {
    const scope = effectScope();
    const { controller, error } = scope.run(() =>
      useMapController(
        ref({} as HTMLElement),
        () => true,
        () => {
          throw new Error('WebGL2 unavailable');
        },
      ),
    )!;
    expect(controller.value).toBeNull();
    expect(error.value).toBe(
      'La carte ne peut pas s’afficher dans ce navigateur (WebGL 2 requis) : WebGL2 unavailable',
    );
    scope.stop();
  });
});
