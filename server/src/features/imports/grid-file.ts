/**
 * A Filosofi grid file read record by record, never whole: a CSV is streamed (the national file,
 * over 2 million cells, is larger than a string may be); a GeoPackage is opened with sql.js,
 * which holds it in memory (a département's extract, not the national file: its CSV is the one
 * to use).
 */
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import { parse } from 'csv-parse';
import { bbox } from '@turf/turf';
import { isSqlite, openGeoPackage as openGeoPackageFile } from './geopackage';
import { FileFormatError } from './plan';
import { decodeText, detectDelimiter } from '../../kernel/text-file';

/** minX, minY, maxX, maxY in the layer's CRS. */
export type Extent = readonly [minX: number, minY: number, maxX: number, maxY: number];

export interface GridRecord {
  /** CSV: file line (header = 1); GeoPackage: feature number (1-based). */
  row: number;
  value(column: string): string;
  /** GeoPackage: the extent of the feature's geometry in the layer's CRS (null if empty). */
  extent?: Extent | null;
}

export interface GridSource {
  detected: Record<string, string>;
  columns: string[];
  /** GeoPackage: EPSG code of the geometry column. */
  srid?: number;
  records(): AsyncIterable<GridRecord>;
}

/** Larger GeoPackages do not fit sql.js's memory: the CSV of the same data is streamed. */
const MAX_GPKG_BYTES = 1024 ** 3;

export async function openGridFile(file: string): Promise<GridSource> {
  const handle = await fs.open(file);
  let head: Buffer;
  let size: number;
  try {
    size = (await handle.stat()).size;
    head = Buffer.alloc(Math.min(size, 64 * 1024));
    await handle.read(head, 0, head.length, 0);
  } finally {
    await handle.close();
  }
  if (size === 0) throw new FileFormatError('the file is empty');
  if (isSqlite(head)) {
    if (size > MAX_GPKG_BYTES)
      throw new FileFormatError(
        `GeoPackage of ${Math.round(size / 1024 ** 2)} MB: too large to read in memory; import the CSV of the same grid (it is streamed)`,
      );
    return openGeoPackage(new Uint8Array(await fs.readFile(file)));
  }
  return openCsv(file, head, size);
}

async function openCsv(file: string, head: Buffer, size: number): Promise<GridSource> {
  const complete = head.length === size ? head : head.subarray(0, head.lastIndexOf(0x0a) + 1);
  const { text, encoding } = decodeText(complete);
  const sep = detectDelimiter(text);
  if ('error' in sep) throw new FileFormatError(sep.error);
  const header = parseHeader(text, sep.delimiter);
  const index = new Map(header.map((c, i) => [c, i]));
  const names: Record<string, string> = { ',': 'comma (,)', ';': 'semicolon (;)', '\t': 'tab' };
  return {
    detected: {
      format: 'CSV',
      encoding,
      separator: names[sep.delimiter] ?? sep.delimiter,
    },
    columns: header,
    async *records() {
      const parser = createReadStream(file).pipe(
        parse({
          delimiter: sep.delimiter,
          bom: true,
          encoding: encoding === 'Windows-1252' ? 'latin1' : 'utf8',
          relax_column_count: true,
          relax_quotes: true,
          skip_empty_lines: true,
          info: true,
          from_line: 2,
        }),
      );
      for await (const { record, info } of parser as AsyncIterable<{
        record: string[];
        info: { lines: number };
      }>) {
        yield { row: info.lines, value: (c: string) => record[index.get(c) ?? -1] ?? '' };
      }
    },
  };
}

function parseHeader(text: string, delimiter: string): string[] {
  const line = text.replace(/^\ufeff/, '').split(/\r?\n/, 1)[0];
  return line.split(delimiter).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
}

/** The Filosofi layer of a GeoPackage: the one with a cell identifier column. */
async function openGeoPackage(bytes: Uint8Array): Promise<GridSource> {
  const gpkg = await openGeoPackageFile(bytes);
  const layer = gpkg
    .layers()
    .find((l) => l.columns.some((c) => /^(idcar_200m|idinspire)$/i.test(c)));
  if (!layer) {
    const names = gpkg.layers().map((l) => l.name);
    gpkg.close();
    throw new FileFormatError(
      `no Filosofi grid layer in the GeoPackage (layers: ${names.join(', ') || 'none'})`,
    );
  }
  const srid = layer.srid ?? undefined;
  return {
    detected: {
      format: `GeoPackage (layer ${layer.name}${srid ? `, EPSG:${srid}` : ''})`,
    },
    columns: layer.columns.filter((c) => c !== layer.geometryColumn),
    srid,
    async *records() {
      try {
        let row = 0;
        for (const feature of gpkg.features(layer.name)) {
          row++;
          const values = feature.properties;
          yield {
            row,
            value: (c: string) => {
              const v = values[c];
              return v === null || v === undefined || v instanceof Uint8Array ? '' : String(v);
            },
            extent: feature.geometry ? (bbox(feature.geometry) as Extent) : null,
          };
        }
      } finally {
        gpkg.close();
      }
    },
  };
}
