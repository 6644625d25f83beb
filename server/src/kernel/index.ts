/**
 * What several features share, imported downward by each (a feature never imports another):
 * territory levels and filters, the years an answer may be about, the coverage parameters,
 * the coverage figures every loader refreshes, and the provenance records.
 */
export { COVERAGE_OPTIONS } from './coverage-options';
export { figureRow, refreshCoverage } from './coverage-figures/refresh';
export type { CoverageFigureRow } from './coverage-figures/repository';
export { setAmUnder3Share } from './coverage-figures/repository';
export { applySecrecyThreshold, fetchSecrecySetting } from './coverage-figures/secrecy';
export { PUBLIC_VIEWER, signedInViewer, type Viewer } from './viewer';
export {
  DEMO_KEY_PREFIX,
  datasetsAmong,
  demoWasRemoved,
  listDatasets,
  removeDatasetsByKeyPrefix,
  setRowCounts,
  upsertDataset,
  type Dataset,
  type NewDataset,
} from './datasets';
export {
  LEVEL_TABLE,
  departementNotLoaded,
  noTerritoryLoaded,
  type Level,
  type ReferenceKind,
} from './territories';
export { spreadsheetSafe } from './spreadsheet-safe';
export { fetchDepartementYears, fetchYears, fetchYearsByDepartement, resolveYear } from './years';
export {
  defaultIsFictional,
  departementIsFictional,
  departementsOfSide,
  pointIsFictional,
  resolveSideYear,
  territoryIsFictional,
  sideOf,
} from './fiction';
