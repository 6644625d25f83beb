import type { Map as MapLibreMap } from 'maplibre-gl';
import { FILL } from './territories-layer';

/**
 * Put an online basemap under our layers (configured by the administrator; off by default, the
 * product works offline). Our sources and layers are carried over onto the new style, and the
 * choropleth becomes translucent so that the basemap reads through it.
 */
export function setBasemapStyle(map: MapLibreMap, styleUrl: string) {
  map.setStyle(styleUrl, {
    transformStyle: (previous, next) => {
      if (!previous) return next;
      const ours = new Set(Object.keys(previous.sources));
      return {
        ...next,
        sources: {
          ...next.sources,
          ...Object.fromEntries([...ours].map((id) => [id, previous.sources[id]])),
        },
        layers: [...next.layers, ...previous.layers.filter((l) => l.id !== 'background')],
      };
    },
  });
  map.once('style.load', () => {
    if (map.getLayer(FILL)) map.setPaintProperty(FILL, 'fill-opacity', 0.7);
  });
}
