/**
 * Shapes of the Berceau API, derived from the contract (contract/, the zod schemas the server
 * validates and answers with; also /api/openapi.json). Types only: no schema enters the bundle.
 */
export type {
  AccessibilityAnswer,
  AccessibilityCellCollection,
  AccessibilityTerritory,
  CoverageClass,
  Dataset,
  ErrorAnswer,
  ErrorCode,
  FacilitiesRequest,
  FacilityCollection,
  FacilityProperties,
  FacilitySummary,
  FieldProblem,
  Health,
  HistoryEntry,
  IsochroneBandProperties,
  IsochroneCollection,
  IsochroneOrigin,
  IsochroneRequest,
  LayersDocument,
  NearestCollection,
  NearestProperties,
  NearestRequest,
  ReferenceInfo,
  CustomTerritoryDetail,
  TerritoryCollection,
  TerritoryDetail,
  TerritoryDetailRequest,
  TerritoryFeature,
  TerritoryListRequest,
  TerritoryProperties,
} from '../../../contract/types';
export type {
  GapZoneCollection,
  GapZoneFeature,
  GapZoneProperties,
  GapZoneRequest,
} from '../../../contract/gap-zones';
export type { TerritoryForecast } from '../../../contract/forecast';
export type {
  AuditEntry,
  DecisionBody,
  ReviewList,
  ReviewPatchBody,
  ReviewStatus,
  ZoneComment,
  ZoneDecision,
  ZoneReview,
  ZoneReviewAnswer,
} from '../../../contract/gap-zone-review';
export type { SiteCardAnswer, SiteCardBody } from '../../../contract/site-card';
export type {
  SiteSelectionAnswer,
  SiteSelectionBody,
  SiteSelectionProgress,
  SiteSelectionStreamLine,
} from '../../../contract/site-selection';
export type { ScenarioAnswer, ScenarioBody } from '../../../contract/scenario';
export type {
  SavedScenario,
  SavedScenarioBody,
  SavedScenarioList,
  SavedScenarioUpdateBody,
} from '../../../contract/saved-scenarios';
export type { ChildminderCollection, ChildminderFeature } from '../../../contract/childminders';
