/**
 * The CSV files of `locate`, read as French files come (`,` `;` tab or `|`, decimal commas,
 * BOM, Latin-1: the import readers) and checked row by row. The first problem stops everything
 * with one line naming the file, the row (a file line, the header being line 1) and the column.
 *
 *   demand      id,value            value ≥ 0 (children, any weight); `weight` accepted too
 *   candidates  id[,<capacity>]     the capacity column is read only when --capacity names it
 *   fixed       id[,<capacity>]     existing sites; an id also in candidates is fixed, not new
 *   cost        origin,destination,cost   origin: a demand id; destination: a candidate or
 *                                         fixed id; cost ≥ 0 (`minutes` accepted: the output
 *                                         of travel-matrix reads as it is)
 */
import path from 'node:path';
import { cell, findColumn, type Table } from '../../domain/imports/table';
import { parseDecimal } from '../../domain/imports/values';
import type { SiteInput, SiteSelectionInput } from '../../domain/site-selection';
import { FileFormatError, readCsvTable } from '../../kernel/text-file';

/** A file that cannot be used: the message is the one line to print. */
export class LocateInputError extends Error {}

export interface LocateFiles {
  demand: { name: string; bytes: Uint8Array };
  candidates: { name: string; bytes: Uint8Array };
  cost: { name: string; bytes: Uint8Array };
  fixed: { name: string; bytes: Uint8Array } | null;
  capacityColumn: string | null;
}

function table(file: { name: string; bytes: Uint8Array }): Table {
  const label = path.basename(file.name);
  let read;
  try {
    read = readCsvTable(file.bytes);
  } catch (error) {
    if (error instanceof FileFormatError) throw new LocateInputError(`${label}: ${error.message}`);
    throw error;
  }
  const bad = read.log.problems.find((p) => p.severity === 'error');
  if (bad) throw new LocateInputError(`${label}, row ${bad.row}: ${bad.reason}`);
  if (read.table.records.length === 0) throw new LocateInputError(`${label}: no data rows`);
  return read.table;
}

function column(t: Table, file: string, names: string[]): string {
  const found = findColumn(t.columns, names);
  if (found === null)
    throw new LocateInputError(
      `${path.basename(file)}: no column "${names[0]}"` +
        (names.length > 1
          ? ` (or ${names
              .slice(1)
              .map((n) => `"${n}"`)
              .join(', ')})`
          : '') +
        ` among ${t.columns.map((c) => `"${c}"`).join(', ')}`,
    );
  return found;
}

function problem(file: string, row: number, col: string, reason: string, value?: string): never {
  const got = value === undefined ? '' : ` (got "${value}")`;
  throw new LocateInputError(
    `${path.basename(file)}, row ${row}, column "${col}": ${reason}${got}`,
  );
}

function number(file: string, row: number, col: string, raw: string, what: string): number {
  const n = parseDecimal(raw);
  if (n === null) problem(file, row, col, `missing ${what}`);
  if (Number.isNaN(n) || !Number.isFinite(n))
    problem(file, row, col, `${what} is not a number`, raw);
  if (n < 0) problem(file, row, col, `${what} must be ≥ 0`, raw);
  return n;
}

function id(
  file: string,
  row: number,
  col: string,
  raw: string,
  seen: Map<string, number>,
): string {
  if (raw === '') problem(file, row, col, 'missing id');
  const first = seen.get(raw);
  if (first !== undefined) problem(file, row, col, `id "${raw}" already on row ${first}`);
  seen.set(raw, row);
  return raw;
}

function sites(
  file: { name: string; bytes: Uint8Array },
  capacityColumn: string | null,
): { id: string; capacity: number | null }[] {
  const t = table(file);
  const idCol = column(t, file.name, ['id']);
  const capCol = capacityColumn === null ? null : column(t, file.name, [capacityColumn]);
  const seen = new Map<string, number>();
  return t.records.map((r) => ({
    id: id(file.name, r.row, idCol, cell(r, idCol), seen),
    capacity:
      capCol === null ? null : number(file.name, r.row, capCol, cell(r, capCol), 'capacity'),
  }));
}

/** Read and check the four files; nothing partial comes out. */
export function readLocateInputs(files: LocateFiles): SiteSelectionInput {
  const demandTable = table(files.demand);
  const dName = files.demand.name;
  const dId = column(demandTable, dName, ['id']);
  const dValue = column(demandTable, dName, ['value', 'weight']);
  const seen = new Map<string, number>();
  const demand = demandTable.records.map((r) => ({
    id: id(dName, r.row, dId, cell(r, dId), seen),
    weight: number(dName, r.row, dValue, cell(r, dValue), 'value'),
  }));

  const siteList: SiteInput[] = sites(files.candidates, files.capacityColumn);
  if (files.fixed) {
    const byId = new Map(siteList.map((s, j) => [s.id, j]));
    const fixedTable = table(files.fixed);
    const capInFixed =
      files.capacityColumn !== null &&
      findColumn(fixedTable.columns, [files.capacityColumn]) !== null;
    for (const f of sites(files.fixed, capInFixed ? files.capacityColumn : null)) {
      const j = byId.get(f.id);
      if (j === undefined) siteList.push({ id: f.id, capacity: f.capacity, fixed: true });
      else
        siteList[j] = {
          id: f.id,
          capacity: capInFixed ? f.capacity : siteList[j].capacity,
          fixed: true,
        };
    }
  }

  const costTable = table(files.cost);
  const cName = files.cost.name;
  const cOrigin = column(costTable, cName, ['origin']);
  const cDest = column(costTable, cName, ['destination']);
  const cCost = column(costTable, cName, ['cost', 'minutes']);
  const demandIndex = new Map(demand.map((d, i) => [d.id, i]));
  const siteIndex = new Map(siteList.map((s, j) => [s.id, j]));
  const n = costTable.records.length;
  const pairs = { demand: new Int32Array(n), site: new Int32Array(n), cost: new Float64Array(n) };
  const pairRow = new Map<string, number>();
  costTable.records.forEach((r, k) => {
    const origin = cell(r, cOrigin);
    const destination = cell(r, cDest);
    const i = demandIndex.get(origin);
    if (i === undefined)
      problem(cName, r.row, cOrigin, `unknown demand id (not in ${path.basename(dName)})`, origin);
    const j = siteIndex.get(destination);
    if (j === undefined)
      problem(
        cName,
        r.row,
        cDest,
        'unknown site id (neither a candidate nor a fixed site)',
        destination,
      );
    const key = `${i} ${j}`;
    const first = pairRow.get(key);
    if (first !== undefined)
      problem(
        cName,
        r.row,
        cDest,
        `the pair ${origin} → ${destination} is already on row ${first}`,
      );
    pairRow.set(key, r.row);
    pairs.demand[k] = i;
    pairs.site[k] = j;
    pairs.cost[k] = number(cName, r.row, cCost, cell(r, cCost), 'cost');
  });
  return { demand, sites: siteList, costs: pairs };
}
