/**
 * The site card (where to open a MAM or a micro-crèche): what a point offers within 5 to 20
 * minutes by car and what a project there would add. Pure: no I/O, no environment, no clock.
 */
export {
  AGREEMENT_MAX_PLACES,
  DEFAULT_AGREEMENT_PLACES,
  MAM_MAX_AT_ONCE,
  MAM_MAX_CHILDMINDERS,
  MAM_MAX_CHILDREN_AT_ONCE,
  MICRO_CRECHE_MAX_PLACES,
  projectPlaces,
  type ProjectPlaces,
  type SiteProject,
} from './project';
export {
  NEWLY_WITHIN_MIN,
  SITE_CARD_BANDS_MIN,
  siteCard,
  type CardBand,
  type CardCell,
  type CardChildminders,
  type CardMode,
  type CardSupply,
  type CommuneAccessChange,
  type SiteCard,
  type SiteCardInput,
} from './site-card';
export {
  scenarioAccess,
  scenarioAccessDelta,
  siteColumns,
  type AddedSite,
  type SiteColumns,
} from './scenario';
export { snapPlaces, timesToPoint } from './reach';
export { STABLE_PCT, birthsTrend, type BirthsTrend } from './births';
