/**
 * The routing core: travel times over the road network stored in PostGIS (`road_edge`),
 * computed in TypeScript because the embedded database has no pgRouting. Pure: no I/O,
 * no environment, no clock.
 *
 * Conventions, everywhere in this folder:
 * - positions are WGS84 (EPSG:4326) [longitude, latitude] in degrees, in and out;
 * - distances are metres (`_m`), by haversine on a 6,371,008.8 m sphere where reported;
 * - times are seconds (`_s`) inside, minutes where a name or field says so (`minutes`,
 *   `maxMinutes`); speeds are km/h (`Kmh`);
 * - nodes and edges are dense indices inside a `RoadGraph`; external ids (`road_edge.id`,
 *   node ids) are kept beside them (`edgeIds`, `nodeIds`, `nodeIndex`).
 *
 * Flow: `buildGraph(edges)` once per network → `snapToNetwork` a point (off-network rule in
 * snap.ts) → `Router.run` a bounded Dijkstra from its seeds → `isochrones` or
 * `travelTimeMatrix`. Access rules: speeds.ts; car speeds by class, setting and limit:
 * car-speeds.ts, with the setting from the road density where the data do not give it
 * (road-density.ts) and a delay at junctions (junctions.ts). For isochrones that reach much of a
 * large graph, a contraction hierarchy (`buildHierarchy`, once per network) swept as PHAST
 * (`HierarchySweep`) replaces the Dijkstra: hierarchy.ts.
 */
export { buildGraph, nodeIndexOf } from './graph';
export type { BuildGraphOptions, ModeCosts, RoadEdgeInput, RoadGraph } from './graph';
export { Router, arcTail, pathNodes } from './dijkstra';
export type { SearchOptions, Seed, ShortestPathTree } from './dijkstra';
export {
  arrivalSeeds,
  arrivalTime_s,
  departureSeeds,
  departureTime_s,
  COINCIDENT_M,
  coincident,
  offNetworkRule,
  sameEdgeTime_s,
  snapToNetwork,
} from './snap';
export type { LonLat, OffNetwork, OffNetworkOptions, SnapResult, SnappedPoint } from './snap';
export {
  IsochroneStopped,
  SWEEP_MIN_REACHED_SHARE,
  isochronePolygons,
  isochroneSearch,
  isochrones,
} from './isochrone';
export type {
  IsochroneBandProperties,
  IsochroneBands,
  IsochroneOptions,
  IsochroneResult,
  SearchChoice,
} from './isochrone';
export { HierarchySweep, buildHierarchy, hierarchySteps } from './hierarchy';
export type { Hierarchy, SweepOptions } from './hierarchy';
export { denseTravelTimes, travelTimeMatrix } from './matrix';
export type {
  DenseTravelTimes,
  MatrixPoint,
  TravelTimeMatrix,
  TravelTimeMatrixOptions,
  TravelTimeRow,
} from './matrix';
export { nearestTargets, timeToNearest } from './nearest';
export type { NearestOptions, NearestTargets, NearestTime } from './nearest';
export { travelTimeGrid, chooseCellSize_m } from './time-grid';
export type { TimeGrid, TimeGridOptions } from './time-grid';
export { regionAtOrBelow, regionsAtOrBelow } from './contour';
export {
  MAX_SNAP_DISTANCE_M,
  NOT_A_ROAD_CLASSES,
  NOT_DRIVABLE_CLASSES,
  NOT_WALKABLE_CLASSES,
  OFF_NETWORK_SPEED_KMH,
  TRAVEL_MODES,
  WALK_SPEED_KMH,
  isWalkable,
} from './speeds';
export type { TravelMode } from './speeds';
export {
  CAR_ROAD_KINDS,
  LIMIT_SHARE,
  ROAD_SETTINGS,
  UNKNOWN_ROAD_KIND,
  carRoadKind,
  carSpeedKmh,
  isDrivable,
} from './car-speeds';
export type { RoadRank, RoadSetting } from './car-speeds';
export { junctionDelay_s } from './junctions';
export { DENSITY_RADIUS_M, URBAN_DENSITY_KM_PER_KM2 } from './road-density';
export { haversine_m, localScale } from './geodesy';
