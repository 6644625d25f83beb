import { describe, expect, it } from 'vitest';
import { projectChildminderDepartures, type ActiveChildminder } from './index';

/**
 * Six active AM in 2024, retirement at 63 (the default):
 * - born 1962, 4 places: 63 in 2025, leaves in 2025;
 * - born 1960, 3 places: 63 in 2023, still active, counted as leaving in 2025;
 * - aged 60 in 2024, 2 places: born 1964 at the latest, leaves in 2027;
 * - born 1965, 4 places, in a MAM: leaves in 2028;
 * - no age, 4 places: not projected;
 * - born 1980, 3 places: leaves in 2043, after the horizon.
 */
const AM: ActiveChildminder[] = [
  { birthYear: 1962, agreementPlaces: 4 },
  { birthYear: 1960, agreementPlaces: 3 },
  { age: 60, agreementPlaces: 2 },
  { birthYear: 1965, agreementPlaces: 4, inMam: true },
  { agreementPlaces: 4 },
  { birthYear: 1980, agreementPlaces: 3 },
];
const input = { baseYear: 2024, agesAsOfYear: 2024, childminders: AM };

describe('childminder departures from their ages', () => {
  const d = projectChildminderDepartures(input);

  it('counts each AM leaving in the year she reaches the retirement age', () => {
    expect(d.kind).toBe('projection');
    expect(d.retirementAge).toBe(63);
    expect(d.years.map((y) => [y.year, y.departures, y.agreementPlacesLost])).toEqual([
      [2025, 2, 7],
      [2026, 0, 0],
      [2027, 1, 2],
      [2028, 1, 4],
      [2029, 0, 0],
    ]);
    expect(d.years[3].mam).toEqual({ count: 1, agreementPlaces: 4 });
    expect(d.years[0].under3PlacesLost).toBeCloseTo(7 * 0.81, 12);
  });

  it('sums the departures year after year, home and MAM apart', () => {
    expect(d.years[4].cumulative).toEqual({
      departures: 4,
      agreementPlacesLost: 13,
      under3PlacesLost: expect.closeTo(13 * 0.81, 12),
      homeAgreementPlacesLost: 9,
      mamAgreementPlacesLost: 4,
    });
  });

  it('tallies the AM of unknown age apart and says the losses are underestimated', () => {
    expect(d.active).toEqual({ count: 6, agreementPlaces: 20 });
    expect(d.knownAge).toEqual({ count: 5, agreementPlaces: 16 });
    expect(d.unknownAge).toEqual({ count: 1, agreementPlaces: 4 });
    expect(d.atOrPastRetirementAge).toEqual({ count: 1, agreementPlaces: 3 });
    expect(d.warnings.map((w) => w.code)).toEqual(['unknown_age', 'past_retirement_age']);
    expect(d.warnings[0].message).toBe(
      '1 assistante maternelle sur 6 (4 places d’agrément) sans âge connu : leurs départs ne sont pas projetés, les pertes sont donc sous-estimées.',
    );
    expect(d.methodText).toBe(
      'Projection : départ de chaque assistante maternelle l’année de ses 63 ans, places d’agrément comptées à 81\u202f% pour les moins de 3 ans ; 1 AM d’âge inconnu non projetées',
    );
  });

  it('moves the departures with the retirement age and the horizon', () => {
    const later = projectChildminderDepartures(input, { retirementAge: 65, horizonYears: 3 });
    // At 65: 1962 → 2027, 1960 → 2025 (past), age 60 → 2029 (beyond 2027), 1965 → 2030.
    expect(later.years.map((y) => [y.year, y.departures])).toEqual([
      [2025, 1],
      [2026, 0],
      [2027, 1],
    ]);
  });

  it('refuses bad rows and options, naming the row and the field', () => {
    const run =
      (childminders: unknown[], options = {}, agesAsOfYear?: number) =>
      () =>
        projectChildminderDepartures(
          { baseYear: 2024, agesAsOfYear, childminders: childminders as ActiveChildminder[] },
          options,
        );
    expect(run([{ birthYear: 1970, agreementPlaces: 2 }, { agreementPlaces: 7 }])).toThrow(
      'Invalid departures input: childminders[1].agreementPlaces must be an integer from 1 to 6 (got 7)',
    );
    expect(run([{ birthYear: 2015, agreementPlaces: 2 }])).toThrow(
      /childminders\[0\]\.birthYear must be an integer from 1924 to 2008/,
    );
    expect(run([{ age: 50, agreementPlaces: 2 }])).toThrow(
      'Invalid departures input: agesAsOfYear is needed when a childminder has an age',
    );
    expect(run([], { retirementAge: 40 })).toThrow(/retirementAge must be an integer from 50/);
    expect(run([], { amUnder3Share: 1.5 })).toThrow(/amUnder3Share must be a number from 0 to 1/);
  });
});
