import { describe, expect, it } from 'vitest';
import { buildRoadEdges, parseMaxspeed, type OsmWay } from './roads';

const nodes = new Map<number, [number, number]>([
  [1, [2.39, 47.08]],
  [2, [2.395, 47.081]],
  [3, [2.4, 47.082]],
  [4, [2.405, 47.083]],
  [5, [2.4, 47.087]],
]);
const way = (id: number, refs: number[], tags: Record<string, string>): OsmWay => ({
  id,
  refs,
  tags,
});

describe('road edges from OpenStreetMap ways', () => {
  it('reads maxspeed in km/h, mph and French implicit limits', () => {
    expect([
      parseMaxspeed('70'),
      parseMaxspeed('FR:urban'),
      parseMaxspeed('FR:rural'),
      parseMaxspeed('30 mph'),
    ]).toEqual([70, 50, 80, 48.28032]);
    expect([parseMaxspeed('signals'), parseMaxspeed('none'), parseMaxspeed(undefined)]).toEqual([
      null,
      null,
      null,
    ]);
  });

  it('cuts ways at junctions so that edges meet at node ids', () => {
    const { rows } = buildRoadEdges(
      [way(10, [1, 2, 3, 4], { highway: 'primary' }), way(11, [5, 3], { highway: 'residential' })],
      (id) => nodes.get(id),
    );
    expect(
      rows.map((r) => [r.value.osmId, r.value.source, r.value.target, r.value.coordinates.length]),
    ).toEqual([
      [10, 1, 3, 3],
      [10, 3, 4, 2],
      [11, 5, 3, 2],
    ]);
  });

  it('reverses oneway=-1 edges and treats roundabouts as one-way', () => {
    const { rows } = buildRoadEdges(
      [
        way(12, [3, 5], { highway: 'tertiary', oneway: '-1' }),
        way(13, [1, 2], { highway: 'unclassified', junction: 'roundabout' }),
      ],
      (id) => nodes.get(id),
    );
    expect(
      rows.map((r) => [r.value.source, r.value.target, r.value.oneway, r.value.speedKmh]),
    ).toEqual([
      [5, 3, true, 70],
      [1, 2, true, 50],
    ]);
    expect(rows[0].value.coordinates[0]).toEqual([2.4, 47.087]);
  });

  it('ignores footways, private roads and areas; drops repeated nodes', () => {
    const result = buildRoadEdges(
      [
        way(14, [1, 5], { highway: 'footway' }),
        way(15, [1, 5], { highway: 'service', access: 'private' }),
        way(16, [1, 2, 3, 1], { highway: 'pedestrian', area: 'yes' }),
        way(17, [1, 1, 2], { highway: 'residential' }),
      ],
      (id) => nodes.get(id),
    );
    expect([result.waysKept, result.waysIgnored]).toEqual([1, 3]);
    expect(result.rows[0].value.coordinates).toEqual([
      [2.39, 47.08],
      [2.395, 47.081],
    ]);
    expect(result.rows[0].value.lengthM).toBeGreaterThan(390);
  });
});
