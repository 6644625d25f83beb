/**
 * GeoJSON and zipped shapefiles → GeoJSON features, with the CRS of their coordinates.
 */
import { unzipSync } from 'fflate';
import * as shapefile from 'shapefile';
import type { GeoJsonFeature } from '../../domain/imports/boundaries';
import type { Table } from '../../domain/imports/table';
import { FileFormatError } from './plan';
import { decodeText } from '../../kernel/text-file';

export interface GeoRead {
  features: GeoJsonFeature[];
  /** EPSG code of the coordinates. */
  srid: number;
  detected: Record<string, string>;
}

/** The EPSG code of a GeoJSON `crs` member (legacy, e.g. ADMIN EXPRESS exports), else 4326. */
function geojsonSrid(crs: unknown): number {
  const name = (crs as { properties?: { name?: string } } | undefined)?.properties?.name;
  if (!name) return 4326;
  if (/CRS84$/i.test(name)) return 4326;
  const m = /EPSG:{1,2}(\d+)$/i.exec(name);
  if (!m) throw new FileFormatError(`unknown CRS "${name}": reproject to WGS84 (EPSG:4326)`);
  return Number(m[1]);
}

export function readGeoJson(bytes: Uint8Array): GeoRead {
  const { text, encoding } = decodeText(bytes);
  let doc: { type?: string; features?: unknown[]; crs?: unknown };
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new FileFormatError(`not valid JSON: ${(error as Error).message}`);
  }
  if (doc.type === 'Feature') doc = { type: 'FeatureCollection', features: [doc] };
  if (doc.type !== 'FeatureCollection' || !Array.isArray(doc.features))
    throw new FileFormatError('not a GeoJSON FeatureCollection');
  return {
    features: doc.features as GeoJsonFeature[],
    srid: geojsonSrid(doc.crs),
    detected: { format: 'GeoJSON', encoding },
  };
}

/** SRID from a shapefile's .prj (WKT): WGS84 geographic, Lambert-93, or the overseas UTM zones. */
export function sridFromPrj(wkt: string | null): number {
  if (wkt === null) return 4326;
  const s = wkt.replace(/\s+/g, '');
  const authority = /AUTHORITY\["EPSG","(\d+)"\]\]$/i.exec(s);
  if (authority) return Number(authority[1]);
  if (/Lambert[-_]?93|RGF93.*Lambert_Conformal_Conic/i.test(s)) return 2154;
  if (/UTM_Zone_20N/i.test(s) && /RGAF09|RRAF/i.test(s)) return 5490;
  if (/UTM_Zone_22N/i.test(s)) return 2972;
  if (/UTM_Zone_40S/i.test(s)) return 2975;
  if (/UTM_Zone_38S/i.test(s)) return 4471;
  if (/^GEOGCS/i.test(s) && /WGS_?1984|WGS84|RGF_?1993|RGF93/i.test(s)) return 4326;
  throw new FileFormatError(
    `unrecognised projection in the .prj file: reproject to WGS84 or Lambert-93 (${wkt.slice(0, 60)}…)`,
  );
}

/** A zipped shapefile (.shp + .dbf, optional .prj and .cpg) → features. */
export async function readZippedShapefile(bytes: Uint8Array): Promise<GeoRead> {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (error) {
    throw new FileFormatError(`not a readable zip file: ${(error as Error).message}`);
  }
  const names = Object.keys(files).filter((n) => !n.startsWith('__MACOSX/'));
  const shps = names.filter((n) => /\.shp$/i.test(n));
  if (shps.length === 0)
    throw new FileFormatError(`no .shp in the zip (found ${names.join(', ')})`);
  // ADMIN EXPRESS archives hold several layers: prefer COMMUNE.
  const shp = shps.find((n) => /(^|\/)COMMUNE\.shp$/i.test(n)) ?? shps[0];
  const base = shp.slice(0, -4);
  const sibling = (ext: string) =>
    names.find((n) => n.toLowerCase() === `${base}.${ext}`.toLowerCase());
  const dbfName = sibling('dbf');
  if (!dbfName) throw new FileFormatError(`${shp} has no .dbf beside it`);
  const prjName = sibling('prj');
  const cpgName = sibling('cpg');
  const cpg = cpgName ? new TextDecoder().decode(files[cpgName]).trim() : null;
  const encoding = cpg && /1252|latin|8859/i.test(cpg) ? 'windows-1252' : 'utf-8';
  const srid = sridFromPrj(prjName ? new TextDecoder().decode(files[prjName]) : null);
  const collection = await shapefile.read(
    toArrayBuffer(files[shp]),
    toArrayBuffer(files[dbfName!]),
    { encoding },
  );
  return {
    features: collection.features as unknown as GeoJsonFeature[],
    srid,
    detected: {
      format: `zipped shapefile (${shp})`,
      encoding: cpg ? `${encoding} (.cpg)` : `${encoding} (no .cpg)`,
    },
  };
}

function toArrayBuffer(u: Uint8Array): ArrayBuffer {
  return u.buffer.slice(u.byteOffset, u.byteOffset + u.byteLength) as ArrayBuffer;
}

/** Point features → a table: properties as text plus `_geometry_lon`/`_geometry_lat`. */
export function featuresToTable(features: readonly GeoJsonFeature[]): Table {
  const columns = new Set<string>();
  const records = features.map((f, i) => {
    const values: Record<string, string> = {};
    for (const [k, v] of Object.entries(f.properties ?? {})) {
      columns.add(k);
      values[k] =
        v === null || v === undefined
          ? ''
          : isLatLon(v)
            ? `${v.lat}, ${v.lon}` // Opendatasoft geo_point_2d in GeoJSON exports
            : typeof v === 'object'
              ? JSON.stringify(v)
              : String(v);
    }
    if (f.geometry?.type === 'Point' && Array.isArray(f.geometry.coordinates)) {
      const [lon, lat] = f.geometry.coordinates as number[];
      values._geometry_lon = String(lon);
      values._geometry_lat = String(lat);
    }
    return { row: i + 1, values };
  });
  if (records.some((r) => '_geometry_lon' in r.values)) {
    columns.add('_geometry_lon');
    columns.add('_geometry_lat');
  }
  return { columns: [...columns], records };
}

function isLatLon(v: unknown): v is { lat: number; lon: number } {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { lat?: unknown }).lat === 'number' &&
    typeof (v as { lon?: unknown }).lon === 'number'
  );
}
