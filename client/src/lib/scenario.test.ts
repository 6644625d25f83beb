import { describe, expect, it } from 'vitest';
import type { ScenarioAnswer } from '../api/types';
import {
  compareScenarios,
  savedScenarioId,
  scenarioCsv,
  scenarioCsvName,
  scenarioFromHash,
  scenarioHash,
  type ScenarioSpec,
} from './scenario';

describe('scenario in the link', () => {
  const spec: ScenarioSpec = {
    name: 'Deux MAM à 15 min',
    changes: [
      { op: 'add', kind: 'mam', lon: 2.41, lat: 47.08, places: 16 },
      { op: 'close', facility: 'eaje-12' },
    ],
  };

  it('reads back the scenario it wrote, accents and all', () => {
    expect(scenarioFromHash(scenarioHash(spec))).toEqual(spec);
  });

  it('reads no scenario from another hash or a damaged one', () => {
    expect(scenarioFromHash('')).toBeNull();
    expect(scenarioFromHash('#carte')).toBeNull();
    expect(scenarioFromHash('#scenario=%7Bnot-json')).toBeNull();
    expect(scenarioFromHash(`#scenario=${encodeURIComponent('{"name":1}')}`)).toBeNull();
  });
});

const territory = (
  level: 'commune' | 'epci',
  code: string,
  name: string,
  access: [number | null, number | null],
  children: [number, number] = [0, 0],
) => ({
  level,
  code,
  name,
  coverage_before: 40,
  coverage_after: 41.5,
  accessibility_before: access[0],
  accessibility_after: access[1],
  children_gaining: children[0],
  children_losing: children[1],
});
const answer = (name: string, territories: ScenarioAnswer['territories']): ScenarioAnswer => ({
  name,
  year: 2024,
  minutes: 15,
  children_gaining: 0,
  children_losing: 0,
  territories,
  cells: [],
  metadata: {
    fictional: true,
    datasets: [{ name: 'Territoire fictif', vintage: '2024', fictional: true }],
  } as unknown as ScenarioAnswer['metadata'],
});

describe('a saved scenario in the link', () => {
  it('reads an id, and nothing else', () => {
    expect(savedScenarioId('18')).toBe(18);
    expect(savedScenarioId('0')).toBeNull();
    expect(savedScenarioId('18a')).toBeNull();
    expect(savedScenarioId(['18'])).toBeNull();
    expect(savedScenarioId(undefined)).toBeNull();
  });
});

describe('a scenario’s result as CSV', () => {
  it('writes rates with decimal commas, children gaining and losing, names safe for a spreadsheet', () => {
    const csv = scenarioCsv(
      answer('=Deux MAM', [territory('commune', '99001', 'Alpha', [31.2, 45.7], [12.5, 0])]),
    );
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, row, end] = csv.slice(1).split('\r\n');
    expect(header.split(';').slice(0, 10)).toEqual([
      'niveau',
      'code',
      'territoire',
      'taux_couverture_avant',
      'taux_couverture_apres',
      'accessibilite_avant',
      'accessibilite_apres',
      'ecart_accessibilite',
      'enfants_gagnant_15_min',
      'enfants_perdant_15_min',
    ]);
    expect(row.split(';').slice(0, 12)).toEqual([
      'commune',
      '99001',
      'Alpha',
      '40',
      '41,5',
      '31,2',
      '45,7',
      '14,5',
      '12,5',
      '0',
      "'=Deux MAM",
      '2024',
    ]);
    expect(row).toContain(';oui;Territoire fictif (2024)');
    expect(end).toBe('');
    expect(scenarioCsvName(answer('Deux MAM à Évry !', []))).toBe(
      'scenario-deux-mam-a-evry-2024.csv',
    );
  });
});

describe('two scenarios side by side', () => {
  it('pairs territories, takes an unchanged one’s figures from the other, largest gaps first', () => {
    const a = answer('A', [
      territory('commune', '1', 'Alpha', [30, 40], [10, 0]),
      territory('commune', '2', 'Beta', [20, 22], [2, 0]),
      territory('epci', '9', 'CC', [25, 30], [12, 0]),
    ]);
    const b = answer('B', [
      territory('commune', '2', 'Beta', [20, 35], [15, 1]),
      territory('epci', '9', 'CC', [25, 33], [14, 1]),
    ]);
    const rows = compareScenarios(a, b);
    expect(rows.map((r) => [r.level, r.name, r.accessibilityGap, r.childrenGap])).toEqual([
      ['commune', 'Beta', 13, 12],
      // B leaves Alpha as it was: 30 before, against A's 40 after.
      ['commune', 'Alpha', -10, -10],
      ['epci', 'CC', 3, 1],
    ]);
    expect(rows[1].b).toBeNull();
  });
});
