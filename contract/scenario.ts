import { z } from 'zod';
import { bodyYear, strictRequest, territoryLevel } from './common';
import { siteMetadata } from './site-card';

/**
 * POST /api/scenario: a named what-if (add a MAM or micro-crèche, close a facility, change its
 * places) evaluated on the current data without changing it (docs/site-finder.md).
 */
const facility = z
  .string()
  .regex(/^(eaje|mam)-[0-9]+$/, 'must be a facility id such as eaje-12 or mam-3');
const places = (max: number) =>
  z
    .number({ error: `must be a whole number of places from 0 to ${max}` })
    .int(`must be a whole number of places from 0 to ${max}`)
    .min(0, `must be from 0 to ${max} places`)
    .max(max, `must be from 0 to ${max} places`);

export const scenarioChange = z.discriminatedUnion(
  'op',
  [
    strictRequest({
      op: z.literal('add'),
      kind: z.enum(['mam', 'micro_creche'], { error: 'must be mam or micro_creche' }),
      lon: z.number().min(-180).max(180),
      lat: z.number().min(-90).max(90),
      /** Children at once: a micro-crèche at most 12, a MAM at most 20. */
      places: places(20).min(1, 'must be from 1 to 20 places'),
    }),
    strictRequest({ op: z.literal('close'), facility }),
    strictRequest({ op: z.literal('set_places'), facility, places: places(500) }),
  ],
  { error: 'must be a change { "op": "add" | "close" | "set_places", … }' },
);

export const scenarioBody = strictRequest({
  name: z.string().min(1, 'must name the scenario').max(80, 'must be at most 80 characters'),
  changes: z.array(scenarioChange).min(1, 'must list at least one change').max(20),
  /** Children gaining or losing a crèche or MAM within this many minutes by car. */
  minutes: z.number().int().min(5).max(30).default(15),
  year: bodyYear.optional(),
});

const rate = z.number().nullable();

export const scenarioAnswer = z
  .strictObject({
    name: z.string(),
    year: z.number().int(),
    minutes: z.number().int(),
    /** Children who would have a crèche or MAM within `minutes`, and had none. */
    children_gaining: z.number(),
    /** Children who had one within `minutes` and would have none. */
    children_losing: z.number(),
    /** Communes and EPCI whose figures change, before and after. */
    territories: z.array(
      z.strictObject({
        level: territoryLevel,
        code: z.string(),
        name: z.string(),
        /** Official coverage rate (places per 100 children inside the lines). */
        coverage_before: rate,
        coverage_after: rate,
        /** Accessibility rate (places within reach per 100 children, E2SFCA 30 min). */
        accessibility_before: rate,
        accessibility_after: rate,
        /** Children of the territory gaining, and losing, a crèche or MAM within `minutes`. */
        children_gaining: z.number(),
        children_losing: z.number(),
      }),
    ),
    /**
     * The grid cells (parts of cells in a commune) whose children gain or lose a crèche or MAM
     * within `minutes`, at their centre (WGS84), for the difference map. Aggregates of the demand
     * grid: no person's home.
     */
    cells: z.array(
      z.strictObject({
        lon: z.number(),
        lat: z.number(),
        commune_code: z.string(),
        children: z.number(),
        change: z.enum(['gain', 'loss']),
      }),
    ),
    metadata: siteMetadata,
  })
  .meta({ id: 'Scenario' });

export type ScenarioBody = z.input<typeof scenarioBody>;
export type ScenarioAnswer = z.output<typeof scenarioAnswer>;
