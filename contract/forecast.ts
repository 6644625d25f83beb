import { z } from 'zod';
import { dataset, queryYear, sources, strictRequest, territoryLevel } from './common';

/** GET /api/territories/{level}/{code}/forecast: projections, always labelled as such. */

export const forecastQuery = strictRequest({
  /** Years after the base year: 3, 5, or both when absent. */
  horizon: z.enum(['3', '5'], { error: 'must be 3 or 5' }).optional(),
  /** The year projected from; the territory's latest year with data when absent. */
  year: queryYear.optional(),
  /**
   * A saved scenario's id (GET /api/scenarios): the rate is also projected with its changes in
   * the territory's communes. Signed-in users whose territories the scenario touches.
   */
  scenario: z.coerce
    .number<string>({ error: 'must be a saved scenario id such as 18' })
    .int('must be a saved scenario id such as 18')
    .positive('must be a saved scenario id such as 18')
    .max(2_147_483_647, 'must be a saved scenario id such as 18')
    .optional(),
});

const warning = z.strictObject({
  code: z.string(),
  /** French, for display. */
  message: z.string(),
  years: z.array(z.number().int()).optional(),
});

/** A projected value and its range (the interval of `interval_level`). */
const projected = z.strictObject({
  year: z.number().int(),
  horizon_years: z.number().int(),
  central: z.number(),
  low: z.number(),
  high: z.number(),
});

const ratePoint = z.strictObject({
  year: z.number().int(),
  horizon_years: z.number().int(),
  /** Places counted in the rate (AM places after the under-3 share), held as in the base year. */
  places_counted: z.number(),
  /** Places per 100 children at the central children; null with no child. */
  rate: z.number().nullable(),
  /** At the high end of the children's range. */
  rate_low: z.number().nullable(),
  /** At the low end of the children's range; null when that end is 0. */
  rate_high: z.number().nullable(),
  small_population: z.boolean(),
});

const rateProjection = z.strictObject({
  name: z.string(),
  method_text: z.string(),
  am_under3_share: z.number(),
  /** The observed rate of the base year. */
  base_rate: z.number().nullable(),
  points: z.array(ratePoint),
  warnings: z.array(warning),
});

const tally = z.strictObject({ count: z.number().int(), agreement_places: z.number().int() });

/** Departures of childminders from their ages, aggregated by year (never a person). */
const childminderDepartures = z.strictObject({
  method_text: z.string(),
  retirement_age: z.number().int(),
  /** Active AM of the base year: with a known age, without (not projected, said). */
  active: tally,
  known_age: tally,
  unknown_age: tally,
  years: z.array(
    z.strictObject({
      year: z.number().int(),
      departures: z.number().int(),
      agreement_places_lost: z.number().int(),
      /** From the first projected year to this one, included. */
      cumulative_departures: z.number().int(),
      cumulative_agreement_places_lost: z.number().int(),
    }),
  ),
  warnings: z.array(warning),
});

/** Something a forecast could use but the data do not hold. */
const missingInput = z.strictObject({
  input: z.enum(['births', 'childminder_ages']),
  message: z.string(),
});

/**
 * Children under 3 and the official rate "if nothing changes", projected from the territory's
 * series (docs/forecasts.md). Children to 0.1, rates to 0.1; every part carries its method text.
 */
export const territoryForecast = z
  .strictObject({
    kind: z.literal('projection'),
    /** « Projection » : never an observed figure. */
    label: z.string(),
    territory: z.strictObject({ level: territoryLevel, code: z.string(), name: z.string() }),
    base_year: z.number().int(),
    interval_level: z.number(),
    children_under3: z.strictObject({
      method: z.enum(['linear_trend', 'constant', 'cohort']),
      /** The method's fitted values (slope per year, σ…), unrounded, to redo the projection. */
      parameters: z.record(z.string(), z.union([z.number(), z.string()])),
      method_text: z.string(),
      /** The observed series used (persons), ascending. */
      history: z.array(z.strictObject({ year: z.number().int(), value: z.number() })),
      points: z.array(projected),
      warnings: z.array(warning),
    }),
    /**
     * The official rate with the base year's places kept as they are ("sans changement"); null
     * when the base year's childminder figures are withheld (statistical secrecy).
     */
    coverage_rate: rateProjection.nullable(),
    /**
     * The same rate with the places of the childminders projected to leave taken away; null when
     * no age is known or the childminder figures are withheld.
     */
    coverage_rate_departures: rateProjection.nullable(),
    /**
     * The same rate with a saved scenario's places (query `scenario`), beside "no change": its
     * changes in the territory's communes, from the year after the base year. Null without the
     * query or where the childminder figures are withheld.
     */
    coverage_rate_scenario: rateProjection
      .extend({
        scenario: z.strictObject({
          id: z.number().int(),
          name: z.string(),
          author: z.string(),
          /** The year the scenario's places were read in (its evaluation year). */
          year: z.number().int(),
          /** Places it moves in the territory (counted: MAM places after the under-3 share). */
          places_counted_delta: z.number(),
          /** Its changes inside the territory. */
          changes: z.array(
            z.strictObject({
              commune_code: z.string(),
              label: z.string(),
              places_counted: z.number(),
            }),
          ),
        }),
      })
      .nullable(),
    /** Null when no age is known or the childminder figures are withheld. */
    childminder_departures: childminderDepartures.nullable(),
    coverage_rate_withheld: z.boolean(),
    /** Inputs the methods could use that the data do not hold (births, childminder ages). */
    missing_inputs: z.array(missingInput),
    fictional: z.boolean(),
    sources,
    datasets: z.array(dataset),
  })
  .meta({ id: 'TerritoryForecast' });

export type TerritoryForecast = z.output<typeof territoryForecast>;

/** The example of the OpenAPI document: the forecast test's fixture EPCI (docs/forecasts.md). */
export const FORECAST_EXAMPLE: z.input<typeof territoryForecast> = {
  kind: 'projection',
  label: 'Projection',
  territory: { level: 'epci', code: '200000001', name: 'CC du Sud' },
  base_year: 2024,
  interval_level: 0.8,
  children_under3: {
    method: 'linear_trend',
    parameters: { slopePerYear: 2.2285714285714286, meanYear: 2021.5, points: 6 },
    method_text:
      'Projection : tendance linéaire 2019–2024 (+2,2 enfants par an), intervalle à 80\u202f%',
    history: [
      { year: 2019, value: 100 },
      { year: 2024, value: 112 },
    ],
    points: [
      { year: 2027, horizon_years: 3, central: 117.6, low: 112.3, high: 122.9 },
      { year: 2029, horizon_years: 5, central: 122, low: 115.5, high: 128.5 },
    ],
    warnings: [],
  },
  coverage_rate: {
    name: 'Sans changement',
    method_text:
      'Projection : places de 2024 reconduites (hors départs et scénarios) sur les enfants de moins de 3 ans projetés (tendance linéaire 2019–2024 (+2,2 enfants par an), intervalle à 80\u202f%) ; la fourchette du taux ne tient qu’à celle des enfants',
    am_under3_share: 0.81,
    base_rate: 68.9,
    points: [
      {
        year: 2027,
        horizon_years: 3,
        places_counted: 77.15,
        rate: 65.6,
        rate_low: 62.8,
        rate_high: 68.7,
        small_population: false,
      },
    ],
    warnings: [],
  },
  coverage_rate_departures: null,
  coverage_rate_scenario: null,
  childminder_departures: null,
  coverage_rate_withheld: false,
  missing_inputs: [
    {
      input: 'childminder_ages',
      message:
        'Âges des assistantes maternelles non disponibles : départs en retraite non projetés.',
    },
  ],
  fictional: true,
  sources: [1, 2, 5],
  datasets: [],
};
