import { z } from 'zod';
import { departementCode, queryYear, reference } from './common';

/** GET /api/layers (the catalogue of vector tile layers), GET /api/tiles/{layer}/{z}/{x}/{y}.mvt. */

/** The query parameters a tile layer may accept (each layer lists those it does). */
export const tileQueryParameters = {
  year: queryYear.optional(),
  reference,
  departement: departementCode.optional(),
};
export type TileQueryParameterName = keyof typeof tileQueryParameters;

const tileNumber = z.string().regex(/^\d{1,8}$/, 'must be a non-negative integer');
/** The tile's address (checked against the pyramid and the layer's zoom range). */
export const tileParams = z.object({
  layer: z.string(),
  z: tileNumber,
  x: tileNumber,
  y: tileNumber,
});

export const layerField = z.strictObject({
  name: z.string(),
  type: z.enum(['string', 'integer', 'number', 'boolean']),
  description: z.string(),
  /** The closed list of values of a string field. */
  values: z.array(z.string()).readonly().optional(),
  /**
   * The first zoom whose tiles carry the field (absent: every zoom of the layer). Below it a
   * tile leaves the field out: the low zooms of a dense layer hold thousands of features.
   */
  minzoom: z.number().int().optional(),
});

export const layerQueryParameter = z.strictObject({
  name: z.enum(Object.keys(tileQueryParameters) as [TileQueryParameterName]),
  type: z.enum(['integer', 'string']),
  description: z.string(),
  /** What the layer uses when the parameter is absent (a value, or a sentence). */
  default: z.string(),
  values: z.array(z.string()).readonly().optional(),
});

export const layerDescription = z.strictObject({
  /** Layer id: URL segment and name of the layer inside the tile. */
  id: z.string(),
  title: z.string(),
  description: z.string(),
  geometryType: z.enum(['point', 'line', 'polygon']),
  fields: z.array(layerField).readonly(),
  minzoom: z.number().int(),
  maxzoom: z.number().int(),
  query: z.array(layerQueryParameter).readonly(),
  /** Short credit for the map corner. */
  attribution: z.string(),
  /** Where the data come from and how they were computed. */
  source: z.string(),
  notes: z.array(z.string()).readonly().optional(),
  /** Absolute path template: `/api/tiles/communes/{z}/{x}/{y}.mvt`. */
  tileUrl: z.string(),
  sourceLayer: z.string(),
});

export const layersDocument = z
  .strictObject({
    layers: z.array(layerDescription),
    /** Years with coverage figures (the `year` parameter of coverage layers), ascending. */
    coverageYears: z.array(z.number().int()),
    /** Per loaded département, its years with data (the `year` values that make sense with `departement`). */
    coverageYearsByDepartement: z.record(z.string(), z.array(z.number().int())),
    tile: z.strictObject({
      extent: z.number().int(),
      buffer: z.number().int(),
      contentType: z.string(),
      emptyTile: z.string(),
    }),
  })
  .meta({ id: 'LayersDocument' });
