/**
 * Childminder (assistant·e maternel·le) lists → childminder rows. Pure.
 * A childminder's home is personal data (RGPD): coordinates are stored for aggregation but
 * never copied into a problem report (the log redacts those columns).
 */
import { ProblemLog, type ParseResult } from './report';
import {
  readCommune,
  readPosition,
  readYears,
  type Position,
  type SupplyContext,
} from './supply-fields';
import { resolveSupplyColumns } from './supply-schema';
import { cell, type Table, type TableRecord } from './table';
import { parseBoolean, parsePositiveInteger, parseYear } from './values';

export interface ChildminderRow extends Position {
  sourceId: string;
  communeCode: string;
  agreementPlaces: number;
  active: boolean;
  /** Identifier of the MAM (as in the MAM list) the AM works in, or null. */
  mamSourceId: string | null;
  startedYear: number | null;
  endedYear: number | null;
  /** Year of birth when the list gives it (personal data, for departures projections only). */
  birthYear: number | null;
}

/** Years of birth outside these are taken for typing errors. */
const BIRTH_YEAR_MIN = 1920;
const ADULT_AGE = 18;

/** Agreement for 1 to 4 children at once, 6 by derogation. */
export const AGREEMENT_USUAL_MAX = 4;
export const AGREEMENT_MAX = 6;

/** How to read activity, the CNAF counting only active childminders. */
export interface ChildminderOptions {
  /**
   * The importer's explicit choice for a list without an activity column (or with empty
   * cells): every listed childminder is taken as active. Without it such a file is refused and
   * such a row rejected, since counting unknown ones as active over-counts the supply.
   */
  assumeActive?: boolean;
}

export function parseChildminders(
  table: Table,
  ctx: SupplyContext,
  mapping: Record<string, string> | null,
  options: ChildminderOptions = {},
): ParseResult<ChildminderRow> & { assumedActive: number; inCrecheFamiliale: number } {
  const resolution = resolveSupplyColumns('childminders', table.columns, mapping);
  const c = resolution.ok ? resolution.value.columns : {};
  const personal = [
    c.lat,
    c.lon,
    c.geo_point,
    c.lat && c.lon ? `${c.lat}/${c.lon}` : undefined,
    c.annee_naissance,
  ].filter((x): x is string => Boolean(x));
  const log = new ProblemLog(personal);
  const none = { assumedActive: 0, inCrecheFamiliale: 0 };
  if (!resolution.ok) {
    log.fileError(resolution.reason);
    return { rows: [], log, rowsRead: table.records.length, detected: {}, ...none };
  }
  const cols = resolution.value;
  if (!c.actif && !options.assumeActive) {
    log.fileError(
      'no activity column ("actif"): the CNAF counts only active childminders, and this list ' +
        'does not say which are. Map the column that says it (--mapping), or, if every listed ' +
        'childminder is active, say so with --assume-active (recorded in the source)',
    );
    return { rows: [], log, rowsRead: table.records.length, detected: {}, ...none };
  }
  let assumedActive = 0;
  let inCrecheFamiliale = 0;
  const rows: ParseResult<ChildminderRow>['rows'] = [];
  const seen = new Map<string, number>();
  for (const r of table.records) {
    const sourceId = cell(r, c.id!);
    if (sourceId === '') log.error(r.row, c.id!, '', 'missing identifier');
    const communeCode = readCommune(r, cols, ctx, log);
    const rawPlaces = cell(r, c.places_agrement!);
    const places = parsePositiveInteger(rawPlaces);
    if (!places.ok)
      log.error(r.row, c.places_agrement!, rawPlaces, `agreement places: ${places.reason}`);
    else if (places.value > AGREEMENT_MAX)
      log.error(
        r.row,
        c.places_agrement!,
        rawPlaces,
        `an agreement covers at most ${AGREEMENT_MAX} children`,
      );
    else if (places.value > AGREEMENT_USUAL_MAX)
      log.warning(
        r.row,
        c.places_agrement!,
        rawPlaces,
        `more than ${AGREEMENT_USUAL_MAX} places: only by derogation`,
      );
    const rawActive = cell(r, c.actif ?? null);
    let active = parseBoolean(rawActive);
    if (active === undefined)
      log.error(r.row, c.actif!, rawActive, 'active must be oui/non (or 1/0)');
    if (active === null) {
      if (options.assumeActive) {
        active = true;
        assumedActive++;
      } else {
        log.error(
          r.row,
          c.actif!,
          rawActive,
          'unknown activity (empty): write oui or non, or import with --assume-active',
        );
        active = undefined;
      }
    }
    // Employed by a crèche familiale: her places are the crèche's, counted in the EAJE list.
    const crecheFamiliale = cell(r, c.creche_familiale ?? null);
    const years = readYears(r, c.debut, c.fin, log);
    const position = communeCode ? readPosition(r, cols, communeCode, ctx, log, false) : null;
    const birthYear = readBirthYear(r, c.annee_naissance, years?.opened ?? null, log);
    if (sourceId !== '' && !log.isRejected(r.row)) {
      const first = seen.get(sourceId);
      if (first !== undefined) {
        log.error(r.row, c.id!, sourceId, `duplicate of row ${first}`);
        continue;
      }
      seen.set(sourceId, r.row);
    }
    if (
      log.isRejected(r.row) ||
      !communeCode ||
      !position ||
      !places.ok ||
      active === undefined ||
      !years ||
      birthYear === undefined
    )
      continue;
    if (crecheFamiliale !== '') {
      inCrecheFamiliale++;
      continue;
    }
    rows.push({
      row: r.row,
      value: {
        sourceId,
        communeCode,
        agreementPlaces: places.value,
        active,
        mamSourceId: cell(r, c.mam_id ?? null) || null,
        ...position,
        startedYear: years.opened,
        endedYear: years.closed,
        birthYear,
      },
    });
  }
  const detected: Record<string, string> = { schema: cols.schema };
  // Without the column, years of birth stored by an earlier import are kept.
  if (c.annee_naissance) detected.birth_year = c.annee_naissance;
  if (!c.actif)
    detected.activity = 'no column: every childminder taken as active (--assume-active)';
  return {
    rows,
    log,
    rowsRead: table.records.length,
    detected,
    assumedActive,
    inCrecheFamiliale,
  };
}

/** The optional year of birth: null when absent, undefined (and an error logged) when wrong. */
function readBirthYear(
  record: TableRecord,
  column: string | undefined,
  startedYear: number | null,
  log: ProblemLog,
): number | null | undefined {
  if (!column) return null;
  const raw = cell(record, column);
  const year = parseYear(raw);
  if (year === null) return null;
  if (Number.isNaN(year) || year < BIRTH_YEAR_MIN)
    return (
      log.error(record.row, column, raw, 'year of birth must be a year such as 1971'),
      undefined
    );
  if (startedYear !== null && startedYear - year < ADULT_AGE)
    return (
      log.error(record.row, column, raw, `born less than ${ADULT_AGE} years before starting`),
      undefined
    );
  return year;
}
