import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseMode } from '../../../test/database';
import type { Database } from '../../db/database';
import { TravelService } from '../travel/service';
import { AccessibilityService, cellAccessibility } from './service';
import { territoryAccessibility } from './territories';
import { loadAccessTerritory, YEAR } from './test/territory';

/** The hand-computed case of test/territory.ts, through the database, the routing and the engine. */
describe(`accessibility over the stored territory (${databaseMode})`, () => {
  let db: Database;
  let service: AccessibilityService;
  beforeAll(async () => {
    db = await createTestDatabase();
    await loadAccessTerritory(db.knex);
    service = new AccessibilityService(db.knex, new TravelService(db.knex));
  });
  afterAll(async () => db?.close());

  const byCell = (cells: { cell_id: string; access: number }[]) =>
    Object.fromEntries(cells.map((c) => [c.cell_id, c.access]));

  it('gives each populated cell the places within reach per child (E2SFCA, 30 min, every mode)', async () => {
    const { run, cells } = await cellAccessibility(service, { fictional: true, exact: '*' });
    expect(run).toMatchObject({ year: YEAR, method: 'e2sfca', maxMinutes: 30 });
    expect(run.weights).toBe('steps:10=1,20=0.68,30=0.22');
    const access = byCell(cells);
    expect(access['cell-18001']).toBeCloseTo(30 / 60 + 10 / 60, 10);
    expect(access['cell-18002']).toBeCloseTo(30 / 60 + 10 / 60, 10);
    expect(access['cell-18003']).toBeCloseTo((4 * 0.81) / 40, 10);
    const c = cells.find((x) => x.cell_id === 'cell-18002')!;
    expect(c.children).toBe(20);
    expect(c.reachable_places).toBeCloseTo((20 * 40) / 60, 10);
    // Every place is shared out: Σ reachable places = 30 + 10 + 3.24.
    expect(cells.reduce((s, x) => s + x.reachable_places, 0)).toBeCloseTo(43.24, 10);
    expect(run.fictional).toBe(true);
    expect(run.estimated).toBe(false);
  });

  it('counts only the modes asked for', async () => {
    const { cells } = await cellAccessibility(service, {
      fictional: true,
      modes: ['am'],
      exact: '*',
    });
    expect(byCell(cells)).toEqual({ 'cell-18001': 0, 'cell-18002': 0, 'cell-18003': 0.081 });
  });

  it('leaves out for the public the childminder places of a commune withheld by secrecy', async () => {
    // Charlie has one childminder: below the secrecy threshold (3).
    const { cells } = await cellAccessibility(service, { fictional: true, modes: ['am'] });
    expect(byCell(cells)['cell-18003']).toBe(0);
  });

  it('gives each territory its accessibility rate beside the official one, with the leakage', async () => {
    const run = await service.run({ fictional: true, exact: '*' });
    const figures = await territoryAccessibility(service, run);
    const of = (code: string) => figures.find((f) => f.code === code);
    expect(of('18001')).toEqual({
      level: 'commune',
      code: '18001',
      name: 'Alpha',
      official_rate: 75,
      children: 40,
      places: 30,
      places_rate: 75,
      accessibility_rate: 66.7,
      places_used_by_residents: 20, // 40 × 0.5
      places_used_by_outsiders: 10, // Bravo's 20 × 0.5
      places_used_outside: 6.67, // 40 × 10/60, at Bravo's crèche
      places_unreached: 0,
      estimated: false,
    });
    expect(of('18002')).toMatchObject({
      official_rate: 50,
      places: 10,
      accessibility_rate: 66.7,
      places_used_by_residents: 3.33,
      places_used_by_outsiders: 6.67,
      places_used_outside: 10,
    });
    expect(of('18003')).toMatchObject({ places: 3.24, accessibility_rate: 8.1 });
    // The EPCI holds both communes of the southern line: nothing leaks out of it.
    expect(of('200000001')).toMatchObject({
      children: 60,
      places: 40,
      accessibility_rate: 66.7,
      places_used_by_residents: 40,
      places_used_by_outsiders: 0,
      places_used_outside: 0,
    });
    expect(of('18')).toMatchObject({ children: 100, places: 43.24, accessibility_rate: 43.2 });
  });

  it('2SFCA and a shorter catchment change the answer (no pair is farther than a few minutes)', async () => {
    const run = await service.run({
      fictional: true,
      method: '2sfca',
      maxMinutes: 10,
      modes: ['eaje'],
    });
    expect(run.weights).toBe('uniform');
    expect(Array.from(run.access)).toEqual([
      expect.closeTo(2 / 3, 10),
      expect.closeTo(2 / 3, 10),
      0,
    ]);
  });
});
