import { describe, expect, it } from 'vitest';
import {
  assumedLimitKmh,
  buildRoadEdges,
  parseMaxspeed,
  settingFromTags,
  type OsmWay,
} from './roads';

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
      rows.map((r) => [r.value.source, r.value.target, r.value.oneway, r.value.speedLimitKmh]),
    ).toEqual([
      [5, 3, true, 80],
      [1, 2, true, 80],
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

  it('keeps the posted limit, else assumes the French one for the class and setting', () => {
    const { rows } = buildRoadEdges(
      [
        way(20, [1, 2], { highway: 'primary', maxspeed: '70' }),
        way(21, [2, 3], { highway: 'secondary' }),
        way(22, [3, 4], { highway: 'secondary', 'source:maxspeed': 'FR:urban' }),
        way(23, [4, 5], { highway: 'residential' }),
        way(24, [5, 1], { highway: 'residential', 'zone:traffic': 'FR:rural' }),
      ],
      (id) => nodes.get(id),
    );
    expect(rows.map((r) => [r.value.osmId, r.value.speedLimitKmh, r.value.setting])).toEqual([
      [20, 70, null],
      [21, 80, null],
      [22, 50, 'urban'],
      [23, 50, null],
      [24, 80, 'rural'],
    ]);
    expect([
      assumedLimitKmh('motorway', 'urban'),
      assumedLimitKmh('trunk_link', null),
      assumedLimitKmh('living_street', 'rural'),
      assumedLimitKmh('tertiary', 'urban'),
      assumedLimitKmh('service', null),
    ]).toEqual([130, 110, 20, 50, 50]);
  });

  it('reads the setting from maxspeed, maxspeed:type, source:maxspeed, zone:maxspeed, zone:traffic', () => {
    expect([
      settingFromTags({ highway: 'primary', maxspeed: 'FR:urban' }),
      settingFromTags({ highway: 'primary', maxspeed: 'FR:rural' }),
      settingFromTags({ highway: 'residential', maxspeed: 'FR:zone30' }),
      settingFromTags({ highway: 'primary', maxspeed: '50', 'source:maxspeed': 'FR:urban' }),
      settingFromTags({ highway: 'primary', 'maxspeed:type': 'fr:rural' }),
      settingFromTags({ highway: 'tertiary', 'zone:maxspeed': 'FR:30' }),
      settingFromTags({ highway: 'tertiary', 'zone:traffic': 'FR:urban' }),
      settingFromTags({ highway: 'living_street' }),
      settingFromTags({ highway: 'primary', maxspeed: '80' }),
      settingFromTags({ highway: 'primary', maxspeed: 'FR:motorway' }),
    ]).toEqual(['urban', 'rural', 'urban', 'urban', 'rural', null, 'urban', 'urban', null, null]);
    // The first key that says it wins.
    expect(settingFromTags({ maxspeed: 'FR:rural', 'source:maxspeed': 'FR:urban' })).toBe('rural');
  });
});
