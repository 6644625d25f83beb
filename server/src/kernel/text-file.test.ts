import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeText, detectDelimiter, readCsv } from './text-file';

const fixture = (name: string) =>
  new Uint8Array(
    fs.readFileSync(path.join(import.meta.dirname, '../features/imports/test/fixtures', name)),
  );

describe('reading French CSV files', () => {
  it('detects Latin-1 (Windows-1252) and reads accents correctly', () => {
    const { text, encoding } = decodeText(fixture('population-latin1-accents.csv'));
    expect(encoding).toBe('Windows-1252');
    expect(text).toContain('Saint-Éloy');
  });

  it('strips a UTF-8 BOM and says it was there', () => {
    const { text, encoding } = decodeText(fixture('population-bom-comma-separator.csv'));
    expect(encoding).toBe('UTF-8 (BOM)');
    expect(text.startsWith('CODGEO')).toBe(true);
  });

  it('detects the separator, ignoring separators inside quotes', () => {
    expect(detectDelimiter('a;b;c\n1;2;3\n')).toEqual({ delimiter: ';' });
    expect(detectDelimiter('nom,adresse\n"Crèche A","1, rue B"\n')).toEqual({ delimiter: ',' });
    expect(detectDelimiter('a\tb\n1\t2\n')).toEqual({ delimiter: '\t' });
  });

  it('refuses a header and rows with different separators', () => {
    expect(detectDelimiter('a;b;c\n1,2,3\n4,5,6\n')).toEqual({
      error:
        'the header is separated by semicolon (;) but the rows by comma (,): use one separator',
    });
  });

  it('numbers rows by file line and reports rows with a wrong number of fields', () => {
    const { table, log } = readCsv(new TextEncoder().encode('a;b\n1;2\n"multi\nline";3\n4;5;6\n'));
    expect(table.records.map((r) => [r.row, r.values.a])).toEqual([
      [2, '1'],
      [4, 'multi\nline'],
    ]);
    expect(log.problems).toEqual([
      {
        row: 5,
        column: null,
        value: '4;5;6',
        reason:
          '3 fields where the header has 2 (separator inside a value, or a different separator?)',
        severity: 'error',
      },
    ]);
  });
});
