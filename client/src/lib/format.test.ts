import { describe, expect, it } from 'vitest';
import {
  csvNumber,
  formatCount,
  formatDecimal,
  formatRate,
  formatSignedRate,
  MISSING,
  territorySummary,
} from './format';

const NNBSP = '\u202f';

describe('French number formatting', () => {
  it('writes a rate with a decimal comma and one decimal', () => {
    expect(formatRate(45.3)).toBe('45,3');
    expect(formatRate(45.25)).toBe('45,3');
    expect(formatRate(60)).toBe('60,0');
  });

  it('separates thousands with a narrow no-break space', () => {
    expect(formatCount(1234)).toBe(`1${NNBSP}234`);
    expect(formatDecimal(12345.67, 1)).toBe(`12${NNBSP}345,7`);
  });

  it('writes fractional counts (AM places times the under-3 share) with one decimal only', () => {
    expect(formatCount(32.4)).toBe('32,4');
    expect(formatCount(12)).toBe('12');
  });

  it('writes a missing value as "n.d.", never as 0', () => {
    expect(formatRate(null)).toBe(MISSING);
    expect(formatCount(undefined)).toBe(MISSING);
    expect(formatRate(Number.NaN)).toBe(MISSING);
  });

  it('signs differences with a true minus sign', () => {
    expect(formatSignedRate(3.24)).toBe('+3,2');
    expect(formatSignedRate(-5)).toBe('\u22125,0');
    expect(formatSignedRate(0.01)).toBe('0,0');
  });

  it('writes CSV numbers with a decimal comma and no thousands separator', () => {
    expect(csvNumber(12345.6)).toBe('12345,6');
    expect(csvNumber(null)).toBe('');
  });

  it('summarises a territory for the map tooltip, flagging small populations', () => {
    expect(territorySummary({ name: 'Vierzon', coverage_rate: 45.25 })).toBe(
      'Vierzon : 45,3 places pour 100 enfants',
    );
    expect(territorySummary({ name: 'Aix', coverage_rate: 150, small_population: true })).toBe(
      'Aix : petite population (taux instable 150,0)',
    );
    expect(territorySummary({ name: 'Nulle', coverage_rate: null })).toBe('Nulle : pas de donnée');
  });
});
