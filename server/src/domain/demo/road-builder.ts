/**
 * A planar road network under construction, in a département's local frame (km): vertices,
 * and ways (polylines through vertices) of a class and a speed. A vertex where ways meet (a
 * way's end, or a vertex two ways share) becomes a junction node; `edges()` cuts every way at
 * its junctions into the edges the routing graph stores.
 *
 * Ways are joined only where they share a vertex: `nearestVertex` finds where a new road can
 * join the network, and `planarize` makes a junction wherever two roads cross.
 */
import { polylineLengthM, type LocalFrame } from './frame';
import type { RoadClass } from './types';
import type { RoadDraft } from './roads';

export interface Way {
  vertices: number[];
  roadClass: RoadClass;
  speedKmh: number;
}

/** Side of the buckets of the vertex index, km. */
const BUCKET_KM = 0.5;
/** A crossing this close to a vertex (km) is made at that vertex: no edge of a few centimetres. */
const SNAP_KM = 0.001;

export class RoadBuilder {
  readonly x: number[] = [];
  readonly y: number[] = [];
  readonly ways: Way[] = [];
  private readonly buckets = new Map<number, number[]>();

  /** A new vertex at (`x`, `y`) km; its id is its rank of creation. */
  vertex(x: number, y: number): number {
    const id = this.x.length;
    this.x.push(x);
    this.y.push(y);
    const key = bucketKey(Math.floor(x / BUCKET_KM), Math.floor(y / BUCKET_KM));
    const list = this.buckets.get(key);
    if (list) list.push(id);
    else this.buckets.set(key, [id]);
    return id;
  }

  /** Adds a way through `vertices` (at least two); returns its index. */
  way(vertices: number[], roadClass: RoadClass, speedKmh: number): number {
    if (vertices.length < 2) throw new RangeError('RoadBuilder.way: a way needs two vertices');
    this.ways.push({ vertices, roadClass, speedKmh });
    return this.ways.length - 1;
  }

  /**
   * The vertex nearest to (`x`, `y`) within `maxKm` that `accept` takes (any when omitted), or
   * -1. Ties go to the lower id, so the answer never depends on the buckets' order.
   */
  nearestVertex(x: number, y: number, maxKm: number, accept?: (v: number) => boolean): number {
    const cx = Math.floor(x / BUCKET_KM);
    const cy = Math.floor(y / BUCKET_KM);
    const reach = Math.ceil(maxKm / BUCKET_KM);
    let best = -1;
    let bestD = maxKm * maxKm;
    const visit = (i: number, j: number) => {
      const list = this.buckets.get(bucketKey(i, j));
      if (!list) return;
      for (const v of list) {
        const d = (this.x[v] - x) ** 2 + (this.y[v] - y) ** 2;
        if ((d < bestD || (d === bestD && v < best)) && (!accept || accept(v))) {
          best = v;
          bestD = d;
        }
      }
    };
    for (let ring = 0; ring <= reach; ring++) {
      // Every vertex in ring r is at least (r - 1) buckets away.
      if (best >= 0 && ((ring - 1) * BUCKET_KM) ** 2 > bestD) break;
      if (ring === 0) {
        visit(cx, cy);
        continue;
      }
      for (let i = cx - ring; i <= cx + ring; i++) {
        visit(i, cy - ring);
        visit(i, cy + ring);
      }
      for (let j = cy - ring + 1; j < cy + ring; j++) {
        visit(cx - ring, j);
        visit(cx + ring, j);
      }
    }
    return best;
  }

  /** Whether some vertex lies within `maxKm` of (`x`, `y`). */
  hasVertexWithin(x: number, y: number, maxKm: number): boolean {
    const reach = Math.ceil(maxKm / BUCKET_KM);
    const cx = Math.floor(x / BUCKET_KM);
    const cy = Math.floor(y / BUCKET_KM);
    const max2 = maxKm * maxKm;
    for (let i = cx - reach; i <= cx + reach; i++) {
      for (let j = cy - reach; j <= cy + reach; j++) {
        for (const v of this.buckets.get(bucketKey(i, j)) ?? []) {
          if ((this.x[v] - x) ** 2 + (this.y[v] - y) ** 2 <= max2) return true;
        }
      }
    }
    return false;
  }

  /**
   * A junction wherever two ways cross: a vertex inserted into both at the crossing point
   * (into the other way only, at that vertex, when the crossing is within a metre of one's
   * vertex), so that roads meet only at nodes, as on a map where every crossing is a
   * crossroads. Returns the number of junctions made. Segments sharing a vertex do not cross.
   */
  planarize(): number {
    // Every segment once, in flat arrays: its way, its rank in the way, its two vertices.
    let total = 0;
    for (const w of this.ways) total += w.vertices.length - 1;
    const segWay = new Int32Array(total);
    const segIndex = new Int32Array(total);
    const segA = new Int32Array(total);
    const segB = new Int32Array(total);
    const cells = new Map<number, number[]>();
    let k = 0;
    this.ways.forEach((w, way) => {
      const v = w.vertices;
      for (let index = 0; index + 1 < v.length; index++, k++) {
        const [a, b] = [v[index], v[index + 1]];
        segWay[k] = way;
        segIndex[k] = index;
        segA[k] = a;
        segB[k] = b;
        const i0 = Math.floor(Math.min(this.x[a], this.x[b]) / BUCKET_KM);
        const i1 = Math.floor(Math.max(this.x[a], this.x[b]) / BUCKET_KM);
        const j0 = Math.floor(Math.min(this.y[a], this.y[b]) / BUCKET_KM);
        const j1 = Math.floor(Math.max(this.y[a], this.y[b]) / BUCKET_KM);
        for (let i = i0; i <= i1; i++) {
          for (let j = j0; j <= j1; j++) {
            const key = bucketKey(i, j);
            const list = cells.get(key);
            if (list) list.push(k);
            else cells.set(key, [k]);
          }
        }
      }
    });
    const inserts = new Map<number, { segment: number; t: number; vertex: number }[]>();
    const add = (way: number, segment: number, t: number, vertex: number) => {
      const list = inserts.get(way);
      if (list) list.push({ segment, t, vertex });
      else inserts.set(way, [{ segment, t, vertex }]);
    };
    const done = new Set<number>();
    let count = 0;
    for (const list of cells.values()) {
      for (let p = 0; p < list.length; p++) {
        const s1 = list[p];
        const [a, b] = [segA[s1], segB[s1]];
        for (let q = p + 1; q < list.length; q++) {
          const s2 = list[q];
          if (segWay[s1] === segWay[s2]) continue;
          const [c, d] = [segA[s2], segB[s2]];
          if (a === c || a === d || b === c || b === d) continue;
          const hit = this.crossing(a, b, c, d);
          if (!hit) continue;
          // A pair spanning several buckets is met in each of them: keep it once.
          const key = s1 < s2 ? s1 * total + s2 : s2 * total + s1;
          if (done.has(key)) continue;
          done.add(key);
          const lengthAb = Math.hypot(this.x[b] - this.x[a], this.y[b] - this.y[a]);
          const lengthCd = Math.hypot(this.x[d] - this.x[c], this.y[d] - this.y[c]);
          const near = (t: number, length: number) =>
            t * length < SNAP_KM ? 0 : (1 - t) * length < SNAP_KM ? 1 : -1;
          const endAb = near(hit.t, lengthAb);
          const endCd = near(hit.u, lengthCd);
          if (endAb >= 0) {
            add(segWay[s2], segIndex[s2], hit.u, endAb === 0 ? a : b);
          } else if (endCd >= 0) {
            add(segWay[s1], segIndex[s1], hit.t, endCd === 0 ? c : d);
          } else {
            const v = this.vertex(
              this.x[a] + hit.t * (this.x[b] - this.x[a]),
              this.y[a] + hit.t * (this.y[b] - this.y[a]),
            );
            add(segWay[s1], segIndex[s1], hit.t, v);
            add(segWay[s2], segIndex[s2], hit.u, v);
          }
          count++;
        }
      }
    }
    for (const [way, list] of inserts) {
      list.sort((p, q) => p.segment - q.segment || p.t - q.t);
      const old = this.ways[way].vertices;
      const next: number[] = [];
      let j = 0;
      for (let i = 0; i < old.length; i++) {
        next.push(old[i]);
        while (j < list.length && list[j].segment === i) {
          const v = list[j++].vertex;
          if (next[next.length - 1] !== v) next.push(v);
        }
      }
      this.ways[way].vertices = next;
    }
    return count;
  }

  /** Parameters (t on a-b, u on c-d) of a crossing of the two segments, or null. */
  private crossing(a: number, b: number, c: number, d: number): { t: number; u: number } | null {
    const rx = this.x[b] - this.x[a];
    const ry = this.y[b] - this.y[a];
    const sx = this.x[d] - this.x[c];
    const sy = this.y[d] - this.y[c];
    const den = rx * sy - ry * sx;
    if (den === 0) return null;
    const qx = this.x[c] - this.x[a];
    const qy = this.y[c] - this.y[a];
    const t = (qx * sy - qy * sx) / den;
    const u = (qx * ry - qy * rx) / den;
    return t > 0 && t < 1 && u > 0 && u < 1 ? { t, u } : null;
  }

  /**
   * Every way cut at its junctions, as road edges in WGS84. Node ids: `firstNodeId + v` for
   * the first `keepIds` vertices (the chefs-lieux keep the ids they always had), then the
   * other junctions in order of creation. Returns the edges and how many ids were used.
   */
  edges(
    frame: LocalFrame,
    firstNodeId: number,
    keepIds: number,
    speedOf: (way: Way, from: number, to: number) => number = (w) => w.speedKmh,
  ): { roads: RoadDraft[]; nodeCount: number } {
    const uses = new Uint8Array(this.x.length);
    for (const w of this.ways) {
      const v = w.vertices;
      for (let i = 0; i < v.length; i++) {
        const end = i === 0 || i === v.length - 1;
        uses[v[i]] = Math.min(2, uses[v[i]] + (end ? 2 : 1));
      }
    }
    const nodeId = new Float64Array(this.x.length).fill(-1);
    let next = firstNodeId + keepIds;
    for (let v = 0; v < this.x.length; v++) {
      if (v < keepIds) nodeId[v] = firstNodeId + v;
      else if (uses[v] >= 2) nodeId[v] = next++;
    }
    const position = this.x.map((x, v) => frame.toPosition(x, this.y[v]));
    const roads: RoadDraft[] = [];
    for (const way of this.ways) {
      const v = way.vertices;
      let start = 0;
      for (let i = 1; i < v.length; i++) {
        if (nodeId[v[i]] < 0) continue;
        const coordinates = v.slice(start, i + 1).map((k) => position[k]);
        roads.push({
          source: nodeId[v[start]],
          target: nodeId[v[i]],
          roadClass: way.roadClass,
          speedKmh: speedOf(way, v[start], v[i]),
          oneway: false,
          lengthM: Math.round(polylineLengthM(coordinates) * 10) / 10,
          coordinates,
        });
        start = i;
      }
    }
    return { roads, nodeCount: next - firstNodeId };
  }
}

function bucketKey(i: number, j: number): number {
  // |i|, |j| < 2^14 buckets (8,000 km): the key stays a small integer, which Map hashes fast.
  return (i + 16_384) * 32_768 + (j + 16_384);
}
