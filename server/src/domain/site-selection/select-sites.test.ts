/**
 * The answers on fixtures small enough to check by hand: places along one road, costs in
 * minutes = distance between positions.
 */
import { describe, expect, it } from 'vitest';
import { costPairsFromRows } from './index';
import type { MipSolver } from './mip';
import { selectSites } from './select-sites';
import { testSolver } from './test/solver';
import { SolveContext } from './context';
import {
  SiteSelectionError,
  type SiteInput,
  type SiteSelectionOptions,
  type SiteSelectionProgress,
} from './types';

/** Demand and sites at positions along a road; every pair's cost is the distance. */
function road(demand: [string, number, number][], sites: [string, number, Partial<SiteInput>?][]) {
  const d = demand.map(([id, , weight]) => ({ id, weight }));
  const s = sites.map(([id, , extra]) => ({ id, ...extra }));
  const rows = demand.flatMap(([demandId, x]) =>
    sites.map(([siteId, y]) => ({ demand: demandId, site: siteId, cost: Math.abs(x - y) })),
  );
  return { demand: d, sites: s, costs: costPairsFromRows(rows, d, s) };
}

// a, b near s0; c at s1; d, e near s2; f alone at s3.
const town = () =>
  road(
    [
      ['a', 0, 10],
      ['b', 2, 10],
      ['c', 5, 5],
      ['d', 9, 20],
      ['e', 10, 20],
      ['f', 20, 1],
    ],
    [
      ['s0', 1],
      ['s1', 5],
      ['s2', 9.5],
      ['s3', 20],
    ],
  );

const solve = (
  input: ReturnType<typeof town>,
  options: SiteSelectionOptions,
  solver: MipSolver = testSolver,
) => selectSites(input, options, solver);

describe('maximal covering (mclp)', () => {
  it('opens the p sites that cover the most children within the standard', async () => {
    const r = await solve(town(), { model: 'mclp', p: 2, maxCost: 2 });
    expect(r.sites.map((s) => s.id)).toEqual(['s0', 's2']);
    expect([r.objective, r.totalWeight, r.coveredWeight]).toEqual([60, 66, 60]);
    expect(r.coveredShare).toBeCloseTo(60 / 66, 12);
    expect([r.method, r.optimal, r.gap]).toEqual(['exact', true, 0]);
    expect(r.sites.map((s) => [s.id, s.served, s.demandPoints])).toEqual([
      ['s0', 20, 2],
      ['s2', 40, 2],
    ]);
  });

  it('an uncovered point still shows its nearest open site, beyond the standard', async () => {
    const r = await solve(town(), { model: 'mclp', p: 2, maxCost: 2 });
    expect(r.assignments.find((a) => a.demand === 'c')).toEqual({
      demand: 'c',
      site: 's0',
      cost: 4,
      weight: 5,
      covered: false,
    });
  });

  it('a fixed site is open and counts, p only counts new sites', async () => {
    const input = town();
    input.sites[2] = { id: 's2', fixed: true };
    const r = await solve(input, { model: 'mclp', p: 1, maxCost: 2 });
    expect(r.sites.map((s) => [s.id, s.fixed])).toEqual([
      ['s2', true],
      ['s0', false],
    ]);
    expect([r.objective, r.coveredByFixed]).toEqual([60, 40]);
  });

  it('with p = 0 the answer is what the fixed sites cover today', async () => {
    const input = town();
    input.sites[2] = { id: 's2', fixed: true };
    const r = await solve(input, { model: 'mclp', p: 0, maxCost: 2 });
    expect([r.objective, r.sites.length]).toEqual([40, 1]);
  });

  it('a site with a capacity serves at most its places, splitting a point if need be', async () => {
    const input = road(
      [
        ['a', 0, 10],
        ['b', 1, 10],
      ],
      [
        ['s0', 0, { capacity: 12 }],
        ['s1', 30, { capacity: 50 }],
      ],
    );
    const r = await solve(input, { model: 'mclp', p: 1, maxCost: 2 });
    expect([r.capacitated, r.objective, r.sites[0].served]).toEqual([true, 12, 12]);
    const covered = r.assignments.filter((a) => a.covered);
    expect(covered.every((a) => a.site === 's0')).toBe(true);
    expect(covered.reduce((t, a) => t + a.weight, 0)).toBeCloseTo(12, 9);
    const uncovered = r.assignments.filter((a) => !a.covered);
    expect(uncovered.reduce((t, a) => t + a.weight, 0)).toBeCloseTo(8, 9);
  });

  it('two identical candidates: the same one is chosen on every run', async () => {
    const input = road(
      [
        ['a', 0, 5],
        ['b', 10, 1],
      ],
      [
        ['t1', 0],
        ['t2', 0],
        ['u', 10],
      ],
    );
    const answers = [];
    for (let k = 0; k < 3; k++)
      answers.push((await solve(input, { model: 'mclp', p: 1, maxCost: 1 })).sites[0].id);
    expect(answers[0]).toMatch(/^t[12]$/);
    expect(new Set(answers).size).toBe(1);
  });
});

describe('p-median', () => {
  it('minimises children × minutes, each child going to the nearest open site', async () => {
    const input = road(
      [
        ['a', 0, 3],
        ['b', 10, 1],
      ],
      [
        ['s0', 0],
        ['s5', 5],
        ['s10', 10],
      ],
    );
    const one = await solve(input, { model: 'pmedian', p: 1 });
    expect([one.sites.map((s) => s.id), one.objective]).toEqual([['s0'], 10]);
    expect(one.assignments.map((a) => [a.demand, a.site, a.cost])).toEqual([
      ['a', 's0', 0],
      ['b', 's0', 10],
    ]);
    const two = await solve(input, { model: 'pmedian', p: 2 });
    expect([two.sites.map((s) => s.id), two.objective]).toEqual([['s0', 's10'], 0]);
  });

  it('with an unserved cost, a point farther than it is left unserved at that cost', async () => {
    const input = road(
      [
        ['a', 0, 3],
        ['far', 100, 2],
      ],
      [['s0', 0]],
    );
    const r = await solve(input, { model: 'pmedian', p: 1, unservedCost: 30 });
    expect(r.objective).toBe(2 * 30);
    expect(r.assignments[1]).toEqual({
      demand: 'far',
      site: null,
      cost: null,
      weight: 2,
      covered: false,
    });
    expect(r.coveredShare).toBeCloseTo(3 / 5, 12);
  });

  it('without one, a point no site can serve is an error that names it', async () => {
    const input = road([['a', 0, 3]], [['s0', 0]]);
    input.demand.push({ id: 'lost', weight: 2 });
    await expect(solve(input, { model: 'pmedian', p: 1 })).rejects.toMatchObject({
      code: 'unreachable_demand',
      message: expect.stringContaining('lost'),
    });
  });
});

describe('set covering (lscp)', () => {
  it('finds the fewest new sites that put every child within the standard', async () => {
    const r = await solve(town(), { model: 'lscp', maxCost: 2 });
    expect([r.objective, r.sites.map((s) => s.id), r.coveredShare]).toEqual([
      4,
      ['s0', 's1', 's2', 's3'],
      1,
    ]);
  });

  it('a demand point out of reach of every candidate is a clear error naming it', async () => {
    const input = town();
    input.demand.push({ id: 'g', weight: 3 }, { id: 'h', weight: 1 });
    const error = await solve(input, { model: 'lscp', maxCost: 2 }).catch((e) => e);
    expect(error).toBeInstanceOf(SiteSelectionError);
    expect(error.code).toBe('unreachable_demand');
    expect(error.message).toBe(
      'no site is within 2 of demand point(s) g, h: the set covering has no solution',
    );
  });

  it('counts fixed sites as already open', async () => {
    const input = town();
    input.sites[3] = { id: 's3', fixed: true };
    const r = await solve(input, { model: 'lscp', maxCost: 2 });
    expect([r.objective, r.sites.filter((s) => !s.fixed).length]).toEqual([3, 3]);
  });
});

describe('questions that cannot be answered', () => {
  it('p larger than the number of candidates', async () => {
    const input = town();
    input.sites[0] = { id: 's0', fixed: true };
    await expect(solve(input, { model: 'mclp', p: 4, maxCost: 2 })).rejects.toMatchObject({
      code: 'p_too_large',
      message:
        'p = 4 new sites asked for, but there are only 3 candidate sites (fixed sites do not count)',
    });
  });

  it.each([
    [
      'a duplicate demand id',
      (i: ReturnType<typeof town>) => (i.demand[1].id = 'a'),
      /demand point id "a" appears twice/,
    ],
    [
      'a negative weight',
      (i: ReturnType<typeof town>) => (i.demand[0].weight = -1),
      /"a" has weight -1/,
    ],
    [
      'a negative cost',
      (i: ReturnType<typeof town>) => ((i.costs.cost as Float64Array)[0] = -3),
      /is -3/,
    ],
    [
      'a pair given twice',
      (i: ReturnType<typeof town>) => ((i.costs.site as Int32Array)[1] = 0),
      /the pair "a" → "s0" is given twice/,
    ],
  ])('%s', async (_, spoil, message) => {
    const input = town();
    spoil(input);
    await expect(solve(input, { model: 'mclp', p: 1, maxCost: 2 })).rejects.toThrow(message);
  });

  it('mclp without a standard', async () => {
    await expect(solve(town(), { model: 'mclp', p: 1 })).rejects.toThrow('mclp needs maxCost');
  });
});

describe('how the answer was found', () => {
  it('method heuristic: greedy + swap with a bound that holds', async () => {
    const r = await solve(town(), { model: 'mclp', p: 2, maxCost: 2, method: 'heuristic' });
    expect([r.method, r.objective]).toEqual(['heuristic', 60]);
    expect(r.bound).toBeGreaterThanOrEqual(60);
  });

  it('auto goes to the heuristic above the size limit, and says so', async () => {
    const r = await solve(town(), { model: 'mclp', p: 2, maxCost: 2, maxExactNonzeros: 3 });
    expect([r.method, r.stoppedBy]).toEqual(['heuristic', 'size']);
    expect(r.notes.join(' ')).toMatch(
      /would have \d+ matrix entries \(limit 3\): solved by the heuristic/,
    );
  });

  it('when the exact solve stops at the time limit, the answer says so and keeps the better solution', async () => {
    // A solver that always runs out of time with a solution no better (every site open).
    const slow: MipSolver = {
      name: 'slow',
      async solve(model) {
        const values = new Float64Array(model.colCost.length).fill(1);
        return { status: 'time_limit', objective: 4, bound: 3, values };
      },
    };
    const r = await solve(town(), { model: 'lscp', maxCost: 2 }, slow);
    expect([r.method, r.optimal, r.stoppedBy, r.objective, r.bound]).toEqual([
      'heuristic',
      false,
      'time_limit',
      4,
      3,
    ]);
    expect(r.notes.join(' ')).toContain('the exact solve reached the time limit (60 s)');
  });

  it('reports progress by phase', async () => {
    const phases: string[] = [];
    await solve(town(), {
      model: 'mclp',
      p: 2,
      maxCost: 2,
      onProgress: (p) => phases.push(p.phase),
    });
    expect(phases[0]).toBe('prepare');
    expect(phases).toContain('heuristic');
  });

  it('ends its progress with "done": the answer\'s objective, bound and gap, and the time', async () => {
    const seen: SiteSelectionProgress[] = [];
    let now = 1_000;
    const r = await solve(town(), {
      model: 'mclp',
      p: 2,
      maxCost: 2,
      clock: () => (now += 10),
      onProgress: (p) => seen.push(p),
    });
    const phases = seen.map((p) => p.phase);
    expect([phases[0], phases.at(-1), phases.filter((p) => p === 'done').length]).toEqual([
      'prepare',
      'done',
      1,
    ]);
    expect(seen.at(-1)).toEqual({
      phase: 'done',
      incumbent: r.objective,
      bound: r.bound,
      gap: r.gap,
      elapsedMs: expect.any(Number),
    });
    expect(seen[0].elapsedMs).toBe(10);
  });

  it('calls progress at most every 250 ms within a phase, at once on a new phase or a first incumbent', () => {
    let now = 0;
    const seen: [string, number | null, number | null][] = [];
    const ctx = new SolveContext({
      model: 'mclp',
      clock: () => now,
      onProgress: (p) => seen.push([p.phase, p.incumbent, p.elapsedMs]),
    });
    for (const [t, phase, incumbent] of [
      [5, 'exact', null],
      [10, 'exact', 50],
      [100, 'exact', 55],
      [300, 'exact', 58],
      [310, 'done', 60],
    ] as const) {
      now = t;
      ctx.progress(phase, incumbent, 80);
    }
    // The call at 10 ms brings the first incumbent: it passes.
    expect(seen).toEqual([
      ['exact', null, 5],
      ['exact', 50, 10],
      ['exact', 58, 300],
      ['done', 60, 310],
    ]);
  });

  it('a cancelled question rejects with the abort reason', async () => {
    const controller = new AbortController();
    const run = solve(town(), {
      model: 'pmedian',
      p: 2,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'heuristic') controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });
});
