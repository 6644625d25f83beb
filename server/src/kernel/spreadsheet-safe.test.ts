import { describe, expect, it } from 'vitest';
import { spreadsheetSafe } from './spreadsheet-safe';

describe('text cells a spreadsheet would run as formulas', () => {
  it.each([
    ['=HYPERLINK("http://example.org","clic")', `'=HYPERLINK("http://example.org","clic")`],
    ['+33 1 23', `'+33 1 23`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\t=1+1', `'\t=1+1`],
    ['\r=1+1', `'\r=1+1`],
  ])('%j is written as text', (cell, written) => {
    expect(spreadsheetSafe(cell)).toBe(written);
  });

  it.each(['Vierzon', 'Saint-Hilaire-de-Court', 'a=b', '', "L'Île"])('%j is left alone', (cell) => {
    expect(spreadsheetSafe(cell)).toBe(cell);
  });
});
