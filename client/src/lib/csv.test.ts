import { describe, expect, it } from 'vitest';
import { BOM, buildCsv } from './csv';

describe('CSV for French Excel', () => {
  it('starts with a BOM, separates with ";", uses decimal commas and CRLF', () => {
    const csv = buildCsv(
      [
        {
          header: 'Nom',
          value: (r: { name: string; rate: number | null; small: boolean }) => r.name,
        },
        { header: 'Taux', value: (r) => r.rate },
        { header: 'Petite population', value: (r) => r.small },
      ],
      [
        { name: 'Vierzon', rate: 45.3, small: false },
        { name: 'Saint-Hilaire; "le bas"', rate: null, small: true },
      ],
    );
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'Nom;Taux;Petite population',
      'Vierzon;45,3;non',
      '"Saint-Hilaire; ""le bas""";;oui',
      '',
    ]);
  });

  it('writes text a spreadsheet would run as a formula as text, and negative numbers as numbers', () => {
    const csv = buildCsv(
      [
        { header: 'Nom', value: (r: { name: string; gap: number }) => r.name },
        { header: 'Écart', value: (r) => r.gap },
      ],
      [
        { name: '=HYPERLINK("http://example.org";"clic")', gap: -12.5 },
        { name: '@SUM(A1)', gap: 3 },
        { name: '-Vierzon', gap: -1 },
        { name: 'Saint-Hilaire', gap: 0 },
      ],
    );
    expect(csv.slice(1).split('\r\n')).toEqual([
      'Nom;Écart',
      `"'=HYPERLINK(""http://example.org"";""clic"")";-12,5`,
      "'@SUM(A1);3",
      "'-Vierzon;-1",
      'Saint-Hilaire;0',
      '',
    ]);
  });
});
