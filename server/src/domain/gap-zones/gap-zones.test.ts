import { describe, expect, it } from 'vitest';
import {
  criterionKey,
  gapZones,
  identifyZones,
  placesMissing,
  zoneIdFromCells,
  type GapCell,
} from '.';

/**
 * A grid drawn as text, north at the top: `#` a cell whose nearest place is 20 min away, `u` a
 * cell that reaches no place, `.` a cell 5 min from a place, ` ` no cell. Each cell holds 2
 * children (`children` overrides) and belongs to commune A left of column 3, B from it.
 */
function grid(rows: string[], children: Record<string, number> = {}): GapCell[] {
  const cells: GapCell[] = [];
  rows.forEach((line, r) => {
    const row = rows.length - 1 - r;
    [...line].forEach((ch, col) => {
      if (ch === ' ') return;
      const id = `c${col}-${row}`;
      const far = ch === '#';
      cells.push({
        id,
        col,
        row,
        children: children[id] ?? 2,
        minutes: ch === 'u' ? null : far ? 20 : 5,
        nearest: ch === 'u' ? null : far ? 'eaje-9' : 'eaje-1',
        communes: [col < 3 ? 'A' : 'B'],
      });
    });
  });
  return cells;
}

const SANS_OFFRE = { kind: 'sans_offre', minutes: 15 } as const;
const OPTIONS = { referenceRate: 60, minChildren: 5 };

describe('gap zones from the grid', () => {
  it('groups cells beyond the minutes by side adjacency, not by corners', () => {
    const cells = grid([
      '##...', //
      '#u..#',
      '...#.',
    ]);
    const zones = gapZones(cells, SANS_OFFRE, { ...OPTIONS, minChildren: 0 });
    // West block of 4 cells (8 children); the two east cells touch at a corner only: 2 zones.
    expect(zones.map((z) => z.cells)).toEqual([
      ['c0-1', 'c0-2', 'c1-1', 'c1-2'],
      ['c3-0'],
      ['c4-1'],
    ]);
    expect(zones[0]).toEqual({
      cells: ['c0-1', 'c0-2', 'c1-1', 'c1-2'],
      children: 8,
      places_missing: 5, // 8 children × 60 / 100 = 4.8, rounded up
      nearest: [{ id: 'eaje-9', minutes: 20 }],
      cells_unreachable: 1,
      communes: ['A'],
    });
    expect(zones[2].communes).toEqual(['B']);
  });

  it('drops zones with fewer children than the minimum', () => {
    const cells = grid(['##..#'], { 'c4-0': 4.9 });
    const zones = gapZones(cells, SANS_OFFRE, OPTIONS);
    // c0/c1: 4 children (< 5), c4: 4.9 (< 5): nothing left.
    expect(zones).toEqual([]);
    expect(gapZones(cells, SANS_OFFRE, { ...OPTIONS, minChildren: 4 }).map((z) => z.cells)).toEqual(
      [['c4-0'], ['c0-0', 'c1-0']],
    );
  });

  it('counts a place exactly at the minutes as within reach, and ignores empty cells', () => {
    const cells = grid(['###'], { 'c1-0': 0 });
    cells[2].minutes = 15;
    const zones = gapZones(cells, SANS_OFFRE, { ...OPTIONS, minChildren: 0 });
    expect(zones.map((z) => z.cells)).toEqual([['c0-0']]);
  });

  it('marks cells "sous-dotée" by their access against a share of the reference', () => {
    const cells = grid(['....']).map((c, i) => ({ ...c, access: [10, 29.9, 30, 80][i] }));
    const zones = gapZones(
      cells,
      { kind: 'sous_dotee', share: 0.5 },
      { referenceRate: 60, minChildren: 0 },
    );
    // Under 0.5 × 60 = 30: the first two cells. Missing: 2 × (60 − 10)/100 + 2 × (60 − 29.9)/100 = 1.602 → 2.
    expect(zones).toHaveLength(1);
    expect(zones[0].cells).toEqual(['c0-0', 'c1-0']);
    expect(zones[0].places_missing).toBe(2);
  });

  it('counts places missing to the reference with the places already within reach', () => {
    const cells = grid(['##'], { 'c0-0': 10, 'c1-0': 5 });
    expect(placesMissing(cells, 60)).toBe(9); // 15 × 0.6
    expect(placesMissing([{ ...cells[0], access: 50 }, cells[1]], 60)).toBe(4); // 10 × 0.1 + 5 × 0.6
  });

  it('gives the same zones whatever the order of the cells', () => {
    const cells = grid(['##.##', '#...#', '##u##']);
    const a = gapZones(cells, SANS_OFFRE, OPTIONS);
    const b = gapZones([...cells].reverse(), SANS_OFFRE, OPTIONS);
    const shuffled = [...cells].sort((x, y) =>
      x.id.split('').reverse() < y.id.split('').reverse() ? -1 : 1,
    );
    expect(b).toEqual(a);
    expect(gapZones(shuffled, SANS_OFFRE, OPTIONS)).toEqual(a);
    expect(a.map((z) => z.children)).toEqual([22]); // a ring around the middle: one zone of 11 cells
  });

  it('refuses a cell twice, naming it and its row', () => {
    const cells = grid(['##']);
    expect(() => gapZones([...cells, cells[0]], SANS_OFFRE, OPTIONS)).toThrow(
      'Cell c0-0 appears twice (row 3)',
    );
  });
});

describe('identity of gap zones across recomputations', () => {
  const key = criterionKey(SANS_OFFRE);

  it('derives a new zone’s id from the criterion and its cells only', () => {
    expect(zoneIdFromCells(key, ['b', 'a'])).toBe(zoneIdFromCells(key, ['a', 'b']));
    expect(zoneIdFromCells(key, ['a', 'b'])).not.toBe(zoneIdFromCells('sans_offre:20', ['a', 'b']));
    expect(zoneIdFromCells(key, ['a'])).toMatch(/^gz-[0-9a-f]{12}$/);
  });

  it('keeps the id of a zone that keeps at least half of its cells', () => {
    const before = identifyZones(key, gapZones(grid(['####.##']), SANS_OFFRE, OPTIONS), []);
    expect(before.zones.map((z) => z.cells.length)).toEqual([4]); // the east pair has 4 children
    const west = before.zones[0].id;
    // The west zone loses two of its four cells (half): it keeps its id.
    const after = identifyZones(
      key,
      gapZones(grid(['##...##']), SANS_OFFRE, { ...OPTIONS, minChildren: 4 }),
      before.zones,
    );
    expect(after.zones.map((z) => [z.cells, z.id === west, z.kept])).toEqual([
      [['c0-0', 'c1-0'], true, true],
      [['c5-0', 'c6-0'], false, false],
    ]);
    expect(after.retired).toEqual([]);
    // Down to one cell of four: a new id, and the old zone is recorded as merged into it.
    const shrunk = identifyZones(
      key,
      gapZones(grid(['#......'], { 'c0-0': 5 }), SANS_OFFRE, OPTIONS),
      before.zones,
    );
    expect(shrunk.zones[0].id).not.toBe(west);
    expect(shrunk.retired).toEqual([
      { id: west, status: 'merged', successors: [shrunk.zones[0].id] },
    ]);
  });

  it('gives a split zone’s id to its larger part and records a vanished zone', () => {
    const previous = [
      { id: 'gz-big', cells: ['c0-0', 'c1-0', 'c2-0', 'c3-0', 'c4-0'] },
      { id: 'gz-gone', cells: ['c0-5'] },
    ];
    const now = gapZones(grid(['###.#']), SANS_OFFRE, { ...OPTIONS, minChildren: 0 });
    const { zones, retired } = identifyZones(key, now, previous);
    expect(zones.map((z) => [z.cells, z.id])).toEqual([
      [['c0-0', 'c1-0', 'c2-0'], 'gz-big'],
      [['c4-0'], zoneIdFromCells(key, ['c4-0'])],
    ]);
    expect(retired).toEqual([{ id: 'gz-gone', status: 'disappeared', successors: [] }]);
  });

  it('records a zone split into parts none of which keeps half of it', () => {
    const previous = [{ id: 'gz-old', cells: ['c0-0', 'c1-0', 'c2-0', 'c3-0', 'c4-0'] }];
    const now = gapZones(grid(['##.##']), SANS_OFFRE, { ...OPTIONS, minChildren: 0 });
    const { zones, retired } = identifyZones(key, now, previous);
    expect(zones.every((z) => !z.kept)).toBe(true);
    expect(retired).toEqual([
      { id: 'gz-old', status: 'split', successors: zones.map((z) => z.id).sort() },
    ]);
  });

  it('when two zones merge, the one sharing more cells keeps its id, one to one', () => {
    const previous = [
      { id: 'gz-a', cells: ['c0-0', 'c1-0'] },
      { id: 'gz-b', cells: ['c3-0', 'c4-0', 'c5-0'] },
    ];
    const now = gapZones(grid(['######']), SANS_OFFRE, OPTIONS);
    const { zones, retired } = identifyZones(key, now, previous);
    expect(zones.map((z) => z.id)).toEqual(['gz-b']);
    expect(retired).toEqual([{ id: 'gz-a', status: 'merged', successors: ['gz-b'] }]);
  });

  it('gives the same ids for the same inputs, whatever their order', () => {
    const previous = [
      { id: 'gz-a', cells: ['c0-0', 'c1-0'] },
      { id: 'gz-b', cells: ['c3-0', 'c4-0', 'c5-0'] },
    ];
    const cells = grid(['###.##', '#....#']);
    const a = identifyZones(key, gapZones(cells, SANS_OFFRE, OPTIONS), previous);
    const b = identifyZones(
      key,
      gapZones([...cells].reverse(), SANS_OFFRE, OPTIONS),
      [...previous].reverse(),
    );
    expect(b).toEqual(a);
    expect(
      identifyZones(key, gapZones(cells, SANS_OFFRE, OPTIONS), []).zones.map((z) => z.id),
    ).toEqual(identifyZones(key, gapZones(cells, SANS_OFFRE, OPTIONS), []).zones.map((z) => z.id));
  });
});
