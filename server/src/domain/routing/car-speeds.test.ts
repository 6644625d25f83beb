import { describe, expect, it } from 'vitest';
import { carRoadKind, carSpeedKmh, isDrivable, roadSetting } from './car-speeds';
import { junctionDelay_s } from './junctions';

/** The table of docs/travel-times.md, written out again: km/h in open country / built-up area. */
const TABLE: [string, number, number][] = [
  ['motorway', 105, 89],
  ['motorway_link', 89, 84],
  ['trunk', 90, 73],
  ['trunk_link', 77, 72],
  ['primary', 75, 57],
  ['primary_link', 64, 60],
  ['secondary', 60, 49],
  ['secondary_link', 51, 51],
  ['tertiary', 50, 40],
  ['tertiary_link', 43, 43],
  ['unclassified', 40, 35],
  ['residential', 35, 30],
  ['living_street', 10, 10],
  ['service', 25, 20],
  ['road', 25, 20],
  ['nationale', 75, 57],
  ['departementale', 60, 49],
  ['communale', 40, 35],
  ['a class nobody knows', 25, 20],
];

describe('car speeds by road class, setting and limit', () => {
  it.for(TABLE)(
    'without a limit, %s is driven at %i km/h in open country and %i in a built-up area',
    ([roadClass, rural, urban]) => {
      expect([
        carSpeedKmh(roadClass, 'rural', null),
        carSpeedKmh(roadClass, 'urban', undefined),
      ]).toEqual([rural, urban]);
    },
  );

  it('a limit caps the speed at 0.8 of it, and never raises it', () => {
    expect([
      carSpeedKmh('primary', 'rural', 80), // 64 < 75
      carSpeedKmh('primary', 'urban', 50), // 40 < 57
      carSpeedKmh('residential', 'urban', 30), // zone 30: 24 < 30
      carSpeedKmh('motorway', 'rural', 130), // 104 < 105
      carSpeedKmh('secondary', 'rural', 80), // 64 > 60: the class's speed
      carSpeedKmh('tertiary', 'urban', 50), // 40 = 40
      carSpeedKmh('communale', 'rural', 110), // a high limit changes nothing
    ]).toEqual([64, 40, 24, 104, 60, 40, 40]);
  });

  it('a zero, negative, missing or non-finite limit caps nothing', () => {
    expect(
      [0, -5, NaN, Infinity, null, undefined].map((limit) =>
        carSpeedKmh('primary', 'rural', limit),
      ),
    ).toEqual([75, 75, 75, 75, 75, 75]);
  });

  it('classes are read trimmed and case-insensitive; paths and tracks are never driven', () => {
    expect(carSpeedKmh(' Living_Street ', 'rural', 20)).toBe(10);
    expect(carRoadKind('PRIMARY').rank).toBe(2);
    expect(
      ['footway', 'track', 'steps', 'path', 'cycleway', 'construction'].map((c) =>
        carSpeedKmh(c, 'rural', 50),
      ),
    ).toEqual([0, 0, 0, 0, 0, 0]);
    expect(['footway', 'proposed', 'service', 'communale'].map(isDrivable)).toEqual([
      false,
      false,
      true,
      true,
    ]);
  });

  it('junction ranks follow Valhalla: motorway 0 to minor roads 5, ramps as their road', () => {
    expect(
      ['motorway_link', 'trunk', 'nationale', 'departementale', 'tertiary', 'communale'].map(
        (c) => carRoadKind(c).rank,
      ),
    ).toEqual([0, 1, 2, 3, 4, 5]);
    expect(
      ['unclassified', 'residential', 'service', 'living_street', 'road', '?'].map(
        (c) => carRoadKind(c).rank,
      ),
    ).toEqual([5, 5, 5, 5, 5, 5]);
  });
});

describe('built-up area or open country', () => {
  it('the stored setting first, then a limit of 50 or less, then the road density (12.14 km/km²)', () => {
    expect([
      roadSetting('rural', 30, 40), // stored wins over limit and density
      roadSetting('urban', 90, 0),
      roadSetting(null, 50, 0), // the French built-up limit
      roadSetting(null, 30, 0),
      roadSetting(undefined, 51, 0),
      roadSetting(null, 80, 12.2), // dense enough
      roadSetting(null, 80, 12.1),
      roadSetting(null, 0, 5), // no limit known, sparse
      roadSetting(null, NaN, 13),
    ]).toEqual(['rural', 'urban', 'urban', 'urban', 'rural', 'urban', 'rural', 'rural', 'urban']);
  });
});

describe('the delay at a junction', () => {
  it('going on in open country: 0.5 s per unit of stop impact, 0 for a main road', () => {
    expect([
      junctionDelay_s(5, 5, 'through', 'rural'), // minor streets: impact 3 × 0.5
      junctionDelay_s(2, 5, 'through', 'rural'), // a main road passing a side street: impact 0
      junctionDelay_s(3, 5, 'through', 'rural'), // secondary passing a minor road: 1 × 0.5
      junctionDelay_s(4, 5, 'through', 'rural'), // tertiary passing a minor road: 2 × 0.5
      junctionDelay_s(2, 2, 'through', 'rural'), // two main roads: 3 × 0.5
      junctionDelay_s(5, 2, 'through', 'rural'), // a main road on one side only: 6 × 0.5
      junctionDelay_s(0, 5, 'through', 'rural'), // a motorway never waits
    ]).toEqual([1.5, 0, 0.5, 1, 1.5, 3, 0]);
  });

  it('crossing a more important road: 2 s per unit, the impact capped at 7', () => {
    expect([
      junctionDelay_s(5, 4, 'crossing', 'rural'), // 4 × 2
      junctionDelay_s(5, 3, 'crossing', 'rural'), // 5 × 2
      junctionDelay_s(5, 2, 'crossing', 'rural'), // 6 × 2
      junctionDelay_s(5, 1, 'crossing', 'rural'), // 7 × 2
      junctionDelay_s(5, 0, 'crossing', 'rural'), // still 7 × 2
      junctionDelay_s(3, 2, 'crossing', 'rural'), // 4 × 2
    ]).toEqual([8, 10, 12, 14, 14, 8]);
  });

  it('turning onto another road where one ends: 1.75 s per unit', () => {
    expect([
      junctionDelay_s(5, 2, 'turn', 'rural'), // 6 × 1.75
      junctionDelay_s(5, 3, 'turn', 'rural'), // 5 × 1.75
      junctionDelay_s(2, 5, 'turn', 'rural'), // impact 0
    ]).toEqual([10.5, 8.75, 0]);
  });

  it('twice as long in a built-up area', () => {
    expect([
      junctionDelay_s(5, 5, 'through', 'urban'),
      junctionDelay_s(5, 2, 'crossing', 'urban'),
      junctionDelay_s(5, 2, 'turn', 'urban'),
      junctionDelay_s(2, 5, 'through', 'urban'),
    ]).toEqual([3, 24, 21, 0]);
  });
});
