/**
 * Gap zones ("zones sans offre", "zones sous-dotées"): connected groups of demand-grid cells
 * with no formal place within reach or too few, and their stable identity across
 * recomputations (pure; no I/O). See docs/gap-zones.md.
 */
export {
  DEFAULT_GAP_MINUTES,
  DEFAULT_MIN_ZONE_CHILDREN,
  DEFAULT_UNDERSERVED_SHARE,
  NEAREST_PLACES_LISTED,
  criterionKey,
  gapZones,
  meetsCriterion,
  placesMissing,
  type GapCell,
  type GapCriterion,
  type GapZoneDraft,
  type GapZoneOptions,
} from './zones';
export {
  KEEP_SHARE,
  identifyZones,
  zoneIdFromCells,
  type IdentifiedZone,
  type PreviousZone,
  type RetiredStatus,
  type RetiredZone,
} from './identity';
export {
  REVIEW_STATUSES,
  REVIEW_STATUS_LABEL,
  REVIEW_TEXT_MAX_CHARS,
  UNREVIEWED,
  predecessorsOf,
  reviewChange,
  type PersonRef,
  type Predecessor,
  type ReviewPatch,
  type ReviewState,
  type ReviewStatus,
  type ZoneLineage,
} from './review';
