import { describe, expect, it } from 'vitest';
import {
  normaliseLabel,
  parseBoolean,
  parseDecimal,
  parsePositiveInteger,
  parseYear,
} from './values';

describe('reading French spreadsheet values', () => {
  it('reads decimal commas, no-break spaces between thousands and both separator conventions', () => {
    expect(parseDecimal('1 631,28')).toBe(1631.28);
    expect(parseDecimal('64\u00a0186,0')).toBe(64186);
    expect(parseDecimal('1\u202f036')).toBe(1036);
    expect(parseDecimal('1.234,5')).toBe(1234.5);
    expect(parseDecimal('1,234.5')).toBe(1234.5);
    expect(parseDecimal('47.081')).toBe(47.081);
    expect(parseDecimal('-2')).toBe(-2);
  });

  it('tells an empty cell (null) from an unreadable one (NaN)', () => {
    expect(parseDecimal('')).toBeNull();
    expect(parseDecimal('  ')).toBeNull();
    expect(parseDecimal('douze')).toBeNaN();
    expect(parseDecimal('1,2,3')).toBeNaN();
  });

  it('accepts places written 12, 12,0 or 12.0 but not 12,5, 0 or text', () => {
    expect(parsePositiveInteger('12,0')).toEqual({ ok: true, value: 12 });
    expect(parsePositiveInteger('12,5')).toEqual({ ok: false, reason: 'not a whole number' });
    expect(parsePositiveInteger('0')).toEqual({ ok: false, reason: 'must be a positive integer' });
    expect(parsePositiveInteger('douze')).toEqual({ ok: false, reason: 'not a number' });
    expect(parsePositiveInteger('')).toEqual({ ok: false, reason: 'missing value' });
  });

  it('reads oui/non, 1/0, actif/inactif; undefined when unreadable', () => {
    expect([
      parseBoolean('Oui'),
      parseBoolean('non'),
      parseBoolean('1'),
      parseBoolean('inactif'),
    ]).toEqual([true, false, true, false]);
    expect(parseBoolean('')).toBeNull();
    expect(parseBoolean('peut-être')).toBeUndefined();
  });

  it('reads years from YYYY, ISO and French dates', () => {
    expect([
      parseYear('2019'),
      parseYear('2019-09-01'),
      parseYear('01/09/2019'),
      parseYear(''),
    ]).toEqual([2019, 2019, 2019, null]);
    expect(parseYear('sept. 2019')).toBeNaN();
  });

  it('normalises labels without accents or punctuation', () => {
    expect(normaliseLabel("Crèche d'entreprise — Micro-crèche")).toBe(
      'creche d entreprise micro creche',
    );
  });
});
