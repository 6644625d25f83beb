/**
 * Who may use which road, and how fast on foot: the access rules shared by every travel mode.
 * All speeds are in km/h.
 *
 * Car (speeds: car-speeds.ts; delays at junctions: junctions.ts):
 * - `oneway` edges are passable from `source` to `target` only;
 * - classes in `NOT_DRIVABLE_CLASSES` (footways, paths, steps, tracks…) and
 *   `NOT_A_ROAD_CLASSES` are never driven, whatever limit they carry.
 *
 * Walk: `WALK_SPEED_KMH` on every walkable edge, in both directions whatever `oneway` says;
 * motorways and trunks (`NOT_WALKABLE_CLASSES`) are not walkable.
 *
 * Off the network (from an address to the nearest road, see snap.ts): a straight leg at
 * `OFF_NETWORK_SPEED_KMH[mode]`, at most `MAX_SNAP_DISTANCE_M` long.
 */

/** The ways of travelling the routing core knows. */
export type TravelMode = 'car' | 'walk';

export const TRAVEL_MODES: readonly TravelMode[] = ['car', 'walk'];

/** Walking speed (km/h), on the network, in both directions. */
export const WALK_SPEED_KMH = 5;

/** Classes never driven: paths for people, bikes or horses, and farm or forest tracks. */
export const NOT_DRIVABLE_CLASSES: ReadonlySet<string> = new Set([
  'footway',
  'path',
  'pedestrian',
  'steps',
  'cycleway',
  'bridleway',
  'track',
  'corridor',
  'elevator',
  'platform',
]);

/** Classes people may not walk along. */
export const NOT_WALKABLE_CLASSES: ReadonlySet<string> = new Set([
  'motorway',
  'motorway_link',
  'trunk',
  'trunk_link',
]);

/** OSM values that are not roads anyone can use today (planned, being built, closed). */
export const NOT_A_ROAD_CLASSES: ReadonlySet<string> = new Set([
  'proposed',
  'construction',
  'abandoned',
  'disused',
  'razed',
  'raceway',
  'bus_guideway',
  'busway',
]);

/**
 * Speed of the straight off-network leg between a point and the road it snaps to (km/h).
 * Walk: walking speed. Car: 20 km/h stands for the slow, unmapped part of a trip (a drive, a
 * car park, a lane missing from the data) measured crow-fly, so it is slower than any road.
 */
export const OFF_NETWORK_SPEED_KMH: Readonly<Record<TravelMode, number>> = Object.freeze({
  car: 20,
  walk: 5,
});

/** Beyond this straight distance (metres) from any usable road a point is off the network. */
export const MAX_SNAP_DISTANCE_M = 2_000;

/** A road class as the tables spell it: trimmed and lower-case. */
export function normaliseRoadClass(roadClass: string): string {
  return roadClass.trim().toLowerCase();
}

/** Whether people may walk along an edge of this class. */
export function isWalkable(roadClass: string): boolean {
  const cls = normaliseRoadClass(roadClass);
  return !NOT_WALKABLE_CLASSES.has(cls) && !NOT_A_ROAD_CLASSES.has(cls);
}

/** Metres per second from km/h. */
export function metresPerSecond(speedKmh: number): number {
  return speedKmh / 3.6;
}
