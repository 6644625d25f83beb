/**
 * MAM lists (maisons d'assistants maternels; PMI or RPE lists) → mam rows. Pure.
 * A MAM gathers 1 to 6 AM (at most 4 at once) and at most 20 children at once.
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
import { cell, type Table } from './table';
import { normaliseLabel, parsePositiveInteger } from './values';

export interface MamRow extends Position {
  sourceId: string;
  name: string;
  places: number;
  childminderCount: number;
  address: string | null;
  communeCode: string;
  openedYear: number | null;
  closedYear: number | null;
}

export const MAM_MAX_PLACES = 20;
export const MAM_MAX_CHILDMINDERS = 6;

export function parseMams(
  table: Table,
  ctx: SupplyContext,
  mapping: Record<string, string> | null,
): ParseResult<MamRow> {
  const log = new ProblemLog();
  const resolution = resolveSupplyColumns('mams', table.columns, mapping);
  if (!resolution.ok) {
    log.fileError(resolution.reason);
    return { rows: [], log, rowsRead: table.records.length, detected: {} };
  }
  const cols = resolution.value;
  const c = cols.columns;
  const rows: ParseResult<MamRow>['rows'] = [];
  const seen = new Map<string, number>();
  for (const r of table.records) {
    const name = cell(r, c.nom!);
    if (name === '') log.error(r.row, c.nom!, '', 'missing name');
    const communeCode = readCommune(r, cols, ctx, log);
    const rawPlaces = cell(r, c.places!);
    const places = parsePositiveInteger(rawPlaces);
    if (!places.ok) log.error(r.row, c.places!, rawPlaces, `places: ${places.reason}`);
    else if (places.value > MAM_MAX_PLACES)
      log.error(r.row, c.places!, rawPlaces, `a MAM has at most ${MAM_MAX_PLACES} places`);
    const rawCount = cell(r, c.nb_assistants!);
    const count = parsePositiveInteger(rawCount);
    if (!count.ok) log.error(r.row, c.nb_assistants!, rawCount, `number of AM: ${count.reason}`);
    else if (count.value > MAM_MAX_CHILDMINDERS)
      log.error(
        r.row,
        c.nb_assistants!,
        rawCount,
        `a MAM gathers at most ${MAM_MAX_CHILDMINDERS} AM`,
      );
    if (places.ok && count.ok && places.value > count.value * 4)
      log.warning(
        r.row,
        c.places!,
        rawPlaces,
        `more places than ${count.value} AM can hold (4 each)`,
      );
    const years = readYears(r, c.ouverture, c.fermeture, log);
    const position = communeCode ? readPosition(r, cols, communeCode, ctx, log) : null;
    const address = cell(r, c.adresse ?? null) || null;
    const sourceId =
      cell(r, c.id ?? null) || `${communeCode}:${normaliseLabel(name).replace(/ /g, '-')}`;
    if (!log.isRejected(r.row)) {
      const first = seen.get(sourceId);
      if (first !== undefined) {
        log.error(r.row, c.id ?? c.nom!, c.id ? sourceId : name, `duplicate of row ${first}`);
        continue;
      }
      seen.set(sourceId, r.row);
    }
    if (log.isRejected(r.row) || !communeCode || !position || !places.ok || !count.ok || !years)
      continue;
    rows.push({
      row: r.row,
      value: {
        sourceId,
        name,
        places: places.value,
        childminderCount: count.value,
        address,
        communeCode,
        ...position,
        openedYear: years.opened,
        closedYear: years.closed,
      },
    });
  }
  return { rows, log, rowsRead: table.records.length, detected: { schema: cols.schema } };
}
