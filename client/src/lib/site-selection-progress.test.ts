import { describe, expect, it } from 'vitest';
import { progressView } from './site-selection-progress';

describe('the optimiser form while a run goes on', () => {
  it('says the phase in French, the time, the best solution so far and its gap to the bound', () => {
    expect(
      progressView(
        {
          phase: 'exact',
          elapsed_ms: 5_250,
          objective: 1234.4,
          bound: 1260,
          gap: 0.02074,
          time_limit_ms: 20_000,
        },
        'mclp',
      ),
    ).toEqual({
      phase: 'Résolution exacte…',
      elapsed: '5,3 s',
      best: 'Meilleure solution : 1\u202f234,4 enfants couverts',
      gap: 'écart à la borne : 2,1 %',
      fraction: 0.2625,
    });
  });

  it('has no bar while the data is read, and no solution nor gap before the first', () => {
    expect(
      progressView(
        {
          phase: 'reading',
          elapsed_ms: 800,
          objective: null,
          bound: null,
          gap: null,
          time_limit_ms: 20_000,
        },
        'pmedian',
      ),
    ).toEqual({
      phase: 'Lecture des données et des temps de trajet…',
      elapsed: '0,8 s',
      best: null,
      gap: null,
      fraction: null,
    });
  });

  it('counts a p-median in children × minutes and stops the bar at the time limit', () => {
    const view = progressView(
      {
        phase: 'heuristic',
        elapsed_ms: 25_000,
        objective: 5000,
        bound: null,
        gap: null,
        time_limit_ms: 20_000,
      },
      'pmedian',
    );
    expect([view.elapsed, view.best, view.fraction]).toEqual([
      '25 s',
      'Meilleure solution : 5\u202f000 enfants × minutes de trajet',
      1,
    ]);
  });
});
