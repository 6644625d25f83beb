import { z } from 'zod';
import { dataset } from './common';

/** GET /api/health: what this server runs on and what it has loaded. */
export const health = z
  .strictObject({
    status: z.literal('ok'),
    database: z.strictObject({
      /** embedded: PGlite inside the server process; server: PostgreSQL at DATABASE_URL. */
      mode: z.enum(['embedded', 'server']),
      postgresVersion: z.string(),
      postgisVersion: z.string().nullable(),
    }),
    capabilities: z.strictObject({
      postgresVersion: z.string(),
      postgisVersion: z.string().nullable(),
      /** ST_AsMVT available (else tiles are encoded in Node: same bytes). */
      mvt: z.boolean(),
      pgrouting: z.boolean(),
      pgroutingVersion: z.string().nullable(),
    }),
    /** Any loaded territory is fictional (the demo). */
    fictional: z.boolean(),
    territories: z.array(
      z.strictObject({
        departementCode: z.string(),
        name: z.string(),
        fictional: z.boolean(),
        communes: z.number().int(),
        epcis: z.number().int(),
      }),
    ),
    datasets: z.array(dataset),
    /** The optional online basemap style under the dashboard's layers (null: offline). */
    basemapStyleUrl: z.string().nullable(),
  })
  .meta({ id: 'Health' });
