// Minimal types for `shapefile` (mbostock), which ships none.
declare module 'shapefile' {
  export function read(
    shp: ArrayBuffer | Uint8Array | string,
    dbf?: ArrayBuffer | Uint8Array | string,
    options?: { encoding?: string },
  ): Promise<{
    type: 'FeatureCollection';
    features: {
      type: 'Feature';
      properties: Record<string, unknown>;
      geometry: { type: string; coordinates: unknown } | null;
    }[];
  }>;
}
