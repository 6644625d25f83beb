import type { Map as MapLibreMap, VectorTileSource } from 'maplibre-gl';

/**
 * One MapLibre vector source per API tile layer (GET /api/tiles/:layer/{z}/{x}/{y}.mvt). The
 * source-layer name inside a tile equals the layer id. Sources are created hidden-friendly:
 * MapLibre requests no tile for a source whose layers are all hidden.
 */
export function addVectorSource(
  map: MapLibreMap,
  id: string,
  url: string,
  minzoom = 6,
  maxzoom = 14,
) {
  map.addSource(id, { type: 'vector', tiles: [url], minzoom, maxzoom });
}

export function setVectorTiles(map: MapLibreMap, id: string, url: string) {
  const source = map.getSource(id) as VectorTileSource | undefined;
  if (source && source.tiles?.[0] !== url) source.setTiles([url]);
}

export function setLayersVisible(map: MapLibreMap, layerIds: string[], visible: boolean) {
  for (const id of layerIds) {
    if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
  }
}
