/**
 * Field readers shared by the supply lists: the commune of a row and its position. Pure.
 */
import {
  checkCommuneCode,
  departementOfCommune,
  retiredReason,
  type CommuneReference,
} from './commune-codes';
import { checkPosition, FRANCE_BBOXES, parseLatLonPair, type Bbox } from './coordinates';
import type { ProblemLog } from './report';
import type { ResolvedColumns } from './supply-schema';
import { cell, type TableRecord } from './table';
import { parseDecimal, parseYear } from './values';

export interface SupplyContext {
  reference: CommuneReference;
  /** Communes loaded in the database (rows must attach to one). */
  loadedCommunes: ReadonlySet<string>;
  /** Extent of the loaded communes of each département (degrees), for the position checks. */
  departementBboxes: ReadonlyMap<string, Bbox>;
  /** Communes with a boundary loaded (a row without coordinates is placed at its commune). */
  communesWithGeometry: ReadonlySet<string>;
}

/** A point in WGS84, or null: the row is placed at its commune (approximate location). */
export interface Position {
  lon: number | null;
  lat: number | null;
  approximate: boolean;
}

/** The current, loaded commune of a row; null (and an error logged) otherwise. */
export function readCommune(
  record: TableRecord,
  cols: ResolvedColumns,
  ctx: SupplyContext,
  log: ProblemLog,
): string | null {
  const column = cols.columns.code_insee!;
  const raw = cell(record, column);
  const check = checkCommuneCode(raw, ctx.reference);
  if (check.status === 'malformed') return (log.error(record.row, column, raw, check.reason), null);
  if (check.status === 'unknown')
    return (
      log.error(
        record.row,
        column,
        raw,
        `unknown INSEE code (not a commune of ${ctx.reference.label})`,
      ),
      null
    );
  let code = check.code;
  if (check.status === 'retired') {
    if (check.current.length !== 1)
      return (
        log.error(
          record.row,
          column,
          raw,
          `${retiredReason(check, ctx.reference)}: give the current code`,
        ),
        null
      );
    code = check.current[0];
    log.warning(
      record.row,
      column,
      raw,
      `${retiredReason(check, ctx.reference)}: attached to ${code}`,
    );
  } else if (check.note) log.warning(record.row, column, raw, check.note);
  if (!ctx.loadedCommunes.has(code))
    return (
      log.error(
        record.row,
        column,
        raw,
        `commune ${code} is not loaded: import its boundaries or the reference first`,
      ),
      null
    );
  return code;
}

/**
 * The row's position from `lat`/`lon` or a "lat, lon" pair; missing → approximate (placed at
 * the commune by the import); swapped → repaired with a warning; outside → error.
 */
export function readPosition(
  record: TableRecord,
  cols: ResolvedColumns,
  communeCode: string,
  ctx: SupplyContext,
  log: ProblemLog,
  locationRequired = true,
): Position | null {
  const approximate = (): Position | null => {
    if (locationRequired && !ctx.communesWithGeometry.has(communeCode)) {
      log.error(
        record.row,
        cols.columns.geo_point ?? cols.columns.lat ?? 'lat',
        null,
        `no coordinates, and commune ${communeCode} has no boundary loaded to place it at`,
      );
      return null;
    }
    log.warning(
      record.row,
      cols.columns.geo_point ?? cols.columns.lat ?? 'lat',
      null,
      'no coordinates: placed at its commune (approximate location)',
    );
    return { lon: null, lat: null, approximate: true };
  };
  let lon: number | null, lat: number | null, column: string;
  if (cols.columns.geo_point) {
    column = cols.columns.geo_point;
    const raw = cell(record, column);
    if (raw === '') return approximate();
    const pair = parseLatLonPair(raw);
    if (!pair)
      return (log.error(record.row, column, raw, 'not a "latitude, longitude" pair'), null);
    [lon, lat] = pair;
  } else if (cols.columns.lat && cols.columns.lon) {
    column = `${cols.columns.lat}/${cols.columns.lon}`;
    const rawLat = cell(record, cols.columns.lat);
    const rawLon = cell(record, cols.columns.lon);
    if (rawLat === '' && rawLon === '') return approximate();
    lat = parseDecimal(rawLat);
    lon = parseDecimal(rawLon);
    if (lat === null || lon === null || Number.isNaN(lat) || Number.isNaN(lon))
      return (
        log.error(record.row, column, `${rawLat} ${rawLon}`, 'coordinates are not numbers'),
        null
      );
  } else {
    return approximate();
  }
  const bbox = ctx.departementBboxes.get(departementOfCommune(communeCode));
  const check = checkPosition(lon, lat, bbox ? [bbox] : FRANCE_BBOXES);
  const shown = `${lat}, ${lon}`;
  if (check.status === 'invalid' || check.status === 'outside')
    return (
      log.error(
        record.row,
        column,
        shown,
        check.status === 'outside'
          ? `${check.reason} (${departementOfCommune(communeCode)})`
          : check.reason,
      ),
      null
    );
  if (check.status === 'swapped')
    log.warning(
      record.row,
      column,
      shown,
      'latitude and longitude swapped: swapped back (repaired)',
    );
  return { lon: check.lon, lat: check.lat, approximate: false };
}

/** Opening / closing years (optional); errors logged for unreadable values. */
export function readYears(
  record: TableRecord,
  from: string | undefined,
  to: string | undefined,
  log: ProblemLog,
): { opened: number | null; closed: number | null } | null {
  const read = (column: string | undefined) => {
    if (!column) return null;
    const raw = cell(record, column);
    const y = parseYear(raw);
    if (y !== null && Number.isNaN(y)) {
      log.error(record.row, column, raw, 'not a year (YYYY or YYYY-MM-DD)');
      return undefined;
    }
    return y;
  };
  const opened = read(from);
  const closed = read(to);
  if (opened === undefined || closed === undefined) return null;
  if (opened !== null && closed !== null && closed < opened) {
    log.error(record.row, to!, String(closed), `closes (${closed}) before it opens (${opened})`);
    return null;
  }
  return { opened, closed };
}
