import { describe, expect, it } from 'vitest';
import { NdjsonSplitter } from './ndjson';

describe('NDJSON read as it arrives', () => {
  it('gives each line once it is complete, whatever the cuts between chunks', () => {
    const s = new NdjsonSplitter();
    expect(s.push('{"progress":{"pha')).toEqual([]);
    expect(s.push('se":"reading"}}\n{"progress":{"phase":"heuristic"}}\n{"res')).toEqual([
      { progress: { phase: 'reading' } },
      { progress: { phase: 'heuristic' } },
    ]);
    expect(s.push('ult":{"objective":97.5}}\n')).toEqual([{ result: { objective: 97.5 } }]);
    expect(s.end()).toEqual([]);
  });

  it('keeps a last line without its newline, and skips blank lines and CRLF endings', () => {
    const s = new NdjsonSplitter();
    expect(s.push('{"a":1}\r\n\n  \n{"b":')).toEqual([{ a: 1 }]);
    expect(s.push('2}')).toEqual([]);
    expect(s.end()).toEqual([{ b: 2 }]);
  });

  it('names the line that is not JSON', () => {
    const s = new NdjsonSplitter();
    s.push('{"a":1}\n');
    expect(() => s.push('<html>\n')).toThrow('ligne 2 illisible');
  });
});
