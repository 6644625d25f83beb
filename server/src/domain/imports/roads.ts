/**
 * OpenStreetMap ways → routable road edges. Pure: takes decoded nodes and ways.
 *
 * A way is cut into edges at every node it shares with another kept way (junctions) and at its
 * ends, so that edges meet at their `source`/`target` node ids (OSM node ids). Each edge keeps
 * the road's speed limit (`maxspeed` when readable, else the French limit assumed for its class
 * and setting, see `assumedLimitKmh`) and its setting when the tags say it (built-up area or
 * open country, see `settingFromTags`). Travel speeds are not decided here: the routing core
 * drives each class at its own speed and uses the limit as a cap (domain/routing/car-speeds.ts).
 */
import type { RoadSetting } from '../routing/car-speeds';
import { haversineM } from './coordinates';
import { ProblemLog, type ParseResult } from './report';

export interface OsmWay {
  id: number;
  refs: readonly number[];
  tags: Readonly<Record<string, string>>;
}

/** Node id → [lon, lat] (WGS84). */
export type NodeLookup = (id: number) => readonly [number, number] | undefined;

export interface RoadEdge {
  source: number;
  target: number;
  roadClass: string;
  /** The speed limit, km/h: posted (`maxspeed`) or assumed (`assumedLimitKmh`). */
  speedLimitKmh: number;
  /** Built-up area or open country when the tags say so, else null. */
  setting: RoadSetting | null;
  oneway: boolean;
  lengthM: number;
  osmId: number;
  coordinates: [number, number][];
}

/**
 * The speed limit assumed for each `highway` value kept when the way has no readable `maxspeed`
 * and no setting in its tags (km/h): French rules, the most permissive case (outside built-up
 * areas for roads, inside them for streets). Classes absent here are not roads for cars.
 */
export const DEFAULT_SPEED_KMH: Readonly<Record<string, number>> = {
  motorway: 130,
  motorway_link: 130,
  trunk: 110,
  trunk_link: 110,
  primary: 80,
  primary_link: 80,
  secondary: 80,
  secondary_link: 80,
  tertiary: 80,
  tertiary_link: 80,
  unclassified: 80,
  road: 80,
  residential: 50,
  service: 50,
  living_street: 20,
};

/** Limits of the French built-up area and open country (Code de la route, R413-2 and R413-3). */
const URBAN_LIMIT_KMH = 50;
const RURAL_LIMIT_KMH = 80;

/**
 * The limit assumed for a way without a readable `maxspeed`: motorways and expressways keep
 * theirs, living streets 20; other roads 50 in a built-up area and 80 in open country when the
 * setting is known, else the class default above.
 */
export function assumedLimitKmh(highway: string, setting: RoadSetting | null): number {
  const byClass = DEFAULT_SPEED_KMH[highway];
  if (/^(motorway|trunk)/.test(highway) || highway === 'living_street' || setting === null)
    return byClass;
  return setting === 'urban' ? URBAN_LIMIT_KMH : RURAL_LIMIT_KMH;
}

/**
 * The setting the tags give, first found in this order: `maxspeed`, `maxspeed:type`,
 * `source:maxspeed`, `zone:maxspeed`, `zone:traffic` with a value `XX:urban` or a zone
 * (`XX:zone30`, `XX:zone20`, `XX:walk`: built-up areas) or `XX:rural`; a living street is in a
 * built-up area. Null when nothing says it (the routing core then looks at the road density).
 */
export function settingFromTags(tags: Readonly<Record<string, string>>): RoadSetting | null {
  for (const key of [
    'maxspeed',
    'maxspeed:type',
    'source:maxspeed',
    'zone:maxspeed',
    'zone:traffic',
  ]) {
    const m = /^[a-z]{2}(?:-[a-z0-9]+)?:(urban|rural|zone\d+|walk|living_street)$/i.exec(
      (tags[key] ?? '').trim(),
    );
    if (m) return m[1].toLowerCase() === 'rural' ? 'rural' : 'urban';
  }
  return tags.highway === 'living_street' ? 'urban' : null;
}

/** French implicit limits written as `maxspeed=FR:…`. */
const IMPLICIT: Record<string, number> = {
  'FR:urban': 50,
  'FR:rural': 80,
  'FR:motorway': 130,
  'FR:zone30': 30,
  'FR:walk': 6,
};

/** `maxspeed` → km/h, or null when absent or unreadable ("signals", "none"). */
export function parseMaxspeed(raw: string | undefined): number | null {
  if (!raw) return null;
  const s = raw.trim();
  if (IMPLICIT[s] !== undefined) return IMPLICIT[s];
  if (s === 'walk') return 6;
  const m = /^(\d+(?:\.\d+)?)\s*(mph|km\/h|kmh)?$/.exec(s);
  if (!m) return null;
  const v = Number(m[1]) * (m[2] === 'mph' ? 1.609344 : 1);
  return v > 0 && v <= 150 ? v : null;
}

type Direction = 'both' | 'forward' | 'backward';

function direction(tags: Readonly<Record<string, string>>): Direction {
  const o = tags.oneway;
  if (o === '-1' || o === 'reverse') return 'backward';
  if (o === 'yes' || o === 'true' || o === '1') return 'forward';
  if (o === 'no' || o === 'false' || o === '0') return 'both';
  if (tags.highway === 'motorway' || tags.junction === 'roundabout' || tags.junction === 'circular')
    return 'forward';
  return 'both';
}

export interface RoadsResult extends ParseResult<RoadEdge> {
  /** Ways kept / ignored (not a road for cars, no access, area). */
  waysKept: number;
  waysIgnored: number;
}

export function buildRoadEdges(ways: readonly OsmWay[], node: NodeLookup): RoadsResult {
  const log = new ProblemLog();
  const kept = ways.filter(
    (w) =>
      DEFAULT_SPEED_KMH[w.tags.highway] !== undefined &&
      w.tags.area !== 'yes' &&
      !['no', 'private'].includes(w.tags.access ?? '') &&
      w.refs.length >= 2,
  );
  // Junctions: nodes used more than once (by two ways, or twice by one way: loops).
  const uses = new Map<number, number>();
  for (const w of kept) for (const r of w.refs) uses.set(r, (uses.get(r) ?? 0) + 1);
  const rows: RoadEdge[] = [];
  let missingWays = 0;
  for (const w of kept) {
    const dir = direction(w.tags);
    const maxspeed = parseMaxspeed(w.tags.maxspeed);
    if (w.tags.maxspeed && maxspeed === null)
      log.warning(
        w.id,
        'maxspeed',
        w.tags.maxspeed,
        `unreadable maxspeed: default for ${w.tags.highway} used`,
      );
    const setting = settingFromTags(w.tags);
    const limit = maxspeed ?? assumedLimitKmh(w.tags.highway, setting);
    let current: [number, number][] = [];
    let currentIds: number[] = [];
    let missing = false;
    const flush = () => {
      if (current.length >= 2) {
        let length = 0;
        for (let i = 1; i < current.length; i++) length += haversineM(current[i - 1], current[i]);
        const [a, b] = [currentIds[0], currentIds[currentIds.length - 1]];
        const coordinates = dir === 'backward' ? [...current].reverse() : current;
        rows.push({
          source: dir === 'backward' ? b : a,
          target: dir === 'backward' ? a : b,
          roadClass: w.tags.highway,
          speedLimitKmh: limit,
          setting,
          oneway: dir !== 'both',
          lengthM: length,
          osmId: w.id,
          coordinates,
        });
      }
      current = [];
      currentIds = [];
    };
    for (let i = 0; i < w.refs.length; i++) {
      const id = w.refs[i];
      const p = node(id);
      if (!p) {
        // Extracts cut ways at their border: keep the parts inside.
        missing = true;
        flush();
        continue;
      }
      const prev = current[current.length - 1];
      if (prev && prev[0] === p[0] && prev[1] === p[1]) continue; // repeated node: no zero-length segment
      current.push([p[0], p[1]]);
      currentIds.push(id);
      if (i > 0 && i < w.refs.length - 1 && (uses.get(id) ?? 0) > 1) {
        flush();
        current.push([p[0], p[1]]);
        currentIds.push(id);
      }
    }
    flush();
    if (missing) missingWays++;
  }
  if (missingWays > 0)
    log.warning(
      null,
      'nd',
      String(missingWays),
      `${missingWays} way(s) reference nodes absent from the extract (cut at its border): kept the parts inside`,
    );
  return {
    rows: rows.map((value) => ({ row: value.osmId, value })),
    log,
    rowsRead: ways.length,
    detected: {},
    waysKept: kept.length,
    waysIgnored: ways.length - kept.length,
  };
}
