import { describe, expect, it } from 'vitest';
import {
  belongsToDepartement,
  datasetsForDepartement,
  departementForUrl,
  departementLabel,
  displayedDepartement,
  type LoadedDepartement,
} from './departements';
import { decodeUrlState, DEFAULT_STATE, encodeUrlState } from './url-state';

const demo: LoadedDepartement = { departementCode: 'Z1', name: 'Val-Fictif', fictional: true };
const cher: LoadedDepartement = { departementCode: '18', name: 'Cher', fictional: false };
const indre: LoadedDepartement = { departementCode: '36', name: 'Indre', fictional: false };

describe('département shown', () => {
  it('is the one the link asks for when it is loaded', () => {
    expect(displayedDepartement([cher, demo], 'Z1')).toBe(demo);
    expect(displayedDepartement([cher, indre, demo], '36')).toBe(indre);
  });

  it('defaults to the first real one, else the demo, else nothing', () => {
    // The API lists départements by code: a real code sorts before the demo's Z1.
    expect(displayedDepartement([cher, demo], null)).toBe(cher);
    expect(displayedDepartement([demo, cher], null)).toBe(cher);
    expect(displayedDepartement([cher, demo], '75')).toBe(cher);
    expect(displayedDepartement([demo], null)).toBe(demo);
    expect(displayedDepartement([], '18')).toBeNull();
  });

  it('is written in the link only when there is a choice', () => {
    expect(departementForUrl([cher, demo], null)).toBe('18');
    expect(departementForUrl([cher, demo], 'Z1')).toBe('Z1');
    expect(departementForUrl([cher, demo], '75')).toBe('18');
    expect(departementForUrl([demo], 'Z1')).toBeNull();
    expect(departementForUrl([], null)).toBeNull();
  });

  it('labels fictional départements as such, and only them', () => {
    expect(departementLabel(demo)).toBe('Val-Fictif (Z1, fictif)');
    expect(departementLabel(cher)).toBe('Cher (18)');
  });
});

describe('a selection and the département shown', () => {
  it('communes and départements by their code', () => {
    expect(
      belongsToDepartement({ level: 'commune', code: '18033', departement_code: '18' }, '18', null),
    ).toBe(true);
    expect(
      belongsToDepartement({ level: 'commune', code: 'Z1001', departement_code: 'Z1' }, '18', null),
    ).toBe(false);
    expect(
      belongsToDepartement(
        { level: 'departement', code: 'Z1', departement_code: 'Z1' },
        '18',
        null,
      ),
    ).toBe(false);
    expect(
      belongsToDepartement(
        { level: 'departement', code: '18', departement_code: '18' },
        '18',
        null,
      ),
    ).toBe(true);
  });

  it('an EPCI by its seat, or by the département’s EPCI list once loaded (it may cross the line)', () => {
    const seatedElsewhere = { level: 'epci' as const, code: '200000001', departement_code: '36' };
    expect(belongsToDepartement(seatedElsewhere, '18', null)).toBeNull();
    expect(belongsToDepartement(seatedElsewhere, '18', new Set(['200000001']))).toBe(true);
    expect(belongsToDepartement(seatedElsewhere, '18', new Set(['241800507']))).toBe(false);
    expect(belongsToDepartement({ ...seatedElsewhere, departement_code: '18' }, '18', null)).toBe(
      true,
    );
  });
});

describe('URL state: the département', () => {
  it('is encoded first as dep=, and restored', () => {
    const state = { ...DEFAULT_STATE, layers: [], departement: '18', level: 'commune' as const };
    expect(encodeUrlState(state)).toBe('dep=18&level=commune');
    expect(decodeUrlState('?dep=18&level=commune')).toEqual(state);
    expect(decodeUrlState('dep=2A').departement).toBe('2A');
    expect(decodeUrlState('dep=Z1').departement).toBe('Z1');
  });

  it('is left out by default and dropped when malformed', () => {
    expect(encodeUrlState({ ...DEFAULT_STATE, layers: [] })).not.toContain('dep=');
    for (const bad of ['cher', '1', '18;DROP', '2a', '1234'])
      expect(decodeUrlState(`dep=${encodeURIComponent(bad)}`).departement, bad).toBeNull();
  });
});

describe('sources named for the département shown', () => {
  const d = (id: number, kind: string, fictional: boolean) => ({ id, kind, fictional });
  const demoFigures = [d(1, 'territory', true), d(2, 'population', true)];
  const cherFigures = [d(10, 'territory', false), d(11, 'population', false)];
  const all = [...demoFigures, d(3, 'roads', true), ...cherFigures, d(12, 'roads', false)];

  it('with one département loaded: every dataset', () => {
    expect(datasetsForDepartement(all, demoFigures, [demo], demo)).toEqual(all);
  });

  it('with several: the figures shown and the roads as fictional as the département, nothing of the other', () => {
    const forCher = datasetsForDepartement(all, cherFigures, [cher, demo], cher);
    expect(forCher.map((x) => x.id)).toEqual([10, 11, 12]);
    expect(forCher.some((x) => x.fictional)).toBe(false);
    const forDemo = datasetsForDepartement(all, demoFigures, [cher, demo], demo);
    expect(forDemo.map((x) => x.id)).toEqual([1, 2, 3]);
    expect(forDemo.every((x) => x.fictional)).toBe(true);
  });

  it('without /api/health: the figures shown', () => {
    expect(datasetsForDepartement(null, cherFigures, [], null)).toEqual(cherFigures);
  });
});
