import { describe, expect, it } from 'vitest';
import type { TerritoryProperties } from '../api/types';
import { sortTerritories, territoriesCsv } from './territory-table';

function t(
  code: string,
  name: string,
  rate: number | null,
  extra: Partial<TerritoryProperties> = {},
): TerritoryProperties {
  return {
    code,
    name,
    level: 'commune',
    epci_code: '200000001',
    departement_code: '99',
    year: 2024,
    children_under3: 100,
    places_eaje_psu: 10,
    places_eaje_hors_psu: 0,
    places_am: 32.4,
    places_mam: 0,
    places_home_care: 0,
    places_preschool: 0,
    places_total: 42.4,
    coverage_rate: rate,
    coverage_class: 'below',
    reference_rate: 60.9,
    childminders_secret: false,
    childminders_below: null,
    missing_modes: [],
    caf_rate: null,
    am_under3_share: 0.81,
    small_population: false,
    fictional: true,
    sources: [1, 2],
    ...extra,
  };
}

const rows = [
  t('99001', 'Bellac', 55.2),
  t('99002', 'Étréchy', null),
  t('99003', 'Avord', 12.5),
  t('99004', 'Zèbre', 80),
];
const tiny = t('99005', 'Aix', 0, { small_population: true, children_under3: 4 });

describe('territory table', () => {
  it('sorts by rate, lowest first, with missing rates last in both directions', () => {
    expect(sortTerritories(rows, 'coverage_rate', true).map((r) => r.name)).toEqual([
      'Avord',
      'Bellac',
      'Zèbre',
      'Étréchy',
    ]);
    expect(sortTerritories(rows, 'coverage_rate', false).map((r) => r.name)).toEqual([
      'Zèbre',
      'Bellac',
      'Avord',
      'Étréchy',
    ]);
  });

  it('puts small populations after the reliable rates, so that a 0 on 4 children does not top the gaps', () => {
    expect(sortTerritories([tiny, ...rows], 'coverage_rate', true).map((r) => r.name)).toEqual([
      'Avord',
      'Bellac',
      'Zèbre',
      'Étréchy',
      'Aix',
    ]);
  });

  it('sorts names in French order (É with E)', () => {
    expect(sortTerritories(rows, 'name', true).map((r) => r.name)).toEqual([
      'Avord',
      'Bellac',
      'Étréchy',
      'Zèbre',
    ]);
  });

  it('exports the rows as French CSV with dataset names and vintages as sources', () => {
    const csv = territoriesCsv(
      [rows[2]],
      [
        { id: 1, name: 'Population', vintage: '2021-2024', fictional: true },
        { id: 2, name: 'EAJE', vintage: '2024', fictional: true },
      ],
    );
    const [header, line] = csv.slice(1).split('\r\n');
    expect(header.split(';')[0]).toBe('Code');
    expect(header).toContain('Taux de couverture (places pour 100 enfants)');
    expect(line).toBe(
      '99003;Avord;commune;2024;100;10;0;32,4;0;0;0;42,4;12,5;60,9;En dessous;non;oui;non;Population (2021-2024) [fictif] | EAJE (2024) [fictif]',
    );
  });

  it('writes "secret" in the CSV where statistical secrecy withholds a figure, and why', () => {
    const secret = t('99006', 'Vouzeron', null, {
      places_am: null,
      places_mam: null,
      places_total: null,
      childminders_secret: true,
      childminders_below: 3,
    });
    const line = territoriesCsv([secret], []).slice(1).split('\r\n')[1];
    expect(line).toBe(
      '99006;Vouzeron;commune;2024;100;10;0;secret;secret;0;0;secret;secret;60,9;En dessous;non;oui;' +
        'secret (moins de 3 assistants maternels);1 | 2',
    );
  });
});
