import { describe, expect, it } from 'vitest';
import { exportFileName, mapCaptions, sourcesLine, sourcesOfIds } from './export-captions';

describe('export captions', () => {
  it('titles a map with its level and year, and names the territory and the national reference', () => {
    const c = mapCaptions({
      levelLabel: 'Intercommunalités',
      year: 2024,
      territoryName: 'Vallée-d’Escaude',
      national: { rate: 60.9, year: 2023 },
      datasets: [],
    });
    expect(c.title).toBe(
      'Taux de couverture de l’accueil du jeune enfant — Intercommunalités, 2024',
    );
    expect(c.subtitle).toBe(
      'Vallée-d’Escaude · places pour 100 enfants de moins de 3 ans (méthode Cnaf/ONAPE) · référence France 2023 : 60,9',
    );
    expect(c.referenceLabel).toBe('France 2023');
    expect(c.sources).toBe('Berceau');
  });

  it('leaves out what is unknown rather than writing "null"', () => {
    const c = mapCaptions({
      levelLabel: 'Communes',
      year: null,
      territoryName: '',
      national: null,
      datasets: [],
    });
    expect(c.title).toBe('Taux de couverture de l’accueil du jeune enfant — Communes');
    expect(c.subtitle).toBe('places pour 100 enfants de moins de 3 ans (méthode Cnaf/ONAPE)');
  });

  it('flags fictional datasets once', () => {
    expect(
      sourcesLine([
        { name: 'Population (territoire fictif)', vintage: '2019-2024', fictional: true },
        { name: 'EAJE', vintage: '2024', fictional: true },
        { name: 'INSEE RP', vintage: '2021', fictional: false },
      ]),
    ).toBe('Population (territoire fictif) (2019-2024) ; EAJE (2024) [fictif] ; INSEE RP (2021)');
  });

  it('names files after the level and the year', () => {
    expect(exportFileName('carte', 'epci', 2024, 'png')).toBe('berceau-carte-epci-2024.png');
    expect(exportFileName('tableau', 'commune', null, 'csv')).toBe(
      'berceau-commune-derniere-annee.csv',
    );
  });

  it('ends file names with the département shown, so that two départements’ exports do not collide', () => {
    expect(exportFileName('carte', 'epci', 2021, 'png', '18')).toBe(
      'berceau-carte-epci-2021-dep18.png',
    );
    expect(exportFileName('tableau', 'epci', 2021, 'csv', '18')).toBe(
      'berceau-epci-2021-dep18.csv',
    );
    expect(exportFileName('tableau', 'epci', 2021, 'csv', 'Z1')).not.toBe(
      exportFileName('tableau', 'epci', 2021, 'csv', '18'),
    );
    expect(exportFileName('tableau', 'commune', 2024, 'csv', '2A')).toBe(
      'berceau-commune-2024-dep2A.csv',
    );
    expect(exportFileName('carte', 'commune', null, 'png', '976')).toBe(
      'berceau-carte-commune-derniere-annee-dep976.png',
    );
    // No département shown: the names as before.
    expect(exportFileName('tableau', 'epci', 2021, 'csv', null)).toBe('berceau-epci-2021.csv');
    expect(exportFileName('tableau', 'epci', 2021, 'csv', '')).toBe('berceau-epci-2021.csv');
    // Nothing but letters and digits reaches the name.
    expect(exportFileName('tableau', 'epci', 2021, 'csv', '../18')).toBe(
      'berceau-epci-2021-dep18.csv',
    );
  });

  it('names the datasets an answer points to, by id or key, and keeps other names as they are', () => {
    const all = [
      { id: 1, key: 'population-2021', name: 'Population', vintage: '2021', fictional: false },
      { id: 2, key: 'eaje-2024', name: 'EAJE', vintage: '2024', fictional: true },
    ];
    expect(sourcesOfIds(new Set([2, 'population-2021']), all)).toBe(
      'Population (2021) ; EAJE (2024) [fictif]',
    );
    expect(sourcesOfIds(new Set(['Réseau OSM']), all)).toBe('Réseau OSM');
    expect(sourcesOfIds(new Set(), all)).toBe('Berceau');
  });
});
