import { describe, expect, it } from 'vitest';
import { buildGraph } from './graph';
import { travelTimeMatrix, type MatrixPoint } from './matrix';
import { nearestTargets, timeToNearest } from './nearest';
import { at, oneWayRing, randomNetwork, seededRandom } from './test-fixtures';

const place = (id: string, x_m: number, y_m: number): MatrixPoint<string> => {
  const [lon, lat] = at(x_m, y_m);
  return { id, lon, lat };
};

describe('time to the nearest target', () => {
  it('by car around a one-way ring, the way to a target goes with the traffic', () => {
    const ring = buildGraph(oneWayRing());
    // Target on the south street near corner 1 (0, 0); the place near corner 2 (100, 0), 10 m
    // before it. Against the one-way street the car goes round: 10 m on to corner 2, then three
    // 10 s streets to corner 1, then 10 m along the south street: 1 + 30 + 1 = 32 s.
    const target = place('creche', 10, 0);
    const here = place('home', 90, 0);
    const nearest = nearestTargets(ring, [target], { mode: 'car', maxMinutes: 10 });
    const answer = timeToNearest(ring, nearest, here);
    expect(answer.target).toBe('creche');
    expect(answer.minutes! * 60).toBeCloseTo(32, 6);
    // The other way round the target reaches the place along its own street in 8 s, which is
    // the matrix's time for that direction: the search must not have run forwards.
    const back = travelTimeMatrix(ring, [target], [here], { mode: 'car', maxMinutes: 10 });
    expect(back.rows[0].minutes * 60).toBeCloseTo(8, 6);
  });

  it('beyond the limit, or off the network, a place gets null', () => {
    const ring = buildGraph(oneWayRing());
    const nearest = nearestTargets(ring, [place('creche', 10, 0)], {
      mode: 'car',
      maxMinutes: 0.5,
    });
    expect(timeToNearest(ring, nearest, place('home', 90, 0)).minutes).toBeNull(); // 32 s > 30 s
    const far = timeToNearest(ring, nearest, place('farm', 5000, 0));
    expect(far.minutes).toBeNull();
    expect(far.snap.reachable).toBe(false);
  });

  it('a place at a target position is 0 minutes away even off the network', () => {
    const ring = buildGraph(oneWayRing());
    const remote = place('remote', 5000, 5000);
    const nearest = nearestTargets(ring, [remote], { mode: 'walk', maxMinutes: 60 });
    expect(nearest.offNetwork).toEqual(['remote']);
    expect(timeToNearest(ring, nearest, remote)).toMatchObject({ minutes: 0, target: 'remote' });
  });

  it('equals the least time of a matrix row on 150 seeded random networks, both modes', () => {
    const random = seededRandom(2024);
    let compared = 0;
    for (let k = 0; k < 150; k++) {
      const graph = buildGraph(randomNetwork(random, 14));
      const points = (n: number, prefix: string) =>
        Array.from({ length: n }, (_, i) =>
          place(`${prefix}${i}`, random() * 1200 - 100, random() * 1200 - 100),
        );
      const targets = points(1 + Math.floor(random() * 4), 't');
      const places = points(6, 'p');
      // Sometimes a place stands exactly on a target.
      if (random() < 0.3) places.push({ ...targets[0], id: 'on-target' });
      for (const mode of ['car', 'walk'] as const) {
        const maxMinutes = 2 + random() * 10;
        const nearest = nearestTargets(graph, targets, { mode, maxMinutes });
        const matrix = travelTimeMatrix(graph, places, targets, {
          mode,
          maxMinutes,
          direction: 'forward',
        });
        for (const p of places) {
          const rows = matrix.rows.filter((r) => r.origin === p.id);
          const expected = rows.length ? Math.min(...rows.map((r) => r.minutes)) : null;
          const answer = timeToNearest(graph, nearest, p);
          if (expected === null) {
            expect(answer.minutes).toBeNull();
          } else {
            expect(answer.minutes).toBeCloseTo(expected, 6);
            const row = rows.find((r) => r.destination === answer.target);
            expect(row?.minutes).toBeCloseTo(expected, 6);
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(300);
  });
});
