import type { z } from 'zod';
import type {
  accessibilityAnswer,
  accessibilityBody,
  accessibilityCellCollection,
  accessibilityCellsQuery,
  accessibilityMethod,
  accessibilityTerritory,
  territoryAccessibility,
} from './accessibility';
import type {
  coverageClass,
  dataset,
  errorAnswer,
  errorCode,
  fieldProblem,
  referenceKind,
  territoryLevel,
  travelMode,
} from './common';
import type { facilitiesQuery, facilityCollection, facilityProperties } from './facilities';
import type { health } from './health';
import type {
  facilitySummary,
  historyEntry,
  referenceInfo,
  customTerritoryDetail,
  territoryCollection,
  territoryDetail,
  territoryDetailQuery,
  territoryFeature,
  territoryListQuery,
  territoryProperties,
} from './territories';
import type { layersDocument } from './tiles';
import type {
  isochroneBandProperties,
  isochroneBody,
  isochroneCollection,
  isochroneOrigin,
  nearestCellFeature,
  nearestCollection,
  nearestCommuneFeature,
  nearestQuery,
} from './travel';

/**
 * The contract's types, by name: answers as the server sends them and the client reads them,
 * requests as a client may write them (defaults and coercions not yet applied).
 */

export type TerritoryLevel = z.output<typeof territoryLevel>;
export type ReferenceKind = z.output<typeof referenceKind>;
export type TravelMode = z.output<typeof travelMode>;
export type CoverageClass = z.output<typeof coverageClass>;
export type Dataset = z.output<typeof dataset>;
export type FieldProblem = z.output<typeof fieldProblem>;
export type ErrorCode = z.output<typeof errorCode>;
export type ErrorAnswer = z.output<typeof errorAnswer>;

export type Health = z.output<typeof health>;

export type TerritoryListRequest = z.input<typeof territoryListQuery>;
export type TerritoryDetailRequest = z.input<typeof territoryDetailQuery>;
export type TerritoryProperties = z.output<typeof territoryProperties>;
export type ReferenceInfo = z.output<typeof referenceInfo>;
export type TerritoryFeature = z.output<typeof territoryFeature>;
export type TerritoryCollection = z.output<typeof territoryCollection>;
export type HistoryEntry = z.output<typeof historyEntry>;
export type FacilitySummary = z.output<typeof facilitySummary>;
export type TerritoryDetail = z.output<typeof territoryDetail>;
export type CustomTerritoryDetail = z.output<typeof customTerritoryDetail>;

export type FacilitiesRequest = z.input<typeof facilitiesQuery>;
export type FacilityProperties = z.output<typeof facilityProperties>;
export type FacilityCollection = z.output<typeof facilityCollection>;

export type IsochroneRequest = z.input<typeof isochroneBody>;
export type IsochroneBandProperties = z.output<typeof isochroneBandProperties>;
export type IsochroneOrigin = z.output<typeof isochroneOrigin>;
export type IsochroneCollection = z.output<typeof isochroneCollection>;

export type NearestRequest = z.input<typeof nearestQuery>;
export type NearestCommuneFeature = z.output<typeof nearestCommuneFeature>;
export type NearestCellFeature = z.output<typeof nearestCellFeature>;
export type NearestProperties =
  NearestCommuneFeature['properties'] | NearestCellFeature['properties'];
export type NearestCollection = z.output<typeof nearestCollection>;

export type LayersDocument = z.output<typeof layersDocument>;

export type AccessibilityRequest = z.input<typeof accessibilityBody>;
export type AccessibilityAnswer = z.output<typeof accessibilityAnswer>;
export type AccessibilityTerritory = z.output<typeof accessibilityTerritory>;
export type TerritoryAccessibility = z.output<typeof territoryAccessibility>;
export type AccessibilityMethodInfo = z.output<typeof accessibilityMethod>;
export type AccessibilityCellsRequest = z.input<typeof accessibilityCellsQuery>;
export type AccessibilityCellCollection = z.output<typeof accessibilityCellCollection>;
