import { z } from 'zod';
import {
  coverageClass,
  dataset,
  departementCode,
  queryYear,
  rateMode,
  reference,
  referenceKind,
  sources,
  strictRequest,
  territoryLevel,
} from './common';
import { areal, bbox, position } from './geojson';
import {
  accessibilityFlag,
  accessibilityMethod,
  territoryAccessibility,
  territoryAccessibilityDetail,
} from './accessibility';

/** GET /api/territories, GET /api/territories/{level}/{code}. */

export const territoryListQuery = strictRequest({
  level: territoryLevel,
  year: queryYear.optional(),
  departement: departementCode.optional(),
  reference,
  format: z.enum(['geojson', 'csv'], { error: 'must be geojson or csv' }).default('geojson'),
  /** Add each territory's accessibility (contract/accessibility.ts): a computation over the grid. */
  accessibility: accessibilityFlag,
});

export const territoryParams = z.object({
  level: territoryLevel,
  code: z.string().regex(/^[0-9A-Z]{2,9}$/, 'must be an INSEE, SIREN or département code'),
});

export const territoryDetailQuery = strictRequest({
  year: queryYear.optional(),
  reference,
  /** Add the territory's accessibility (contract/accessibility.ts): a computation over the grid. */
  accessibility: accessibilityFlag,
});

const places = z.number();
/** null when withheld by statistical secrecy (`childminders_secret`). */
const childminderFigure = z.number().nullable();

/**
 * A territory's figures for one year: children, places by mode, rate and gap class. Where few
 * childminders work, a public answer withholds what would describe them (statistical secrecy,
 * docs/coverage.md): their places (`places_am`, `places_mam`) and what they can be subtracted
 * back from (`places_total`, `coverage_rate`) are null and `childminders_secret` is true.
 */
const yearFigures = {
  year: z.number().int(),
  /** null: no population figure that year. */
  children_under3: z.number().nullable(),
  places_eaje_psu: places,
  places_eaje_hors_psu: places,
  places_am: childminderFigure,
  places_mam: childminderFigure,
  places_home_care: places,
  places_preschool: places,
  places_total: childminderFigure,
  /** Places per 100 children under 3; null without children, or when withheld. */
  coverage_rate: z.number().nullable(),
  coverage_class: coverageClass,
  /** The rate of the reference the class is measured against. */
  reference_rate: z.number().nullable(),
  /** The childminder figures are withheld (statistical secrecy). */
  childminders_secret: z.boolean(),
  /**
   * Withheld because fewer than this many childminders work there ("moins de N"); null when
   * public, or withheld only so that a neighbour's small figure cannot be subtracted back.
   */
  childminders_below: z.number().int().nullable(),
  /**
   * The modes of the rate for which no file is loaded for this territory and year: the rate is
   * then a lower bound (class `incomplete`), never a shortage. Empty: every mode has data.
   */
  missing_modes: z.array(rateMode),
  /** The rate the Caf publishes for this territory and year (open data), where loaded. */
  caf_rate: z.number().nullable(),
  /** Share of childminder agreement places counted for under-3s in these figures. */
  am_under3_share: z.number(),
};

/**
 * A territory's figures for one year as served (GeoJSON properties, CSV rows: the CSV's columns
 * are these fields in this order, without `label_point`). Rates to 0.1, children and places to
 * 0.01 (AM places carry the share of places used by under-3s).
 */
export const territoryProperties = z
  .strictObject({
    code: z.string(),
    name: z.string(),
    level: territoryLevel,
    epci_code: z.string().nullable(),
    /**
     * A commune's EPT (Métropole du Grand Paris; null for a commune in none and other levels).
     * Always served; optional for answers recorded before the EPT level.
     */
    ept_code: z.string().nullable().optional(),
    departement_code: z.string().nullable(),
    ...yearFigures,
    small_population: z.boolean(),
    fictional: z.boolean(),
    sources,
    /** A point inside the territory, for its label. */
    label_point: position.optional(),
    /** With `accessibility=true`: null where it cannot be computed (no roads, no grid). */
    accessibility: territoryAccessibility.nullable().optional(),
  })
  .meta({ id: 'TerritoryProperties' });

/** The reference a rate is compared with, and where it comes from. */
export const referenceInfo = z
  .strictObject({
    kind: referenceKind,
    /** The national series' year used (the latest at or before the year asked). */
    year: z.number().int().nullable(),
    rate: z.number().nullable(),
    /** The national rate of an earlier year, the series having none for the year asked. */
    carriedForward: z.boolean(),
    source: z.string().nullable(),
  })
  .meta({ id: 'ReferenceInfo' });

export const territoryFeature = z.strictObject({
  type: z.literal('Feature'),
  id: z.string(),
  geometry: areal,
  properties: territoryProperties,
});

export const territoryCollection = z
  .strictObject({
    type: z.literal('FeatureCollection'),
    metadata: z.strictObject({
      level: territoryLevel,
      year: z.number().int(),
      /** Years with data (of the département with `departement=`), ascending. */
      years: z.array(z.number().int()),
      reference: referenceInfo,
      am_under3_share: z.number(),
      small_population_threshold: z.number(),
      /** Childminder figures of fewer than this many childminders are withheld. */
      secrecy_threshold: z.number().int(),
      fictional: z.boolean(),
      datasets: z.array(dataset),
      /** With `accessibility=true`: how the figures were made (null: none could be). */
      accessibility: accessibilityMethod.nullable().optional(),
    }),
    features: z.array(territoryFeature),
  })
  .meta({ id: 'TerritoryCollection' });

/** One year of a territory's figures, for its history. */
export const historyEntry = z.strictObject(yearFigures);

const facilityCommon = {
  id: z.number().int(),
  name: z.string(),
  places,
  commune_code: z.string(),
  /** Placed at its commune's centre, for want of an address. */
  location_approximate: z.boolean(),
  /** WGS84 position. */
  lon: z.number(),
  lat: z.number(),
};

/** A facility of the territory, with its position (for "isochrone from this facility"). */
export const facilitySummary = z.discriminatedUnion('type', [
  z.strictObject({
    ...facilityCommon,
    type: z.literal('eaje'),
    kind: z.string().nullable(),
    financing: z.string().nullable(),
  }),
  z.strictObject({
    ...facilityCommon,
    type: z.literal('mam'),
    kind: z.literal('mam'),
    financing: z.null(),
    childminder_count: z.number().int().nullable(),
  }),
]);

const parent = z.strictObject({
  code: z.string(),
  name: z.string(),
  coverage_rate: z.number().nullable(),
});

const comparedMode = z.enum(['eaje', 'am', 'home_care', 'preschool']);

/**
 * Berceau's rate beside the rate the Caf publishes for the same territory and year (open data
 * txcouv_pe_*), mode by mode (rates in places per 100 children, differences Berceau − Caf in
 * points): `differing` names the modes that explain the difference (no data here, or a gap of
 * half a point or more), largest first.
 */
export const cafComparison = z
  .strictObject({
    rate: z.number(),
    difference: z.number().nullable(),
    modes: z.array(
      z.strictObject({
        mode: comparedMode,
        berceau: z.number().nullable(),
        caf: z.number().nullable(),
        difference: z.number().nullable(),
      }),
    ),
    differing: z.array(comparedMode),
    /** The dataset of the Caf's figures. */
    source: z.number().int(),
  })
  .meta({ id: 'CafComparison' });

export const territoryDetail = z
  .strictObject({
    territory: territoryProperties.required({ label_point: true }),
    bbox,
    history: z.array(historyEntry),
    /** Absent for a level's own parent (a département has none) or a parent without figures. */
    parents: z.strictObject({
      epci: parent.optional(),
      /** A commune's EPT (Métropole du Grand Paris). */
      ept: parent.optional(),
      departement: parent.optional(),
    }),
    national: referenceInfo,
    reference: referenceInfo,
    supply_points: z.strictObject({
      eaje: z.number().int(),
      mam: z.number().int(),
      /**
       * Childminders working that year: a count, never a location (personal data); null when
       * withheld (the territory's `childminders_secret`).
       */
      childminders: z.number().int().nullable(),
    }),
    facilities: z.array(facilitySummary),
    am_under3_share: z.number(),
    /** Childminder figures of fewer than this many childminders are withheld. */
    secrecy_threshold: z.number().int(),
    datasets: z.array(dataset),
    /** The Caf's published rate beside Berceau's, where a Caf rate file is loaded; else null. */
    caf: cafComparison.nullable(),
    /**
     * With `accessibility=true`: places within reach per 100 children beside the official rate,
     * with the leakage (default method, contract/accessibility.ts); null where it cannot be
     * computed (no roads, no grid).
     */
    accessibility: territoryAccessibilityDetail.nullable().optional(),
  })
  .meta({ id: 'TerritoryDetail' });

/**
 * A custom set of communes (a report's territory): 2 to 500 INSEE codes separated by commas,
 * e.g. `93001,93027,93066`.
 */
export const communeCodes = z
  .string()
  .regex(
    /^[0-9A-Z]{5}(,[0-9A-Z]{5}){1,499}$/,
    'must be 2 to 500 INSEE commune codes separated by commas',
  );

/** GET /api/territories/custom: a set of communes taken as one territory. */
export const customTerritoryQuery = strictRequest({
  codes: communeCodes,
  year: queryYear.optional(),
  reference,
});

/**
 * A custom set of communes as one territory, in the shape of a territory's detail: figures are
 * sums over its communes (as an EPCI's, never an average of rates); `territory.code` is the
 * codes given, sorted; `parents.departement` is the département most of them are in. Unless the
 * viewer sees exact figures, the childminder figures are withheld when any member's are (a sum
 * of two sets would otherwise give a withheld commune back by subtraction).
 */
export const customTerritoryDetail = territoryDetail
  .extend({
    territory: territoryProperties
      .extend({ level: z.literal('custom') })
      .required({ label_point: true }),
    /** The communes of the set, by code. */
    communes: z.array(z.strictObject({ code: z.string(), name: z.string() })),
  })
  .meta({ id: 'CustomTerritoryDetail' });
