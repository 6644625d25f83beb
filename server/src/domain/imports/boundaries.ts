/**
 * Commune boundaries from GeoJSON features (geo.api.gouv.fr, `code`/`nom`, IGN ADMIN EXPRESS
 * `INSEE_COM`/`NOM`/`POPULATION`/`SIREN_EPCI`) → commune rows. Pure: geometry validity
 * (self-intersections) is checked by PostGIS in the import; here only what JS can see:
 * geometry type, closed rings, coordinates in France, latitude/longitude swapped.
 */
import { checkCommuneCode, departementOfCommune, retiredReason } from './commune-codes';
import { FRANCE_BBOXES, inBbox } from './coordinates';
import type { TerritoryReference } from './reference';
import { ProblemLog, type ParseResult } from './report';
import { findColumn } from './table';
import { parseDecimal } from './values';

export interface GeoJsonFeature {
  type: 'Feature';
  properties: Record<string, unknown> | null;
  geometry: { type: string; coordinates: unknown } | null;
}

export interface CommuneBoundary {
  code: string;
  name: string;
  departementCode: string;
  epciCode: string | null;
  population: number | null;
  /** Polygon or MultiPolygon, in the file's CRS (`srid`). */
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: number[][][] | number[][][][] };
}

export interface BoundaryOptions {
  reference: TerritoryReference;
  /** CRS of the coordinates: 4326 (GeoJSON default) or a projected one such as 2154 (Lambert-93). */
  srid: number;
}

const CODE_COLUMNS = ['code', 'INSEE_COM', 'insee', 'code_insee', 'codgeo', 'com', 'codeCommune'];
const NAME_COLUMNS = ['nom', 'NOM', 'NOM_COM', 'name', 'libgeo', 'nom_commune'];
const EPCI_COLUMNS = ['epci', 'codeEpci', 'SIREN_EPCI', 'code_epci', 'siren_epci'];
const POPULATION_COLUMNS = ['population', 'POPULATION', 'pop'];

export function parseBoundaries(
  features: readonly GeoJsonFeature[],
  options: BoundaryOptions,
): ParseResult<CommuneBoundary> {
  const log = new ProblemLog();
  const { reference } = options;
  const rows: ParseResult<CommuneBoundary>['rows'] = [];
  const columns = [...new Set(features.flatMap((f) => Object.keys(f.properties ?? {})))];
  const codeCol = findColumn(columns, CODE_COLUMNS);
  const nameCol = findColumn(columns, NAME_COLUMNS);
  const epciCol = findColumn(columns, EPCI_COLUMNS);
  const popCol = findColumn(columns, POPULATION_COLUMNS);
  const detected: Record<string, string> = {
    schema:
      codeCol?.toUpperCase() === 'INSEE_COM' // upper case in shapefiles, lower in GeoPackage
        ? 'IGN ADMIN EXPRESS'
        : epciCol === 'codeEpci'
          ? 'geo.api.gouv.fr'
          : 'code/nom',
    crs: `EPSG:${options.srid}`,
  };
  if (features.length === 0) log.fileError('the file has no feature');
  if (codeCol === null && features.length > 0)
    log.fileError(
      `no INSEE code property: expected one of ${CODE_COLUMNS.join(', ')} (found ${columns.join(', ') || 'none'})`,
    );
  const seen = new Map<string, number>();

  features.forEach((f, i) => {
    const row = i + 1;
    const props = f.properties ?? {};
    const str = (c: string | null) =>
      c === null || props[c] === null || props[c] === undefined ? '' : String(props[c]).trim();
    if (codeCol === null) return;
    const rawCode = str(codeCol);
    const check = checkCommuneCode(rawCode, reference.communes);
    if (check.status === 'malformed') return log.error(row, codeCol, rawCode, check.reason);
    if (check.status === 'retired')
      return log.error(row, codeCol, rawCode, retiredReason(check, reference.communes));
    if (check.status === 'unknown')
      return log.error(
        row,
        codeCol,
        rawCode,
        `unknown INSEE code (not a commune of ${reference.communes.label})`,
      );
    const code = check.code;
    if (check.note) log.warning(row, codeCol, rawCode, check.note);
    const first = seen.get(code);
    if (first !== undefined)
      return log.error(row, codeCol, rawCode, `duplicate: commune ${code} already on row ${first}`);
    seen.set(code, row);

    let name = str(nameCol);
    if (name === '') {
      name = reference.communes.current.get(code)!;
      log.warning(row, nameCol ?? 'nom', null, `no name: the reference name "${name}" is used`);
    }

    let epciCode: string | null = reference.epciOfCommune.get(code) ?? null;
    const rawEpci = str(epciCol);
    if (epciCol !== null && rawEpci !== '') {
      if (!/^\d{9}$/.test(rawEpci))
        log.warning(
          row,
          epciCol,
          rawEpci,
          'not an EPCI SIREN (9 digits): membership taken from the reference',
        );
      else if (!reference.epcis.has(rawEpci))
        log.warning(
          row,
          epciCol,
          rawEpci,
          `EPCI unknown to ${reference.communes.label}: membership taken from the reference`,
        );
      else epciCode = rawEpci;
    }

    let population: number | null = null;
    const rawPop = str(popCol);
    if (popCol !== null && rawPop !== '') {
      const n = parseDecimal(rawPop);
      if (n === null || Number.isNaN(n) || n < 0)
        log.warning(row, popCol, rawPop, 'population is not a non-negative number: ignored');
      else population = n;
    }

    const geometry = checkGeometry(f.geometry, options.srid, row, log);
    if (geometry === null) return;
    rows.push({
      row,
      value: {
        code,
        name,
        departementCode: reference.departementOfCommune.get(code) ?? departementOfCommune(code),
        epciCode,
        population,
        geometry,
      },
    });
  });
  return {
    rows: rows.filter((r) => !log.isRejected(r.row)),
    log,
    rowsRead: features.length,
    detected,
  };
}

type Ring = number[][];

/** Validate (and where safe, repair) a polygon geometry; null when it must be rejected. */
function checkGeometry(
  g: GeoJsonFeature['geometry'],
  srid: number,
  row: number,
  log: ProblemLog,
): CommuneBoundary['geometry'] | null {
  if (!g) {
    log.error(row, 'geometry', null, 'no geometry');
    return null;
  }
  if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') {
    log.error(row, 'geometry', g.type, 'a commune boundary must be a Polygon or MultiPolygon');
    return null;
  }
  const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as Ring[][];
  if (!Array.isArray(polygons) || polygons.length === 0) {
    log.error(row, 'geometry', null, 'empty geometry');
    return null;
  }
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  let reclosed = 0;
  for (const polygon of polygons) {
    if (!Array.isArray(polygon) || polygon.length === 0) {
      log.error(row, 'geometry', null, 'a polygon has no ring');
      return null;
    }
    for (const ring of polygon) {
      if (
        !Array.isArray(ring) ||
        ring.some((p) => !Array.isArray(p) || !Number.isFinite(p[0]) || !Number.isFinite(p[1]))
      ) {
        log.error(row, 'geometry', null, 'coordinates are not numbers');
        return null;
      }
      const a = ring[0],
        b = ring[ring.length - 1];
      if (ring.length > 0 && (a[0] !== b[0] || a[1] !== b[1])) {
        ring.push([a[0], a[1]]);
        reclosed++;
      }
      if (ring.length < 4) {
        log.error(
          row,
          'geometry',
          `${ring.length} points`,
          'a ring needs at least 3 distinct points',
        );
        return null;
      }
      for (const [x, y] of ring) {
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
    }
  }
  if (reclosed > 0)
    log.warning(row, 'geometry', null, `${reclosed} ring(s) not closed: closed (repaired)`);
  if (srid === 4326) {
    const inside = (x0: number, y0: number, x1: number, y1: number) =>
      FRANCE_BBOXES.some((b) => inBbox(x0, y0, b) && inBbox(x1, y1, b));
    if (
      Math.abs(minX) > 180 ||
      Math.abs(maxX) > 180 ||
      Math.abs(minY) > 90 ||
      Math.abs(maxY) > 90
    ) {
      log.error(
        row,
        'geometry',
        `${minX.toFixed(0)} ${minY.toFixed(0)}`,
        'projected coordinates (metres?) in a WGS84 file: declare the CRS (e.g. "crs": EPSG:2154) or reproject to WGS84',
      );
      return null;
    }
    if (!inside(minX, minY, maxX, maxY)) {
      if (inside(minY, minX, maxY, maxX)) {
        for (const polygon of polygons)
          for (const ring of polygon) for (const p of ring) [p[0], p[1]] = [p[1], p[0]];
        log.warning(
          row,
          'geometry',
          `${minX.toFixed(4)} ${minY.toFixed(4)}`,
          'latitude and longitude swapped: swapped back (repaired)',
        );
      } else {
        log.error(
          row,
          'geometry',
          `${minX.toFixed(4)} ${minY.toFixed(4)}`,
          'outside France (WGS84 longitude/latitude expected)',
        );
        return null;
      }
    }
  }
  return g as CommuneBoundary['geometry'];
}
