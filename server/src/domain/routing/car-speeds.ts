/**
 * How fast a car drives a road: a free-flow speed by road class and setting (built-up area or
 * open country), capped by the road's speed limit. A limit is never a travel speed by itself:
 * drivers average below it, and more so in towns. All speeds are km/h.
 *
 * Sources (cited in docs/travel-times.md):
 * - the class × setting table is Valhalla's: open country, the default speed of each road
 *   class (`lua/graph.lua`, `default_speed`); built-up areas, its urban speeds
 *   (`src/mjolnir/speed_assigner.h`, `urban_rc_speed`); ramps (`_link`) at 0.85 of their
 *   class's default speed (0.8 for motorway, trunk and primary ramps in built-up areas:
 *   `kRampFactor`, `kRampDensityFactor`);
 * - living streets: OSRM's car profile (`profiles/car.lua`, `speeds.highway.living_street`);
 * - the cap: OSRM's car profile drives a road with a `maxspeed` at 0.8 of it
 *   (`speed_reduction`); here that share of the limit is a ceiling on the table's speed.
 *
 * The demo's administrative classes are read as the OSM classes French roads of that kind
 * carry: nationale as primary, départementale as secondary, communale and the local roads to
 * hamlets and farms (locale) as unclassified, streets (rue) as residential.
 */
import { URBAN_DENSITY_KM_PER_KM2 } from './road-density';
import { NOT_A_ROAD_CLASSES, NOT_DRIVABLE_CLASSES, normaliseRoadClass } from './speeds';

/** Whether a road runs through a built-up area ('urban') or open country ('rural'). */
export type RoadSetting = 'urban' | 'rural';

export const ROAD_SETTINGS: readonly RoadSetting[] = ['urban', 'rural'];

/**
 * Importance of a road class for junctions, as Valhalla ranks them (0 motorway … 5 minor
 * roads: unclassified, residential, service and the like are one rank for the delay at
 * junctions, as in Valhalla's `GetStopImpact`).
 */
export type RoadRank = 0 | 1 | 2 | 3 | 4 | 5;

export const MINOR_RANK: RoadRank = 5;

interface RoadKind {
  rank: RoadRank;
  rural_kmh: number;
  urban_kmh: number;
}

const kind = (rank: RoadRank, rural_kmh: number, urban_kmh: number): RoadKind => ({
  rank,
  rural_kmh,
  urban_kmh,
});

/**
 * A ramp: Valhalla gives it 0.85 of its class's default (open-country) speed, 0.8 in a built-up
 * area for motorway, trunk and primary ramps; its urban speeds do not apply to ramps.
 */
const ramp = (of: RoadKind, urbanFactor: number): RoadKind =>
  kind(of.rank, Math.round(of.rural_kmh * 0.85), Math.round(of.rural_kmh * urbanFactor));

const MOTORWAY = kind(0, 105, 89);
const TRUNK = kind(1, 90, 73);
const PRIMARY = kind(2, 75, 57);
const SECONDARY = kind(3, 60, 49);
const TERTIARY = kind(4, 50, 40);
const UNCLASSIFIED = kind(5, 40, 35);
const RESIDENTIAL = kind(5, 35, 30);
/** Valhalla's "service/other" class: service roads and anything it cannot classify. */
const SERVICE_OTHER = kind(5, 25, 20);

/** Free-flow speeds and junction rank by road class (OSM `highway` values and the demo's). */
export const CAR_ROAD_KINDS: Readonly<Record<string, Readonly<RoadKind>>> = Object.freeze({
  motorway: MOTORWAY,
  motorway_link: ramp(MOTORWAY, 0.8),
  trunk: TRUNK,
  trunk_link: ramp(TRUNK, 0.8),
  primary: PRIMARY,
  primary_link: ramp(PRIMARY, 0.8),
  secondary: SECONDARY,
  secondary_link: ramp(SECONDARY, 0.85),
  tertiary: TERTIARY,
  tertiary_link: ramp(TERTIARY, 0.85),
  unclassified: UNCLASSIFIED,
  residential: RESIDENTIAL,
  living_street: kind(5, 10, 10),
  service: SERVICE_OTHER,
  road: SERVICE_OTHER,
  nationale: PRIMARY,
  departementale: SECONDARY,
  communale: UNCLASSIFIED,
  locale: UNCLASSIFIED,
  rue: RESIDENTIAL,
});

/** Speeds and rank of a class missing from the table: Valhalla's service/other. */
export const UNKNOWN_ROAD_KIND: Readonly<RoadKind> = Object.freeze(SERVICE_OTHER);

/** Share of a speed limit a car averages at most (OSRM's `speed_reduction`). */
export const LIMIT_SHARE = 0.8;

/** The table's entry for a class (trimmed, case-insensitive), or the unknown class's. */
export function carRoadKind(roadClass: string): Readonly<RoadKind> {
  return CAR_ROAD_KINDS[normaliseRoadClass(roadClass)] ?? UNKNOWN_ROAD_KIND;
}

/** Whether cars may use a road of this class at all. */
export function isDrivable(roadClass: string): boolean {
  const cls = normaliseRoadClass(roadClass);
  return !NOT_DRIVABLE_CLASSES.has(cls) && !NOT_A_ROAD_CLASSES.has(cls);
}

/**
 * The car speed (km/h) on a road: its class's free-flow speed in its setting, at most
 * `LIMIT_SHARE` of its speed limit; 0 when cars may not use it. A limit that is missing, zero,
 * negative or not finite caps nothing.
 */
export function carSpeedKmh(
  roadClass: string,
  setting: RoadSetting,
  speedLimitKmh: number | null | undefined,
): number {
  if (!isDrivable(roadClass)) return 0;
  const entry = carRoadKind(roadClass);
  const freeFlow = setting === 'urban' ? entry.urban_kmh : entry.rural_kmh;
  const hasLimit =
    typeof speedLimitKmh === 'number' && Number.isFinite(speedLimitKmh) && speedLimitKmh > 0;
  return hasLimit ? Math.min(freeFlow, LIMIT_SHARE * speedLimitKmh) : freeFlow;
}

/**
 * In France 50 km/h is the limit of built-up areas (Code de la route, R413-3) and open country
 * starts at 80 (R413-2): a road limited to 50 or less is taken as in a built-up area.
 */
export const BUILT_UP_LIMIT_KMH = 50;

/**
 * Where a road runs, in this order: the setting stored with it (OpenStreetMap tags, the demo);
 * a built-up area when its limit is `BUILT_UP_LIMIT_KMH` or less; else the road density around
 * it (road-density.ts, Valhalla's threshold).
 */
export function roadSetting(
  stored: RoadSetting | null | undefined,
  speedLimitKmh: number | null | undefined,
  density_km_per_km2: number,
): RoadSetting {
  if (stored === 'urban' || stored === 'rural') return stored;
  if (typeof speedLimitKmh === 'number' && speedLimitKmh > 0 && speedLimitKmh <= BUILT_UP_LIMIT_KMH)
    return 'urban';
  return density_km_per_km2 >= URBAN_DENSITY_KM_PER_KM2 ? 'urban' : 'rural';
}
