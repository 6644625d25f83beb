/**
 * Geographic files → GeoJSON features, with the CRS of their coordinates: GeoJSON, shapefiles
 * in a .zip or a .7z archive (IGN ADMIN EXPRESS comes as .7z), and GeoPackage. In an archive of
 * several layers, or a GeoPackage, the COMMUNE layer is read.
 */
import { unzipSync } from 'fflate';
import * as shapefile from 'shapefile';
import type { GeoJsonFeature } from '../../domain/imports/boundaries';
import type { Table } from '../../domain/imports/table';
import { isSqlite, openGeoPackage } from './geopackage';
import { FileFormatError } from './plan';
import { isSevenZip, openSevenZip } from './seven-zip';
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

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** Any of the formats above, told by their first bytes. */
export async function readGeoFile(bytes: Uint8Array): Promise<GeoRead> {
  if (isZip(bytes)) return readZippedShapefile(bytes);
  if (isSevenZip(bytes)) return readSevenZipShapefile(bytes);
  if (isSqlite(bytes)) return readGeoPackage(bytes, 'commune');
  return readGeoJson(bytes);
}

/**
 * What to read in an archive: its COMMUNE shapefile (ADMIN EXPRESS archives hold a dozen
 * layers), else its only shapefile, else its only GeoPackage (IGN's GeoPackage editions come in
 * a .7z too). A clear error naming what the archive holds otherwise.
 */
export function archiveLayer(
  paths: readonly string[],
  archive: string,
): { shapefile: string } | { geoPackage: string } {
  const shps = paths.filter((n) => /\.shp$/i.test(n));
  const gpkgs = paths.filter((n) => /\.gpkg$/i.test(n));
  if (shps.length === 0) {
    if (gpkgs.length === 1) return { geoPackage: gpkgs[0] };
    throw new FileFormatError(
      gpkgs.length > 1
        ? `the ${archive} holds ${gpkgs.length} GeoPackages (${gpkgs.join(', ')}): give one`
        : `no shapefile (.shp) or GeoPackage (.gpkg) in the ${archive} (found ${paths.slice(0, 20).join(', ') || 'nothing'})`,
    );
  }
  const communes = shps.filter((n) => /(^|\/)COMMUNE\.shp$/i.test(n));
  if (communes.length === 1) return { shapefile: communes[0] };
  if (communes.length > 1)
    throw new FileFormatError(
      `the ${archive} holds ${communes.length} COMMUNE layers (${communes.join(', ')}): give the archive of one territory (…_FXX for metropolitan France)`,
    );
  if (shps.length === 1) return { shapefile: shps[0] };
  const layers = shps.map((n) => n.replace(/^.*\//, '').replace(/\.shp$/i, ''));
  throw new FileFormatError(
    `no COMMUNE layer in the ${archive}: layers found: ${layers.join(', ')}`,
  );
}

/** A shapefile (.shp + .dbf, optional .prj and .cpg beside it) among an archive's files. */
async function readShapefile(
  files: Readonly<Record<string, Uint8Array>>,
  shp: string,
  format: string,
): Promise<GeoRead> {
  const names = Object.keys(files);
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
    toArrayBuffer(files[dbfName]),
    { encoding },
  );
  return {
    features: collection.features as unknown as GeoJsonFeature[],
    srid,
    detected: {
      format: `${format} (${shp.replace(/^.*\//, '')})`,
      encoding: cpg ? `${encoding} (.cpg)` : `${encoding} (no .cpg)`,
    },
  };
}

/** A zip of shapefiles (.shp + .dbf, optional .prj and .cpg) or of a GeoPackage → features. */
export async function readZippedShapefile(bytes: Uint8Array): Promise<GeoRead> {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (error) {
    throw new FileFormatError(`not a readable zip file: ${(error as Error).message}`);
  }
  for (const name of Object.keys(files)) if (name.startsWith('__MACOSX/')) delete files[name];
  const layer = archiveLayer(Object.keys(files), 'zip');
  if ('geoPackage' in layer) return readGeoPackage(files[layer.geoPackage], 'commune');
  return readShapefile(files, layer.shapefile, 'zipped shapefile');
}

/**
 * A .7z archive, as IGN distributes ADMIN EXPRESS: shapefiles
 * (ADMIN-EXPRESS_3-2__SHP_LAMB93_FXX_…/ADMIN-EXPRESS/1_DONNEES_LIVRAISON_…/…/COMMUNE.shp), of
 * which only the COMMUNE layer's files are extracted, or a GeoPackage.
 */
export async function readSevenZipShapefile(bytes: Uint8Array): Promise<GeoRead> {
  const archive = await openSevenZip(bytes);
  const layer = archiveLayer(archive.files, '.7z archive');
  if ('geoPackage' in layer) {
    const read = await readGeoPackage(
      archive.extract([layer.geoPackage])[layer.geoPackage],
      'commune',
    );
    return { ...read, detected: { ...read.detected, format: `7z ${read.detected.format}` } };
  }
  const base = layer.shapefile.slice(0, -4).toLowerCase();
  const layerFiles = archive.files.filter(
    (f) => f.toLowerCase().startsWith(base) && /^\.(shp|dbf|prj|cpg)$/i.test(f.slice(base.length)),
  );
  return readShapefile(archive.extract(layerFiles), layer.shapefile, '7z shapefile');
}

/**
 * A GeoPackage's layer `layerName` (any case) → features, with the EPSG code of its CRS (from
 * gpkg_spatial_ref_sys, or its WKT definition when the file names no EPSG code).
 */
export async function readGeoPackage(bytes: Uint8Array, layerName: string): Promise<GeoRead> {
  const gpkg = await openGeoPackage(bytes);
  try {
    const layer = gpkg.layer(layerName);
    if (!layer)
      throw new FileFormatError(
        `no ${layerName} layer in the GeoPackage: layers found: ${
          gpkg
            .layers()
            .map((l) => l.name)
            .join(', ') || 'none'
        }`,
      );
    let srid = layer.srid;
    const { srs } = layer;
    if (srid === null && srs.definition && srs.definition !== 'undefined') {
      try {
        srid = sridFromPrj(srs.definition);
      } catch {
        srid = null;
      }
    }
    if (srid === null)
      throw new FileFormatError(
        `layer ${layer.name}: unknown spatial reference system (srs_id ${srs.srsId}, ${srs.organization ?? 'no organization'} ${srs.organizationCoordsysId ?? ''}): reproject to Lambert-93 (EPSG:2154) or WGS84 (EPSG:4326)`,
      );
    const features: GeoJsonFeature[] = [];
    for (const f of gpkg.features(layer.name))
      features.push({
        type: 'Feature',
        properties: f.properties,
        geometry: f.geometry as GeoJsonFeature['geometry'],
      });
    return {
      features,
      srid,
      detected: { format: `GeoPackage (layer ${layer.name})`, encoding: 'UTF-8 (SQLite)' },
    };
  } finally {
    gpkg.close();
  }
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
