import { z } from 'zod';
import { bodyYear, dataset, sources, strictRequest } from './common';

/**
 * POST /api/site-card: what a point offers within 5 to 20 minutes by car, and what a MAM or a
 * micro-crèche opened there would add (docs/site-finder.md).
 */

const longitude = z
  .number({ error: 'must be a longitude in degrees (WGS84), a number' })
  .min(-180, 'must be a longitude between -180 and 180')
  .max(180, 'must be a longitude between -180 and 180');
const latitude = z
  .number({ error: 'must be a latitude in degrees (WGS84), a number' })
  .min(-90, 'must be a latitude between -90 and 90')
  .max(90, 'must be a latitude between -90 and 90');
const wholeFrom = (min: number, max: number, what: string) =>
  z
    .number({ error: `must be a whole number of ${what} from ${min} to ${max}` })
    .int(`must be a whole number of ${what} from ${min} to ${max}`)
    .min(min, `must be from ${min} to ${max} ${what}`)
    .max(max, `must be from ${min} to ${max} ${what}`);

/** A MAM: 1 to 6 childminders (at most 4 at once), each with an agreement for 1 to 6 children. */
export const mamProject = strictRequest({
  kind: z.literal('mam'),
  childminders: wholeFrom(1, 6, 'childminders').default(4),
  places_per_agreement: wholeFrom(1, 6, 'children').default(4),
});
/** A micro-crèche: at most 12 places. */
export const microCrecheProject = strictRequest({
  kind: z.literal('micro_creche'),
  places: wholeFrom(1, 12, 'places').default(12),
});
export const siteProject = z.discriminatedUnion('kind', [mamProject, microCrecheProject], {
  error: 'must be { "kind": "mam", … } or { "kind": "micro_creche", … }',
});

export const siteCardBody = strictRequest({
  lon: longitude,
  lat: latitude,
  /** Latest with data when absent. */
  year: bodyYear.optional(),
  /** A MAM of 4 childminders with agreements for 4 children when absent. */
  project: siteProject.default({ kind: 'mam', childminders: 4, places_per_agreement: 4 }),
});

/**
 * Where the site finder's answers (card, optimisation, scenario) come from: car times, children
 * from the demand grid (or its estimate), and every dataset read.
 */
export const siteMetadata = z.strictObject({
  travel_mode: z.literal('car'),
  demand: z.enum(['grid', 'estimated']),
  fictional: z.boolean(),
  sources,
  datasets: z.array(dataset),
});

const placesByMode = z.strictObject({ eaje: z.number(), mam: z.number(), am: z.number() });

export const siteCardAnswer = z
  .strictObject({
    point: z.strictObject({
      lon: z.number(),
      lat: z.number(),
      commune: z.strictObject({ code: z.string(), name: z.string() }),
      /** The point is too far from any road: it reaches only what is at its own position. */
      off_network: z.string().nullable(),
    }),
    year: z.number().int(),
    /** Cumulative bands of car time from the point (children: travelling to it). */
    bands: z.array(
      z.strictObject({
        minutes: z.number().int(),
        /** Children under 3 living within the band (grid demand). */
        children: z.number(),
        /** Some of them come from the estimated grid (roads and buildings), not INSEE's. */
        children_estimated: z.boolean(),
        /** Places within the band, as the coverage rate counts them (AM: under-3 share). */
        places: placesByMode,
        /**
         * Childminders at home in the communes whose centre is within the band; for the public,
         * communes whose childminder figures are withheld are left out (see `childminders`).
         */
        childminders_at_home: z.number().int(),
      }),
    ),
    accessibility: z.strictObject({
      /** Places within reach per 100 children at the point's grid cell (null: no cell there). */
      rate_at_point: z.number().nullable(),
      cell_id: z.string().nullable(),
      /** The commune's accessibility rate (children-weighted mean of its cells). */
      commune_rate: z.number().nullable(),
      /** The national coverage rate the gap is measured against. */
      reference: z.strictObject({ rate: z.number(), year: z.number().int() }).nullable(),
      /** rate_at_point − reference (points per 100 children). */
      gap: z.number().nullable(),
      method: z.string(),
      weights: z.string(),
      max_minutes: z.number(),
    }),
    /** Gap zones (no formal place within 15 min) with cells within 15 min of the point. */
    gap_zones: z
      .strictObject({
        minutes: z.number().int(),
        zones: z.array(
          z.strictObject({
            id: z.string(),
            children: z.number(),
            /** Children of its cells within the minutes of the point. */
            children_reached: z.number(),
            children_estimated: z.boolean(),
          }),
        ),
      })
      .nullable(),
    childminders: z.strictObject({
      /** Communes left out of the counts for this viewer (statistical secrecy). */
      withheld_communes: z.number().int(),
      /** Whether the counts include withheld communes (signed-in viewers allowed to). */
      exact: z.boolean(),
    }),
    project: z.strictObject({
      kind: z.enum(['mam', 'micro_creche']),
      childminders: z.number().int().nullable(),
      places_per_agreement: z.number().int().nullable(),
      /** Children cared for at once (MAM: min(childminders, 4) × agreement, at most 20). */
      places_at_once: z.number(),
      /** Places as the coverage rate counts them (MAM: under-3 share of AM places). */
      places_counted: z.number(),
      /** Children with no formal place (EAJE or MAM) within each band today who would have it. */
      newly_within: z.array(z.strictObject({ minutes: z.number().int(), children: z.number() })),
      /** Children sharing its places in the floating catchment (weighted). */
      weighted_children: z.number(),
      /** Accessibility rate (per 100 children) of the communes it reaches, before and after. */
      communes: z.array(
        z.strictObject({
          code: z.string(),
          name: z.string(),
          children: z.number(),
          before: z.number(),
          after: z.number(),
        }),
      ),
      /** Childminders at home within `draw_minutes` who could join the MAM. */
      childminders_nearby: z.number().int(),
      draw_minutes: z.number().int(),
      /** Places that may only move from homes to the MAM (0 for a micro-crèche). */
      places_possibly_drawn: z.number(),
    }),
    /**
     * Births (INSEE état civil, or the demo's fictional series) of the communes with children
     * within `minutes` of the point, over the years every one of them has; `sources` are
     * datasets of `metadata.datasets` (with their vintage). Null without births data.
     */
    births: z
      .strictObject({
        minutes: z.number().int(),
        communes: z.number().int(),
        years: z.array(z.strictObject({ year: z.number().int(), births: z.number() })),
        /** Years some of the communes lack: left out. */
        incomplete_years: z.array(z.number().int()),
        since: z.number().int().nullable(),
        /** Last complete year against the first, per cent (whole). */
        change_pct: z.number().nullable(),
        /** In French: "en baisse de 12 % depuis 2016 (…)". */
        statement: z.string().nullable(),
        sources: z.array(z.number().int()),
        fictional: z.boolean(),
      })
      .nullable(),
    metadata: siteMetadata,
  })
  .meta({ id: 'SiteCard' });

export type SiteCardBody = z.input<typeof siteCardBody>;
export type SiteCardAnswer = z.output<typeof siteCardAnswer>;
