import { describe, expect, it } from 'vitest';
import { NATIONAL_COVERAGE_SERIES, nationalReference, parseNationalSeries } from './index';

const SOURCE =
  "CNAF / ONAPE, « L'accueil du jeune enfant », rapports de l'Observatoire national de la petite enfance";

describe('the national reference series', () => {
  it('ships the published years 2006, 2015, 2020 and 2023, in order, each with its source', () => {
    expect(NATIONAL_COVERAGE_SERIES.map((e) => [e.year, e.rate])).toEqual([
      [2006, 47.6],
      [2015, 56.6],
      [2020, 58.8],
      [2023, 60.9],
    ]);
    for (const e of NATIONAL_COVERAGE_SERIES) expect(e.source).toBe(SOURCE);
  });

  it('gives the 2023 breakdown by mode, which adds up to 60.9', () => {
    const ref = nationalReference(2023)!;
    expect(ref).toMatchObject({
      year: 2023,
      requestedYear: 2023,
      rate: 60.9,
      carriedForward: false,
    });
    expect(ref.breakdown).toEqual({
      eajePsu: 19.9,
      eajeHorsPsu: 3.6,
      am: 31.9,
      homeCare: 2.2,
      preschool: 3.3,
    });
    const b = ref.breakdown!;
    expect(b.eajePsu + b.eajeHorsPsu + b.am + b.homeCare + b.preschool).toBeCloseTo(60.9, 10);
  });

  it('carries the 2023 figure forward to 2024, and says so', () => {
    expect(nationalReference(2024)).toMatchObject({
      year: 2023,
      requestedYear: 2024,
      rate: 60.9,
      carriedForward: true,
      source: SOURCE,
    });
  });

  it('uses the nearest earlier year, never a later one nor an interpolation (2021 → 2020, 2014 → 2006)', () => {
    expect(nationalReference(2021)).toMatchObject({ year: 2020, rate: 58.8, carriedForward: true });
    expect(nationalReference(2022)).toMatchObject({ year: 2020, rate: 58.8, carriedForward: true });
    expect(nationalReference(2014)).toMatchObject({ year: 2006, rate: 47.6, carriedForward: true });
    expect(nationalReference(2020)).toMatchObject({ year: 2020, carriedForward: false });
    expect(nationalReference(2020)!.breakdown).toBeUndefined();
  });

  it('has nothing before the first published year (2006)', () => {
    expect(nationalReference(2005)).toBeNull();
    expect(nationalReference(2006)).toMatchObject({
      year: 2006,
      rate: 47.6,
      carriedForward: false,
    });
  });

  it('refuses a year that is not an integer', () => {
    expect(() => nationalReference(2023.5)).toThrow(
      'Invalid year: must be an integer (got 2023.5)',
    );
  });

  it('accepts another series passed in, sorted by parseNationalSeries', () => {
    const local = parseNationalSeries([
      { year: 2022, rate: 70.2, source: 'Caf du Cher, diagnostic' },
      { year: 2019, rate: 68, source: 'Caf du Cher, diagnostic' },
    ]);
    expect(local.map((e) => e.year)).toEqual([2019, 2022]);
    expect(nationalReference(2021, local)).toMatchObject({
      year: 2019,
      rate: 68,
      carriedForward: true,
    });
  });

  it('refuses a series with a duplicate year, a missing source or a breakdown that does not add up', () => {
    expect(() =>
      parseNationalSeries([
        { year: 2020, rate: 1, source: 'a' },
        { year: 2020, rate: 2, source: 'b' },
      ]),
    ).toThrow('year 2020 appears twice');
    expect(() => parseNationalSeries([{ year: 2020, rate: 58.8 }])).toThrow('source is required');
    expect(() =>
      parseNationalSeries({
        entries: [
          {
            year: 2023,
            rate: 60.9,
            source: 's',
            breakdown: { eajePsu: 19.9, eajeHorsPsu: 3.6, am: 31.9, homeCare: 2.2, preschool: 0 },
          },
        ],
      }),
    ).toThrow('breakdown adds up to 57.60, not 60.9');
    expect(() => parseNationalSeries({})).toThrow('expected an array of entries');
  });
});
