import { describe, expect, it } from 'vitest';
import { historyChart } from './history-chart';

const box = { width: 300, height: 120, padLeft: 30, padRight: 10, padTop: 10, padBottom: 20 };

describe('history chart geometry', () => {
  it('spreads years over the width and rounds the rate axis to tens around the values and the reference', () => {
    const c = historyChart(
      [
        { year: 2021, rate: 42.5 },
        { year: 2022, rate: 47 },
        { year: 2023, rate: 51.2 },
      ],
      60.9,
      box,
    );
    expect(c.yMin).toBe(30);
    expect(c.yMax).toBe(70);
    expect(c.points.map((p) => p.x)).toEqual([30, 160, 290]);
    expect(c.y(70)).toBe(10);
    expect(c.y(30)).toBe(100);
    expect(c.referenceY).toBeCloseTo(100 - ((60.9 - 30) / 40) * 90, 6);
    expect(c.path.startsWith('M30.0,')).toBe(true);
  });

  it('skips years without a rate instead of drawing them at 0', () => {
    const c = historyChart(
      [
        { year: 2021, rate: null },
        { year: 2022, rate: 50 },
        { year: 2023, rate: 55 },
      ],
      null,
      box,
    );
    expect(c.points.map((p) => p.year)).toEqual([2022, 2023]);
    expect(c.referenceY).toBeNull();
  });
});
