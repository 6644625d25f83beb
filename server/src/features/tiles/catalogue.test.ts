import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { loadQuery, QUERIES_DIR, withoutLineComments } from '../../db/sql';
import { MAX_TILE_ZOOM } from '../../domain/tiles/tile-id';
import { findLayer, LAYERS, tileUrlTemplate } from './catalogue';

describe('tile layer catalogue', () => {
  it('has one entry per layer id, each with a zoom range inside the pyramid', () => {
    const ids = LAYERS.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const l of LAYERS) {
      expect(l.id).toMatch(/^[a-z]+$/);
      expect(l.minzoom).toBeGreaterThanOrEqual(0);
      expect(l.minzoom).toBeLessThanOrEqual(l.maxzoom);
      expect(l.maxzoom).toBeLessThanOrEqual(MAX_TILE_ZOOM);
    }
  });

  it('every layer has its SQL file whose contract comment documents each catalogued field', () => {
    for (const l of LAYERS) {
      const sql = fs.readFileSync(path.join(QUERIES_DIR, `tiles/${l.id}.sql`), 'utf8');
      const contract = sql
        .split('\n')
        .filter((line) => line.startsWith('--'))
        .join('\n');
      expect(contract, l.id).toMatch(/EPSG:3857/);
      for (const f of l.fields) {
        expect(f.name).toMatch(/^[a-z][a-z0-9_]*$/);
        expect(contract, `${l.id}.${f.name}`).toMatch(new RegExp(`\\b${f.name}\\b`));
      }
      // knex reads '?' as a positional binding.
      expect(withoutLineComments(sql), l.id).not.toContain('?');
    }
  });

  it('childminders never reads a childminder’s home: no childminder geometry in its SQL', () => {
    const sql = loadQuery('tiles/childminders'); // comments already stripped
    expect(sql).not.toMatch(/\ba\.geom\b|childminder\s*\.\s*geom/);
    expect(sql).toMatch(/c\.label_point/);
  });

  it('finds layers by id only', () => {
    expect(findLayer('communes')?.geometryType).toBe('polygon');
    expect(findLayer('communes; DROP TABLE commune')).toBeUndefined();
    expect(tileUrlTemplate(findLayer('eaje')!)).toBe('/api/tiles/eaje/{z}/{x}/{y}.mvt');
  });

  it('withoutLineComments keeps quoted text that looks like a comment', () => {
    expect(withoutLineComments("SELECT '--not a comment' AS a -- a :comment\nFROM t")).toBe(
      "SELECT '--not a comment' AS a \nFROM t",
    );
  });
});
