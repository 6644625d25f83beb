import { describe, expect, it } from 'vitest';
import { DEFAULT_STEPS, floatingCatchment } from '../accessibility';
import { projectPlaces } from './project';
import { siteCard, type CardCell, type SiteCardInput } from './site-card';

/**
 * Three cells and one crèche, small enough to check by hand:
 *   A: 10 children (commune X), 4 min from the point, nearest formal place 25 min away
 *   B: 20 children (commune X), 12 min from the point, the crèche 8 min away
 *   C: 30 children (commune Y), beyond reach of the point, the crèche 5 min away
 * The crèche has 10 places; A reaches it in 25 min.
 */
const STEPS = { kind: 'steps' as const, steps: DEFAULT_STEPS };
const E2SFCA = { method: 'e2sfca' as const, weights: STEPS, maxMinutes: 30 };
const OPTIONS = { method: 'e2sfca' as const, weights: STEPS, maxCost: 30 };
const demand = [10, 20, 30];
const crechePairs = { origin: [0, 1, 2], destination: [0, 0, 0], cost: [25, 8, 5] };
const today = floatingCatchment({ demand, supply: [10], pairs: crechePairs, options: OPTIONS });

const cells: CardCell[] = [
  {
    children: 10,
    communeCode: 'X',
    estimated: false,
    toPoint_min: 4,
    nearestFormal_min: 25,
    access: today.access[0],
  },
  {
    children: 20,
    communeCode: 'X',
    estimated: true,
    toPoint_min: 12,
    nearestFormal_min: 8,
    access: today.access[1],
  },
  {
    children: 30,
    communeCode: 'Y',
    estimated: false,
    toPoint_min: null,
    nearestFormal_min: 5,
    access: today.access[2],
  },
];

const input = (project: SiteCardInput['project']): SiteCardInput => ({
  cells,
  supply: [
    { mode: 'eaje', places: 10, fromPoint_min: 9 },
    { mode: 'am', places: 6.4, fromPoint_min: 7 },
    { mode: 'am', places: 12, fromPoint_min: 18 },
  ],
  childminders: [
    { count: 2, fromPoint_min: 7 },
    { count: 5, fromPoint_min: 18 },
  ],
  accessibility: E2SFCA,
  project,
  amUnder3Share: 0.8,
  drawRadius_min: 15,
});

describe('site card', () => {
  it('counts children, places and childminders within each band, flagging estimated children', () => {
    const card = siteCard(input({ kind: 'micro_creche', places: 12 }));
    expect(card.bands).toEqual([
      {
        minutes: 5,
        children: 10,
        childrenEstimated: false,
        places: { eaje: 0, mam: 0, am: 0 },
        childmindersAtHome: 0,
      },
      {
        minutes: 10,
        children: 10,
        childrenEstimated: false,
        places: { eaje: 10, mam: 0, am: 6.4 },
        childmindersAtHome: 2,
      },
      {
        minutes: 15,
        children: 30,
        childrenEstimated: true,
        places: { eaje: 10, mam: 0, am: 6.4 },
        childmindersAtHome: 2,
      },
      {
        minutes: 20,
        children: 30,
        childrenEstimated: true,
        places: { eaje: 10, mam: 0, am: 18.4 },
        childmindersAtHome: 7,
      },
    ]);
  });

  it('counts as newly within reach only the children with no formal place within the band today', () => {
    const card = siteCard(input({ kind: 'micro_creche', places: 12 }));
    // B is within 15 and 20 min of the point but already has the crèche at 8 min.
    expect(card.project.newlyWithin).toEqual([
      { minutes: 5, children: 10 },
      { minutes: 10, children: 10 },
      { minutes: 15, children: 10 },
      { minutes: 20, children: 10 },
    ]);
  });

  it('adds the project to the catchment exactly as a full recomputation with the new site does', () => {
    const card = siteCard(input({ kind: 'micro_creche', places: 12 }));
    const full = floatingCatchment({
      demand,
      supply: [10, 12],
      pairs: { origin: [0, 1, 2, 0, 1], destination: [0, 0, 0, 1, 1], cost: [25, 8, 5, 4, 12] },
      options: OPTIONS,
    });
    for (let i = 0; i < 3; i++) expect(card.accessAfter[i]).toBeCloseTo(full.access[i], 12);
    // By hand: A and B share the 12 places with weights 1 and 0.68: 10 + 13.6 children.
    expect(card.project.weightedChildren).toBeCloseTo(23.6, 12);
    expect(card.accessAfter[0] - cells[0].access).toBeCloseTo(12 / 23.6, 12);
    expect(card.accessAfter[2]).toBe(cells[2].access);
  });

  it('adds a MAM with its places as the rate counts them (under-3 share), not its places at once', () => {
    const card = siteCard(input({ kind: 'mam', childminders: 4, placesPerAgreement: 4 }));
    const full = floatingCatchment({
      demand,
      supply: [10, 16 * 0.8],
      pairs: { origin: [0, 1, 2, 0, 1], destination: [0, 0, 0, 1, 1], cost: [25, 8, 5, 4, 12] },
      options: OPTIONS,
    });
    for (let i = 0; i < 3; i++) expect(card.accessAfter[i]).toBeCloseTo(full.access[i], 12);
  });

  it('reports the rate of the communes it reaches before and after, the most improved first', () => {
    const card = siteCard(input({ kind: 'micro_creche', places: 12 }));
    expect(card.project.communes.map((c) => c.code)).toEqual(['X']);
    const [x] = card.project.communes;
    expect(x.children).toBe(30);
    expect(x.before).toBeCloseTo((100 * (10 * cells[0].access + 20 * cells[1].access)) / 30, 10);
    // Every place of the project goes to commune X's 30 children: + 12 places per 30 children.
    expect(x.after - x.before).toBeCloseTo(40, 10);
  });

  it('counts the places a MAM may draw from the childminders at home nearby', () => {
    const card = siteCard(input({ kind: 'mam', childminders: 6, placesPerAgreement: 4 }));
    // 4 childminders at once × 4 = 16 children, × 0.8 under-3 share.
    expect(card.project.placesAtOnce).toBe(16);
    expect(card.project.placesCounted).toBeCloseTo(12.8, 12);
    expect(card.project.childmindersNearby).toBe(2);
    expect(card.project.placesPossiblyDrawn).toBeCloseTo(2 * 4 * 0.8, 12);
    expect(siteCard(input({ kind: 'micro_creche', places: 12 })).project.placesPossiblyDrawn).toBe(
      0,
    );
  });

  it('refuses 3SFCA, whose other sites change when one is added', () => {
    expect(() =>
      siteCard({
        ...input({ kind: 'micro_creche', places: 12 }),
        accessibility: { ...E2SFCA, method: '3sfca' },
      }),
    ).toThrow(/not 3SFCA/);
  });
});

describe('project places', () => {
  it('caps a MAM at 4 childminders at once and 20 children', () => {
    expect(
      projectPlaces({ kind: 'mam', childminders: 3, placesPerAgreement: 4 }, 1).placesAtOnce,
    ).toBe(12);
    expect(
      projectPlaces({ kind: 'mam', childminders: 6, placesPerAgreement: 6 }, 1).placesAtOnce,
    ).toBe(20);
  });

  it('refuses a MAM of 7 childminders and a micro-crèche of 13 places, naming the parameter', () => {
    expect(() =>
      projectPlaces({ kind: 'mam', childminders: 7, placesPerAgreement: 4 }, 0.8),
    ).toThrow(/^childminders: a MAM gathers 1 to 6/);
    expect(() => projectPlaces({ kind: 'micro_creche', places: 13 }, 0.8)).toThrow(
      /^places: a micro-crèche has 1 to 12/,
    );
  });
});
