import type { RoadEdgeInput, RoadSetting } from '../../domain/routing';

/**
 * The stored road edges in columns over SharedArrayBuffers: what the routing workers build their
 * graph from. Posting it to a worker shares the memory (no copy), so every task can carry the
 * network it is about and a worker rebuilds its graph only when the version changes.
 */
export interface PackedEdges {
  count: number;
  /** Road classes by index (a handful of strings). */
  classes: string[];
  ids: Float64Array;
  sources: Float64Array;
  targets: Float64Array;
  speedLimitKmh: Float64Array;
  length_m: Float64Array;
  oneway: Uint8Array;
  /** 0: unknown (null), 1: urban, 2: rural. */
  setting: Uint8Array;
  roadClass: Uint16Array;
  /** Edge i's positions are coords[2 × coordStart[i] .. 2 × coordStart[i + 1]) as lon, lat. */
  coordStart: Uint32Array;
  coords: Float64Array;
}

const SETTINGS: readonly (RoadSetting | null)[] = [null, 'urban', 'rural'];

function shared<T>(make: (buffer: SharedArrayBuffer) => T, bytes: number): T {
  return make(new SharedArrayBuffer(Math.max(8, bytes)));
}

export function packEdges(edges: readonly RoadEdgeInput[]): PackedEdges {
  const n = edges.length;
  const classes: string[] = [];
  const classIndex = new Map<string, number>();
  let positions = 0;
  for (const e of edges) positions += e.coordinates.length;
  const p: PackedEdges = {
    count: n,
    classes,
    ids: shared((b) => new Float64Array(b, 0, n), n * 8),
    sources: shared((b) => new Float64Array(b, 0, n), n * 8),
    targets: shared((b) => new Float64Array(b, 0, n), n * 8),
    speedLimitKmh: shared((b) => new Float64Array(b, 0, n), n * 8),
    length_m: shared((b) => new Float64Array(b, 0, n), n * 8),
    oneway: shared((b) => new Uint8Array(b, 0, n), n),
    setting: shared((b) => new Uint8Array(b, 0, n), n),
    roadClass: shared((b) => new Uint16Array(b, 0, n), n * 2),
    coordStart: shared((b) => new Uint32Array(b, 0, n + 1), (n + 1) * 4),
    coords: shared((b) => new Float64Array(b, 0, positions * 2), positions * 16),
  };
  let at = 0;
  edges.forEach((e, i) => {
    let c = classIndex.get(e.roadClass);
    if (c === undefined) {
      c = classes.length;
      classes.push(e.roadClass);
      classIndex.set(e.roadClass, c);
    }
    p.ids[i] = e.id;
    p.sources[i] = e.source;
    p.targets[i] = e.target;
    p.speedLimitKmh[i] = e.speedLimitKmh;
    p.length_m[i] = e.lengthM;
    p.oneway[i] = e.oneway ? 1 : 0;
    p.setting[i] = Math.max(0, SETTINGS.indexOf(e.setting ?? null));
    p.roadClass[i] = c;
    p.coordStart[i] = at;
    for (const [lon, lat] of e.coordinates) {
      p.coords[2 * at] = lon;
      p.coords[2 * at + 1] = lat;
      at++;
    }
  });
  p.coordStart[n] = at;
  return p;
}

/** The edges back, as `buildGraph` reads them (the same values as before packing). */
export function unpackEdges(p: PackedEdges): RoadEdgeInput[] {
  const edges: RoadEdgeInput[] = new Array(p.count);
  for (let i = 0; i < p.count; i++) {
    const coordinates: [number, number][] = [];
    for (let k = p.coordStart[i]; k < p.coordStart[i + 1]; k++)
      coordinates.push([p.coords[2 * k], p.coords[2 * k + 1]]);
    edges[i] = {
      id: p.ids[i],
      source: p.sources[i],
      target: p.targets[i],
      roadClass: p.classes[p.roadClass[i]],
      speedLimitKmh: p.speedLimitKmh[i],
      setting: SETTINGS[p.setting[i]],
      oneway: p.oneway[i] === 1,
      lengthM: p.length_m[i],
      coordinates,
    };
  }
  return edges;
}
