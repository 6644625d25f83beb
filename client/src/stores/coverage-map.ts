import { defineStore } from 'pinia';
import { DEFAULT_ACCESS, DEFAULT_STATE, type CoverageMapState } from '../lib/url-state';

/**
 * The coverage map's own settings (level, layers, view, isochrone, time-to-nearest layer): only
 * that screen uses them, but they live here so that they are still there, map view included,
 * when the user comes back from another screen.
 */
export const useCoverageMapStore = defineStore('coverage-map', {
  state: (): CoverageMapState => ({
    level: DEFAULT_STATE.level,
    layers: [],
    view: null,
    isochrone: null,
    access: { ...DEFAULT_ACCESS },
  }),
});
