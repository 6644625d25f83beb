import { fromVectorTileJs, GeoJSONWrapper, type Feature } from '@maplibre/vt-pbf';
import { MVT_EXTENT, type TileGeometry } from './tile-geometry';

/** A property value a vector tile can carry; null and undefined values are left out. */
export type TilePropertyValue = string | number | boolean | null | undefined;

export interface TileFeature {
  geometry: TileGeometry;
  properties: Record<string, TilePropertyValue>;
}

/**
 * Encode one layer as a Mapbox Vector Tile (specification 2.1, protobuf), as `ST_AsMVT`
 * would: same layer name, extent and version; null properties omitted. Numbers with a
 * fraction are written as doubles, whole numbers as integers (PostGIS writes a double column
 * as doubles: decoders give the same numbers either way). No features gives no bytes at all,
 * as `ST_AsMVT` over no rows.
 */
export function encodeTileLayer(
  layerName: string,
  features: readonly TileFeature[],
  extent = MVT_EXTENT,
): Uint8Array {
  if (features.length === 0) return new Uint8Array(0);
  const vtFeatures: Feature[] = features.map((f) => ({
    type: f.geometry.type,
    geometry: f.geometry.geometry,
    tags: withoutNulls(f.properties),
  })) as Feature[];
  const layer = new GeoJSONWrapper(vtFeatures, { version: 2, extent });
  layer.name = layerName;
  return fromVectorTileJs({ layers: { [layerName]: layer } });
}

function withoutNulls(
  properties: Record<string, TilePropertyValue>,
): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(properties)) {
    if (value !== null && value !== undefined) out[key] = value;
  }
  return out;
}
