import { z } from 'zod';
import {
  bodyYear,
  dataset,
  departementCode,
  queryYear,
  strictRequest,
  territoryLevel,
} from './common';
import { polygon } from './geojson';

/**
 * POST /api/accessibility, and the accessibility fields of /api/territories and of a territory's
 * detail: places within reach per child where children live (floating catchments over the demand
 * grid and car times), beside the official rate. Methods, weights and the leakage's definitions:
 * docs/accessibility.md.
 */

export const ACCESS_METHOD_NAMES = ['2sfca', 'e2sfca', '3sfca', 'gravity'] as const;
export const ACCESS_MODES = ['eaje', 'mam', 'am'] as const;
/** Catchments are whole minutes by car from 1 to 60. */
export const MAX_ACCESS_MINUTES = 60;

const MINUTES_RANGE = `a whole number of minutes from 1 to ${MAX_ACCESS_MINUTES}`;

export const accessibilityBody = strictRequest({
  /** e2sfca by default. */
  method: z
    .enum(ACCESS_METHOD_NAMES, { error: `must be one of ${ACCESS_METHOD_NAMES.join(', ')}` })
    .default('e2sfca'),
  /** The places counted: EAJE, MAM, childminders at home; every mode by default. */
  modes: z
    .array(z.enum(ACCESS_MODES, { error: `must be one of ${ACCESS_MODES.join(', ')}` }), {
      error: 'must be a list of modes, e.g. ["eaje", "mam", "am"]',
    })
    .min(1, 'must list at least one mode')
    .refine((m) => new Set(m).size === m.length, 'must not repeat a mode')
    .default([...ACCESS_MODES]),
  /** The catchment (inclusive), minutes by car; 30 by default. */
  minutes: z
    .number({ error: `must be ${MINUTES_RANGE}` })
    .int(`must be ${MINUTES_RANGE}`)
    .min(1, `must be ${MINUTES_RANGE}`)
    .max(MAX_ACCESS_MINUTES, `must be ${MINUTES_RANGE}`)
    .default(30),
  /**
   * Weights as the `access` command writes them: `uniform`, `steps:10=1,20=0.68,30=0.22`,
   * `gravity:scale=1,alpha=-1,min=1`, `gaussian:sigma=15`; the method's default when absent.
   */
  weights: z
    .string({ error: 'must be a weights text such as steps:10=1,20=0.68,30=0.22' })
    .max(200, 'must be at most 200 characters')
    .optional(),
  year: bodyYear.optional(),
  /** Territories of one level only (every level by default). */
  level: territoryLevel.optional(),
  /** Territories of one département only. */
  departement: departementCode.optional(),
});

const rate = z.number().nullable();

/**
 * A territory's accessibility beside its official rate (rates to 0.1, children and places to
 * 0.01). `places_used_by_residents + places_used_by_outsiders + places_unreached = places`;
 * `accessibility_rate = 100 × (places_used_by_residents + places_used_outside) ÷ children`.
 */
export const territoryAccessibility = z.strictObject({
  /** Places per 100 children under 3 inside the lines (every mode); null: none or withheld. */
  official_rate: rate,
  /** Children under 3 of the territory's grid cells (estimated where the grid is). */
  children: z.number(),
  /** Places of the modes counted at the territory's sites. */
  places: z.number(),
  /** 100 × places ÷ children: the same places, counted inside the lines. */
  places_rate: rate,
  /** Places within reach per 100 children, population-weighted over the territory's cells. */
  accessibility_rate: rate,
  /** Its places used by its own families. */
  places_used_by_residents: z.number(),
  /** Its places used by families from outside. */
  places_used_by_outsiders: z.number(),
  /** Places outside used by its families. */
  places_used_outside: z.number(),
  /** Its places no child reaches within the catchment. */
  places_unreached: z.number(),
  /** Some of its children are placed by the estimate (roads and buildings), not INSEE's grid. */
  estimated: z.boolean(),
});

export const accessibilityTerritory = territoryAccessibility.extend({
  level: territoryLevel,
  code: z.string(),
  name: z.string(),
});

/** How an accessibility figure was made: named beside it wherever it is served. */
export const accessibilityMethod = z.strictObject({
  year: z.number().int(),
  method: z.enum(ACCESS_METHOD_NAMES),
  /** The weights used, as the `access` command writes them. */
  weights: z.string(),
  max_minutes: z.number(),
  travel_mode: z.literal('car'),
  modes: z.array(z.enum(ACCESS_MODES)),
  /** Where children live: INSEE's 200 m grid, or estimated from roads and buildings ("estimé"). */
  demand: z.enum(['grid', 'estimated']),
  /** Populated cells (parts of cells in a commune) and sites counted. */
  cells: z.number().int(),
  sites: z.number().int(),
  /** Cells the roads do not reach (their children reach no place). */
  cells_off_network: z.number().int(),
  /** Any input is fictional (the demo). */
  fictional: z.boolean(),
  /** The source and vintage of every input (grid, population, supply, roads). */
  sources: z.array(z.number().int()),
});

/** A territory's accessibility in its detail: the figures and how they were made. */
export const territoryAccessibilityDetail = territoryAccessibility.extend({
  method: accessibilityMethod,
});

/** `accessibility=true` on /api/territories: the figures beside each territory's. */
export const accessibilityFlag = z
  .enum(['true', 'false'], { error: 'must be true or false' })
  .default('false')
  .transform((v) => v === 'true');

export const accessibilityAnswer = z.strictObject({
  metadata: accessibilityMethod.extend({ datasets: z.array(dataset) }),
  territories: z.array(accessibilityTerritory),
});

/** GET /api/accessibility/cells: the populated grid cells with their accessibility (defaults). */
export const accessibilityCellsQuery = strictRequest({
  year: queryYear.optional(),
  /** The cells of one département (every loaded one by default). */
  departement: departementCode.optional(),
});

export const accessibilityCellFeature = z.strictObject({
  type: z.literal('Feature'),
  /** `<cell id>@<commune code>`: a cell crossing a commune line has one part in each. */
  id: z.string(),
  geometry: polygon,
  properties: z.strictObject({
    cell_id: z.string(),
    commune_code: z.string(),
    /** Children under 3 of the cell's part (to 0.01). */
    children: z.number(),
    /** Places within reach per 100 children (to 0.1). */
    accessibility_rate: z.number(),
    /** Placed by the estimate (roads and buildings), not INSEE's grid: "estimé". */
    estimated: z.boolean(),
  }),
});

export const accessibilityCellCollection = z.strictObject({
  type: z.literal('FeatureCollection'),
  metadata: accessibilityMethod.extend({ datasets: z.array(dataset) }),
  features: z.array(accessibilityCellFeature),
});

/** An answer of the demo territory (seed 42), shortened to one territory and one source. */
export const ACCESSIBILITY_EXAMPLE = {
  metadata: {
    year: 2024,
    method: 'e2sfca',
    weights: 'steps:10=1,20=0.68,30=0.22',
    max_minutes: 30,
    travel_mode: 'car',
    modes: ['eaje', 'mam', 'am'],
    demand: 'grid',
    cells: 5210,
    sites: 402,
    cells_off_network: 0,
    fictional: true,
    sources: [2],
    datasets: [
      {
        id: 2,
        key: 'demo:population',
        kind: 'population',
        name: 'Population et enfants de moins de 3 ans (territoire fictif)',
        source: 'Générateur de territoire fictif Berceau, graine 42',
        sourceUrl: null,
        licence: 'CC0-1.0 (données générées)',
        vintage: '2019-2024',
        fictional: true,
        fileName: null,
        checksum: null,
        importedAt: '2026-01-05T09:30:00.000Z',
        rowCounts: { population: 1680 },
      },
    ],
  },
  territories: [
    {
      level: 'epci',
      code: '000001001',
      name: 'Chauminay Agglomération',
      official_rate: 58.3,
      children: 1423.5,
      places: 702.4,
      places_rate: 49.3,
      accessibility_rate: 47.1,
      places_used_by_residents: 611.2,
      places_used_by_outsiders: 88.9,
      places_used_outside: 59.3,
      places_unreached: 2.3,
      estimated: false,
    },
  ],
} satisfies z.input<typeof accessibilityAnswer>;
