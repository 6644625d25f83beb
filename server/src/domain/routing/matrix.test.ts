import { describe, expect, it } from 'vitest';
import { buildGraph } from './graph';
import { denseTravelTimes, travelTimeMatrix, type MatrixPoint } from './matrix';
import { at, gridCity, oneWayRing, randomNetwork, seededRandom } from './test-fixtures';

const place = (id: string, x_m: number, y_m: number): MatrixPoint<string> => {
  const [lon, lat] = at(x_m, y_m);
  return { id, lon, lat };
};

describe('travel-time matrices', () => {
  const city = buildGraph(gridCity());
  const homes = [
    place('a', 50, 10),
    place('b', 395, 610),
    place('c', 790, 200),
    place('d', 600, 780),
  ];

  it('a place that is both origin and destination gets its own row at 0 minutes', () => {
    const { rows } = travelTimeMatrix(city, homes, homes, { mode: 'car', maxMinutes: 30 });
    for (const h of homes)
      expect(rows).toContainEqual({ origin: h.id, destination: h.id, minutes: 0 });
    expect(rows).toHaveLength(16);
  });

  it('rows come origin-major in input order whichever way the searches ran', () => {
    const forward = travelTimeMatrix(city, homes, homes.slice(0, 2), {
      mode: 'car',
      maxMinutes: 30,
      direction: 'forward',
    });
    const reverse = travelTimeMatrix(city, homes, homes.slice(0, 2), {
      mode: 'car',
      maxMinutes: 30,
    });
    expect(reverse.direction).toBe('reverse'); // fewer destinations than origins
    expect(forward.direction).toBe('forward');
    expect(reverse.rows.map((r) => `${r.origin}${r.destination}`)).toEqual([
      'aa',
      'ab',
      'ba',
      'bb',
      'ca',
      'cb',
      'da',
      'db',
    ]);
    reverse.rows.forEach((row, k) => expect(row.minutes).toBeCloseTo(forward.rows[k].minutes, 9));
  });

  it('on a network without one-way streets, walking times are symmetric', () => {
    const { rows } = travelTimeMatrix(city, homes, homes, { mode: 'walk', maxMinutes: 60 });
    const time = new Map(rows.map((r) => [`${r.origin}${r.destination}`, r.minutes]));
    for (const x of homes)
      for (const y of homes) expect(time.get(x.id + y.id)).toBeCloseTo(time.get(y.id + x.id)!, 9);
    // a → b on foot: 10 m to the street at (50, 0), 150 + 200 + 610 m of streets to (400, 610),
    // 5 m to b: 975 m at 5 km/h.
    expect(time.get('ab')).toBeCloseTo(975 / (5 / 3.6) / 60, 2);
  });

  it('by car around a one-way ring, going back one corner takes three streets', () => {
    const ring = buildGraph(oneWayRing());
    const corners = [place('1', 0, 0), place('2', 100, 0)];
    const { rows } = travelTimeMatrix(ring, corners, corners, { mode: 'car', maxMinutes: 5 });
    const time = new Map(rows.map((r) => [`${r.origin}${r.destination}`, r.minutes * 60]));
    expect(time.get('12')).toBeCloseTo(10, 4);
    expect(time.get('21')).toBeCloseTo(30, 4);
  });

  it('pairs beyond maxMinutes get no row', () => {
    const { rows } = travelTimeMatrix(city, homes, homes, { mode: 'walk', maxMinutes: 8 });
    expect(rows.every((r) => r.minutes <= 8)).toBe(true);
    expect(rows.length).toBeLessThan(16);
    expect(rows.length).toBeGreaterThanOrEqual(4);
  });

  it('a place far from any road is listed as off the network and keeps only its own row', () => {
    const lost = place('lost', 400, 9000);
    const result = travelTimeMatrix(city, [...homes, lost], [...homes, lost], {
      mode: 'car',
      maxMinutes: 60,
    });
    expect(result.offNetwork).toEqual([
      expect.objectContaining({ id: 'lost', role: 'origin', reason: 'too-far-from-road' }),
      expect.objectContaining({ id: 'lost', role: 'destination', reason: 'too-far-from-road' }),
    ]);
    expect(result.rows.filter((r) => r.origin === 'lost' || r.destination === 'lost')).toEqual([
      { origin: 'lost', destination: 'lost', minutes: 0 },
    ]);
  });

  it('forward and reverse searches agree on 100 seeded random networks with one-way streets', () => {
    const random = seededRandom(314);
    let compared = 0;
    for (let k = 0; k < 100; k++) {
      const edges = randomNetwork(random, 15);
      if (edges.length === 0) continue;
      const graph = buildGraph(edges);
      const points = Array.from({ length: 6 }, (_, i) =>
        place(`p${i}`, random() * 1000, random() * 1000),
      );
      for (const mode of ['car', 'walk'] as const) {
        const f = travelTimeMatrix(graph, points, points, {
          mode,
          maxMinutes: 10,
          direction: 'forward',
        });
        const r = travelTimeMatrix(graph, points, points, {
          mode,
          maxMinutes: 10,
          direction: 'reverse',
        });
        expect(r.rows.map((row) => row.origin + row.destination)).toEqual(
          f.rows.map((row) => row.origin + row.destination),
        );
        r.rows.forEach((row, i) => expect(row.minutes).toBeCloseTo(f.rows[i].minutes, 6));
        compared += f.rows.length;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  }, 60_000);

  it('gives the same pairs as dense indices in typed arrays', () => {
    const points = [...homes, place('e', 200, 400), place('f', 700, 100)];
    for (const direction of ['forward', 'reverse'] as const) {
      const options = { mode: 'car' as const, maxMinutes: 2, direction };
      const { rows } = travelTimeMatrix(city, points, points.slice(1, 4), options);
      const dense = denseTravelTimes(city, points, points.slice(1, 4), options);
      expect(rows.length).toBeGreaterThan(6);
      expect(
        Array.from(dense.origin, (o, p) => ({
          origin: points[o].id,
          destination: points[1 + dense.destination[p]].id,
          minutes: dense.seconds[p] / 60,
        })),
      ).toEqual(rows);
    }
  });

  it('refuses a maxMinutes that is negative or not finite', () => {
    expect(() => travelTimeMatrix(city, homes, homes, { mode: 'car', maxMinutes: -1 })).toThrow(
      RangeError,
    );
    expect(() =>
      travelTimeMatrix(city, homes, homes, { mode: 'car', maxMinutes: Infinity }),
    ).toThrow(RangeError);
  });
});
