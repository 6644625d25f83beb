import { z } from 'zod';
import { bodyYear, errorAnswer, strictRequest } from './common';
import { siteMetadata } from './site-card';

/**
 * POST /api/site-selection: the optimiser (maximal covering, p-median, set covering) on the
 * stored demand grid and car times, existing EAJE and MAM fixed (docs/site-finder.md).
 */

const point = z.strictObject({
  lon: z.number({ error: 'must be a longitude in degrees' }).min(-180).max(180),
  lat: z.number({ error: 'must be a latitude in degrees' }).min(-90).max(90),
});

/** The whole run's time (seconds): the exact solve stops there and the heuristic answers. */
export const SITE_SELECTION_TIME_LIMIT_S = 20;

export const siteSelectionBody = strictRequest({
  model: z
    .enum(['mclp', 'pmedian', 'lscp'], { error: 'must be mclp, pmedian or lscp' })
    .default('mclp'),
  /** New sites to open (mclp, pmedian). */
  p: z
    .number({ error: 'must be a whole number of sites from 1 to 20' })
    .int('must be a whole number of sites from 1 to 20')
    .min(1, 'must be from 1 to 20 sites')
    .max(20, 'must be from 1 to 20 sites')
    .default(2),
  /** The travel-time standard (minutes by car). */
  minutes: z
    .number({ error: 'must be a whole number of minutes from 5 to 30' })
    .int('must be a whole number of minutes from 5 to 30')
    .min(5, 'must be from 5 to 30 minutes')
    .max(30, 'must be from 5 to 30 minutes')
    .default(15),
  /** 'grid': a candidate per 1 km block of the populated grid (at most 600); or given points. */
  candidates: z
    .union([z.literal('grid'), z.array(point).min(1).max(300)], {
      error: 'must be "grid" or a list of 1 to 300 points { lon, lat }',
    })
    .default('grid'),
  /** Existing EAJE and MAM open whatever happens (and counted as covering). */
  fixed: z.boolean({ error: 'must be true or false' }).default(true),
  /** Places of each new site (children it can serve); absent: unlimited. */
  capacity: z.number().int().min(1).max(60).optional(),
  method: z
    .enum(['auto', 'exact', 'heuristic'], { error: 'must be auto, exact or heuristic' })
    .default('auto'),
  year: bodyYear.optional(),
});

export const siteSelectionAnswer = z
  .strictObject({
    model: z.enum(['mclp', 'pmedian', 'lscp']),
    p: z.number().int().nullable(),
    minutes: z.number().int(),
    year: z.number().int(),
    /** Who produced the sites: the MIP solver (HiGHS) or greedy + swap. */
    method: z.enum(['exact', 'heuristic']),
    optimal: z.boolean(),
    stopped_by: z.enum(['time_limit', 'size']).nullable(),
    /** mclp: children covered; pmedian: children × minutes; lscp: new sites. */
    objective: z.number(),
    bound: z.number(),
    gap: z.number(),
    total_children: z.number(),
    covered_children: z.number(),
    covered_share: z.number(),
    /** Children already within the standard of an existing place (mclp, lscp). */
    covered_by_fixed: z.number().nullable(),
    /** The new sites chosen, with the children they serve. */
    sites: z.array(
      z.strictObject({
        id: z.string(),
        lon: z.number(),
        lat: z.number(),
        children_served: z.number(),
        capacity: z.number().nullable(),
      }),
    ),
    fixed_sites: z.number().int(),
    candidates: z.strictObject({
      kind: z.enum(['grid', 'points']),
      count: z.number().int(),
      /** Grid candidates: the side of the blocks (metres). */
      block_m: z.number().nullable(),
    }),
    notes: z.array(z.string()),
    metadata: siteMetadata,
  })
  .meta({ id: 'SiteSelection' });

/**
 * The run's phases, in order: reading (demand, sites, car times), prepare (the optimiser's
 * reductions), heuristic (greedy + swap), bound (Lagrangian), exact (the MIP), done.
 */
export const SITE_SELECTION_PHASES = [
  'reading',
  'prepare',
  'heuristic',
  'bound',
  'exact',
  'done',
] as const;

/** Where a run is: sent a few times a second at most while the optimiser works. */
export const siteSelectionProgress = z
  .strictObject({
    phase: z.enum(SITE_SELECTION_PHASES),
    /** Since the request arrived (milliseconds). */
    elapsed_ms: z.number().int(),
    /** The optimiser's time limit: it answers by then at the latest, once the data is read. */
    time_limit_ms: z.number().int(),
    /** Best objective found so far, in the answer's unit; null before the first. */
    objective: z.number().nullable(),
    /** Best proven bound so far (mclp: upper, others: lower); null before the first. */
    bound: z.number().nullable(),
    /** |objective − bound| / |objective| when both are known. */
    gap: z.number().nullable(),
  })
  .meta({ id: 'SiteSelectionProgress' });

/**
 * One line of the answer streamed as NDJSON (`Accept: application/x-ndjson`): progress lines,
 * then one last line, the result (the JSON answer's body) or an error (the one error shape).
 */
export const siteSelectionStreamLine = z
  .union([
    z.strictObject({ progress: siteSelectionProgress }),
    z.strictObject({ result: siteSelectionAnswer }),
    errorAnswer,
  ])
  .meta({ id: 'SiteSelectionStreamLine' });

export type SiteSelectionBody = z.input<typeof siteSelectionBody>;
export type SiteSelectionAnswer = z.output<typeof siteSelectionAnswer>;
export type SiteSelectionProgress = z.output<typeof siteSelectionProgress>;
export type SiteSelectionStreamLine = z.output<typeof siteSelectionStreamLine>;
