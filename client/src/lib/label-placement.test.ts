import { describe, expect, it } from 'vitest';
import { labelBox, placeLabels, shortTerritoryName, wrapLabel } from './label-placement';

describe('label placement', () => {
  it('keeps the most important of two overlapping labels', () => {
    const placed = placeLabels(
      [
        { id: 'small', x: 100, y: 100, variants: [{ width: 80, height: 14 }], priority: 10 },
        { id: 'big', x: 120, y: 104, variants: [{ width: 80, height: 14 }], priority: 500 },
        { id: 'far', x: 400, y: 300, variants: [{ width: 80, height: 14 }], priority: 1 },
      ],
      { width: 800, height: 600 },
    );
    expect([...placed.keys()].sort()).toEqual(['big', 'far']);
  });

  it('falls back to a shorter variant where the full label does not fit', () => {
    const placed = placeLabels(
      [
        { id: 'big', x: 200, y: 100, variants: [{ width: 100, height: 30 }], priority: 500 },
        {
          id: 'gap',
          x: 200,
          y: 130,
          variants: [
            { width: 100, height: 30 },
            { width: 30, height: 12 },
          ],
          priority: 10,
        },
      ],
      { width: 800, height: 600 },
    );
    expect(placed).toEqual(
      new Map([
        ['big', 0],
        ['gap', 1],
      ]),
    );
  });

  it('drops labels that would be cut by the edge of the map', () => {
    const placed = placeLabels(
      [{ id: 'edge', x: 10, y: 100, variants: [{ width: 80, height: 14 }], priority: 1 }],
      { width: 800, height: 600 },
    );
    expect(placed.size).toBe(0);
  });

  it('shortens EPCI names the way planners write them', () => {
    expect(shortTerritoryName('Communauté de communes du Val d’Ondrelle')).toBe(
      'CC du Val d’Ondrelle',
    );
    expect(shortTerritoryName("Communauté d'agglomération de Bourges")).toBe('CA de Bourges');
    expect(shortTerritoryName('Chauminay Agglomération')).toBe('Chauminay Agglomération');
  });

  it('wraps at spaces, never inside a hyphenated name', () => {
    expect(wrapLabel('CC Terres de Salault-sur-Arnelle', 18)).toEqual([
      'CC Terres de',
      'Salault-sur-Arnelle',
    ]);
    expect(wrapLabel('Vierzon')).toEqual(['Vierzon']);
    expect(labelBox(['abcd', 'ab'], 10)).toEqual({ width: 4 * 10 * 0.62, height: 2 * 10 * 1.15 });
  });
});
