/**
 * Who may use which road, and how fast: the rules that turn a stored road edge into travel
 * costs for each travel mode. All speeds are in km/h.
 *
 * Car:
 * - the edge's own `speed_kmh` is used when it is a positive finite number (the demo loader and
 *   the OSM importer fill it, e.g. from `maxspeed`);
 * - otherwise the default for its class in `DEFAULT_CAR_SPEED_KMH`, and `FALLBACK_CAR_SPEED_KMH`
 *   for a class the table does not know;
 * - `oneway` edges are passable from `source` to `target` only;
 * - classes in `NOT_DRIVABLE_CLASSES` (footways, paths, steps, tracks…) are never driven,
 *   whatever speed they carry.
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

/**
 * Car speed (km/h) used when an edge has no usable `speed_kmh`. Free-flow averages rather than
 * legal limits: French roads are mostly limited to 80 km/h outside towns and 50 (often 30)
 * inside, and average speeds sit below the limits. The first five are the fictional demo's
 * classes (administrative between places, then roads to hamlets and streets); the others are
 * OpenStreetMap `highway` values.
 */
export const DEFAULT_CAR_SPEED_KMH: Readonly<Record<string, number>> = Object.freeze({
  nationale: 80,
  departementale: 70,
  communale: 40,
  locale: 40,
  rue: 30,
  motorway: 110,
  motorway_link: 60,
  trunk: 90,
  trunk_link: 50,
  primary: 80,
  primary_link: 50,
  secondary: 70,
  secondary_link: 45,
  tertiary: 60,
  tertiary_link: 40,
  unclassified: 50,
  road: 40,
  residential: 30,
  service: 20,
  living_street: 10,
});

/** Car speed (km/h) for a class missing from the table and an edge without a speed. */
export const FALLBACK_CAR_SPEED_KMH = 30;

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

/**
 * The car speed (km/h) of an edge, or 0 when cars may not use it. `table` replaces the default
 * per-class table (classes it lacks fall back to `FALLBACK_CAR_SPEED_KMH`).
 */
export function carSpeedKmh(
  roadClass: string,
  speedKmh: number | null | undefined,
  table: Readonly<Record<string, number>> = DEFAULT_CAR_SPEED_KMH,
): number {
  const cls = normaliseRoadClass(roadClass);
  if (NOT_DRIVABLE_CLASSES.has(cls) || NOT_A_ROAD_CLASSES.has(cls)) return 0;
  if (typeof speedKmh === 'number' && Number.isFinite(speedKmh) && speedKmh > 0) return speedKmh;
  const fromTable = table[cls];
  return typeof fromTable === 'number' && fromTable > 0 ? fromTable : FALLBACK_CAR_SPEED_KMH;
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
