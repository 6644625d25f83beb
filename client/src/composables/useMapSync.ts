import { watch, type Ref } from 'vue';
import { applyScene, type MapScene, type SceneTarget } from '../map/scene';

/**
 * The one place where a screen's state reaches its map: `scene` describes everything the map
 * shows (map/scene.ts), and each change tells the map the parts that differ; a new map is told
 * everything.
 */
export function useMapSync(map: Ref<SceneTarget | null>, scene: () => MapScene) {
  let drawn: { map: SceneTarget; scene: MapScene } | null = null;
  watch(
    [map, scene],
    ([m, s]) => {
      if (!m) {
        drawn = null;
        return;
      }
      applyScene(m, s, drawn?.map === m ? drawn.scene : null);
      drawn = { map: m, scene: s };
    },
    { immediate: true },
  );
}
