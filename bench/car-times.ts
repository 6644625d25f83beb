/**
 * Car times with the current rules against the previous ones and against OSRM's car profile,
 * on the real OpenStreetMap extract of Monaco and on the fictional demo:
 *
 * - a few trips between named places of the Monaco extract: the time by the current rules, by
 *   the previous ones (each on its own fastest path), and by OSRM's car profile worked out from
 *   its documented rules (profiles/car.lua and lib/way_handlers.lua: class speeds, 0.8 of a
 *   tagged maxspeed, surface caps, the turn duration at junctions) along the path the current
 *   rules choose;
 * - the area of car isochrones from the same places (Monaco) and from demo villages, by the
 *   previous and the current rules.
 *
 *   npm run bench:car-times [-- path/to/monaco.osm.pbf]
 *
 * The previous rules, written out here to measure against: the stored speed (the posted
 * maxspeed, else the importer's default for the class) driven as is, no delay at junctions.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { area } from '@turf/turf';
import { buildRoadEdges, parseMaxspeed, type OsmWay } from '../server/src/domain/imports/roads';
import { generateTerritory } from '../server/src/domain/demo';
import {
  Router,
  buildGraph,
  carSpeedKmh,
  isochrones,
  type RoadEdgeInput,
  type RoadGraph,
} from '../server/src/domain/routing';
import { readOsmPbf } from '../server/src/features/imports/osm-pbf';

const MONACO =
  process.argv[2] ?? path.resolve(import.meta.dirname, '../../shared/real-data/osm/monaco.osm.pbf');

/** The previous importer's speed per class when a way had no readable maxspeed (km/h). */
const PREVIOUS_DEFAULT_KMH: Record<string, number> = {
  motorway: 130,
  motorway_link: 70,
  trunk: 110,
  trunk_link: 60,
  primary: 80,
  primary_link: 50,
  secondary: 80,
  secondary_link: 50,
  tertiary: 70,
  tertiary_link: 40,
  unclassified: 50,
  residential: 30,
  living_street: 20,
  service: 20,
  road: 40,
};

/** OSRM car.lua `speeds.highway` (km/h) and its `default_speed`. */
const OSRM_SPEED_KMH: Record<string, number> = {
  motorway: 90,
  motorway_link: 45,
  trunk: 85,
  trunk_link: 40,
  primary: 65,
  primary_link: 30,
  secondary: 55,
  secondary_link: 25,
  tertiary: 40,
  tertiary_link: 20,
  unclassified: 25,
  residential: 25,
  living_street: 10,
  service: 15,
};
const OSRM_DEFAULT_SPEED_KMH = 10;
/** OSRM car.lua `surface_speeds` (a cap), for the surfaces that have one. */
const OSRM_SURFACE_KMH: Record<string, number> = {
  cement: 80,
  compacted: 80,
  fine_gravel: 80,
  paving_stones: 60,
  metal: 60,
  bricks: 60,
  grass: 40,
  wood: 40,
  sett: 40,
  grass_paver: 40,
  gravel: 40,
  unpaved: 40,
  ground: 40,
  dirt: 40,
  pebblestone: 40,
  tartan: 40,
  cobblestone: 30,
  clay: 30,
  earth: 20,
  stone: 20,
  rocky: 20,
  sand: 20,
  mud: 10,
};

/** OSRM's speed for a way (km/h): class speed, surface cap, then 0.8 × a tagged maxspeed. */
function osrmSpeedKmh(tags: Readonly<Record<string, string>>): number {
  let speed = OSRM_SPEED_KMH[tags.highway] ?? OSRM_DEFAULT_SPEED_KMH;
  const surface = OSRM_SURFACE_KMH[tags.surface ?? ''];
  if (surface) speed = Math.min(speed, surface);
  for (const key of ['maxspeed:advisory', 'maxspeed', 'source:maxspeed', 'maxspeed:type']) {
    const raw = tags[key];
    if (!raw) continue;
    // way_handlers.lua parse_maxspeed: a number, else maxspeed_table (fr:rural 80), else the
    // default of its type (urban 50, rural 90, trunk 110, motorway 130), else nothing.
    const lower = raw.toLowerCase();
    const number = /^\d/.test(raw) ? parseMaxspeed(raw) : null;
    const type = /^[a-z]{2}:([a-z]+)/.exec(lower)?.[1];
    const value =
      number ??
      (lower === 'fr:rural'
        ? 80
        : (({ urban: 50, rural: 90, trunk: 110, motorway: 130 } as Record<string, number>)[
            type ?? ''
          ] ?? 0));
    if (value > 0) speed = 0.8 * value;
    break;
  }
  return speed;
}

/** OSRM car.lua process_turn: the duration of a turn of `angle` degrees (+ right, − left). */
function osrmTurn_s(angle: number): number {
  const penalty = 7.5;
  const bias = 1.075;
  return angle >= 0
    ? penalty / (1 + Math.exp(-((13 / bias) * (angle / 180) - 6.5 * bias)))
    : penalty / (1 + Math.exp(-(13 * bias * (-angle / 180) - 6.5 / bias)));
}

/** A copy of `graph` whose car costs are `cost_s(e)` per dense edge, both ways where allowed. */
function withCarCosts(graph: RoadGraph, cost_s: (e: number) => number): RoadGraph {
  const edgeForward_s = new Float32Array(graph.edgeCount);
  const edgeBackward_s = new Float32Array(graph.edgeCount);
  for (let e = 0; e < graph.edgeCount; e++) {
    const usable = graph.costs.car.edgeForward_s[e] < Infinity;
    edgeForward_s[e] = usable ? cost_s(e) : Infinity;
    edgeBackward_s[e] = graph.costs.car.edgeBackward_s[e] < Infinity ? cost_s(e) : Infinity;
  }
  const arc_s = new Float32Array(graph.arcCount);
  const arcReverse_s = new Float32Array(graph.arcCount);
  for (let a = 0; a < graph.arcCount; a++) {
    const e = graph.arcEdge[a];
    const forward = graph.arcHead[a] === graph.edgeTarget[e];
    arc_s[a] = forward ? edgeForward_s[e] : edgeBackward_s[e];
    arcReverse_s[a] = forward ? edgeBackward_s[e] : edgeForward_s[e];
  }
  return {
    ...graph,
    costs: { ...graph.costs, car: { arc_s, arcReverse_s, edgeForward_s, edgeBackward_s } },
  };
}

/**
 * The node nearest to a place among those of the main network (reachable from and to the
 * network's first well-connected node both ways), so that no trip starts in a car park cut off
 * by one-way rules.
 */
function nearestNode(graph: RoadGraph, main: Uint8Array, lon: number, lat: number): number {
  let best = -1;
  let bestD = Infinity;
  const k = Math.cos((lat * Math.PI) / 180);
  for (let n = 0; n < graph.nodeCount; n++) {
    if (!main[n]) continue;
    const d = ((graph.nodeLon[n] - lon) * k) ** 2 + (graph.nodeLat[n] - lat) ** 2;
    if (d < bestD) [best, bestD] = [n, d];
  }
  return best;
}

/** Nodes reachable by car from `root` and from which `root` is reachable. */
function mainNetwork(graph: RoadGraph, root: number): Uint8Array {
  const router = new Router(graph);
  const seeds = [{ node: root, cost_s: 0 }];
  const out = Float64Array.from(
    router.run(seeds, { mode: 'car', maxSeconds: Infinity, trace: false }).times_s,
  );
  const back = router.run(seeds, {
    mode: 'car',
    maxSeconds: Infinity,
    trace: false,
    direction: 'reverse',
  }).times_s;
  return Uint8Array.from(out, (t, n) => (t < Infinity && back[n] < Infinity ? 1 : 0));
}

function bearing(graph: RoadGraph, e: number, fromNode: number, atStart: boolean): number {
  // The segment of edge e next to `fromNode`'s end, oriented away from (atStart) or towards it.
  const first = graph.vertexOffsets[e];
  const last = graph.vertexOffsets[e + 1] - 1;
  const v = graph.vertices;
  const fromSource = graph.edgeSource[e] === fromNode;
  const [i, j] = fromSource ? [first, first + 1] : [last, last - 1]; // i at the node
  let [x0, y0, x1, y1] = [v[2 * i], v[2 * i + 1], v[2 * j], v[2 * j + 1]];
  if (!atStart) [x0, y0, x1, y1] = [x1, y1, x0, y0];
  const dx = (x1 - x0) * Math.cos((y0 * Math.PI) / 180);
  return (Math.atan2(dx, y1 - y0) * 180) / Math.PI;
}

interface Trip {
  name: string;
  from: [number, number];
  to: [number, number];
}

const PLACES: Record<string, [number, number]> = {
  'Monaco-Ville, palais': [7.42, 43.731],
  'Monte-Carlo, casino': [7.4279, 43.7393],
  'Fontvieille, stade Louis-II': [7.4155, 43.7275],
  'Larvotto, plage': [7.437, 43.746],
  'Cap-d’Ail, gare': [7.405, 43.722],
  'Beausoleil, mairie': [7.4245, 43.7432],
  'La Turbie': [7.4, 43.745],
  'La Condamine, port': [7.423, 43.7355],
  'Roquebrune-Cap-Martin': [7.459, 43.759],
};

const TRIPS: Trip[] = [
  ['Monaco-Ville, palais', 'Monte-Carlo, casino'],
  ['Fontvieille, stade Louis-II', 'Larvotto, plage'],
  ['Cap-d’Ail, gare', 'Beausoleil, mairie'],
  ['La Turbie', 'La Condamine, port'],
  ['Roquebrune-Cap-Martin', 'Monte-Carlo, casino'],
].map(([a, b]) => ({ name: `${a} → ${b}`, from: PLACES[a], to: PLACES[b] }));

const minutes = (s: number) => (s / 60).toFixed(1);

function monaco() {
  if (!fs.existsSync(MONACO)) {
    console.log(`Monaco: ${MONACO} not found (a real file of ../shared/real-data): skipped`);
    return;
  }
  const osm = readOsmPbf(new Uint8Array(fs.readFileSync(MONACO)), (t) => t.highway !== undefined);
  const tagsOf = new Map<number, OsmWay['tags']>(osm.ways.map((w) => [w.id, w.tags]));
  const built = buildRoadEdges(osm.ways, (id) => osm.nodes.get(id));
  const edges: RoadEdgeInput[] = built.rows.map((r, i) => ({ id: i + 1, ...r.value }));
  const wayOf = new Map(edges.map((e, i) => [e.id, built.rows[i].value.osmId]));
  const edgeById = new Map(edges.map((e) => [e.id, e]));
  const after = buildGraph(edges);
  const tags = (e: number) => tagsOf.get(wayOf.get(after.edgeIds[e])!)!;
  const before = withCarCosts(after, (e) => {
    const t = tags(e);
    const speed = parseMaxspeed(t.maxspeed) ?? PREVIOUS_DEFAULT_KMH[t.highway];
    return after.edgeLength_m[e] / (speed / 3.6);
  });
  let urban_km = 0;
  let total_km = 0;
  for (let e = 0; e < after.edgeCount; e++) {
    total_km += after.edgeLength_m[e] / 1000;
    if (after.edgeUrban[e]) urban_km += after.edgeLength_m[e] / 1000;
  }
  console.log(
    `Monaco: ${after.edgeCount} edges, ${total_km.toFixed(0)} km, ${urban_km.toFixed(0)} km driven as built-up`,
  );
  console.log(
    '\n| trip | km | previous rules | current rules | OSRM car profile, same path | of which OSRM turns | our junction delays |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  let root = 0;
  let main = mainNetwork(after, root);
  while (main.reduce((a, b) => a + b, 0) < after.nodeCount / 2) main = mainNetwork(after, ++root);
  const details: string[] = [];
  for (const trip of TRIPS) {
    const from = nearestNode(after, main, ...trip.from);
    const to = nearestNode(after, main, ...trip.to);
    const seeds = [{ node: from, cost_s: 0 }];
    const tree = new Router(after).run(seeds, { mode: 'car', maxSeconds: Infinity, trace: true });
    const old = new Router(before).run(seeds, { mode: 'car', maxSeconds: Infinity, trace: false });
    // The path's edges and their direction, from the destination back.
    const path: { e: number; forward: boolean }[] = [];
    for (let v = to; v !== from;) {
      const a = tree.predecessorArc![v];
      const e = after.arcEdge[a];
      const forward = after.edgeTarget[e] === v;
      path.unshift({ e, forward });
      v = forward ? after.edgeSource[e] : after.edgeTarget[e];
    }
    let length_m = 0;
    let osrm_s = 0;
    let turns_s = 0;
    let delays_s = 0;
    const parts = new Map<string, number>();
    path.forEach(({ e, forward }, k) => {
      length_m += after.edgeLength_m[e];
      const osrmKmh = osrmSpeedKmh(tags(e));
      osrm_s += after.edgeLength_m[e] / (osrmKmh / 3.6);
      // Our delay on reaching the node: the edge's cost less its travel at our speed.
      const input = edgeById.get(after.edgeIds[e])!;
      const speed = carSpeedKmh(
        input.roadClass,
        after.edgeUrban[e] ? 'urban' : 'rural',
        input.speedLimitKmh,
      );
      const cost = forward ? after.costs.car.edgeForward_s[e] : after.costs.car.edgeBackward_s[e];
      delays_s += cost - after.edgeLength_m[e] / (speed / 3.6);
      const part = `${input.roadClass}${after.edgeUrban[e] ? ' (built-up)' : ''}, ours ${speed.toFixed(0)}, OSRM ${osrmKmh.toFixed(0)} km/h`;
      parts.set(part, (parts.get(part) ?? 0) + after.edgeLength_m[e]);
      if (k + 1 === path.length) return;
      const node = forward ? after.edgeTarget[e] : after.edgeSource[e];
      let degree = 0;
      for (let a = after.arcOffsets[node]; a < after.arcOffsets[node + 1]; a++)
        if (after.costs.car.arc_s[a] < Infinity || after.costs.car.arcReverse_s[a] < Infinity)
          degree++;
      if (degree > 2) {
        let angle = bearing(after, path[k + 1].e, node, true) - bearing(after, e, node, false);
        while (angle > 180) angle -= 360;
        while (angle <= -180) angle += 360;
        turns_s += osrmTurn_s(angle);
      }
    });
    osrm_s += turns_s;
    details.push(
      `${trip.name}: ` +
        [...parts]
          .sort((a, b) => b[1] - a[1])
          .map(([part, m]) => `${(m / 1000).toFixed(2)} km ${part}`)
          .join('; '),
    );
    console.log(
      `| ${trip.name} | ${(length_m / 1000).toFixed(1)} | ${minutes(old.times_s[to])} min | ${minutes(tree.times_s[to])} min | ${minutes(osrm_s)} min | ${turns_s.toFixed(0)} s | ${delays_s.toFixed(0)} s |`,
    );
  }
  console.log('\nWhat each path is made of (km, class, speed by the current rules and by OSRM):');
  for (const line of details) console.log(`- ${line}`);
  areas('Monaco', before, after, Object.values(PLACES), [5, 10, 15]);
}

function areas(
  name: string,
  before: RoadGraph,
  after: RoadGraph,
  origins: [number, number][],
  bands: number[],
) {
  const sum_km2 = (graph: RoadGraph) => {
    const totals = bands.map(() => 0);
    for (const [lon, lat] of origins) {
      const result = isochrones(graph, { lon, lat }, bands, 'car');
      if (!result.reachable) continue;
      result.bands.features.forEach((band, k) => (totals[k] += area(band) / 1e6));
    }
    return totals;
  };
  const b = sum_km2(before);
  const a = sum_km2(after);
  console.log(`\n${name}: car isochrones from ${origins.length} places, mean area (km²)`);
  console.log('| band | previous rules | current rules | ratio |');
  console.log('| ---: | ---: | ---: | ---: |');
  bands.forEach((m, k) =>
    console.log(
      `| ${m} min | ${(b[k] / origins.length).toFixed(1)} | ${(a[k] / origins.length).toFixed(1)} | ${(a[k] / b[k]).toFixed(2)} |`,
    ),
  );
}

function demo() {
  const territory = generateTerritory({ seed: 42 });
  const edges: RoadEdgeInput[] = territory.roads.map(({ speedKmh, ...r }) => ({
    ...r,
    speedLimitKmh: speedKmh,
    coordinates: r.coordinates as [number, number][],
  }));
  const after = buildGraph(edges);
  const stored = new Map(edges.map((e) => [e.id, e.speedLimitKmh]));
  const before = withCarCosts(
    after,
    (e) => after.edgeLength_m[e] / (stored.get(after.edgeIds[e])! / 3.6),
  );
  // Ten villages drawn with a fixed seed.
  const origins: [number, number][] = [];
  for (let k = 0; k < 10; k++) {
    const n = Math.floor((((k * 7919 + 13) % 997) / 997) * after.nodeCount);
    origins.push([after.nodeLon[n], after.nodeLat[n]]);
  }
  areas('Demo (seed 42)', before, after, origins, [10, 20, 30]);
}

console.log(
  `car times, ${new Date().toISOString().slice(0, 10)}; load: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}\n`,
);
monaco();
demo();
