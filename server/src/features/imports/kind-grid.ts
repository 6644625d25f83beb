/**
 * `import grid [--year Y]`: INSEE Filosofi 200 m "données carroyées" (CSV or GeoPackage, the
 * columns of 2015, 2017 or 2019 and later) → the demand cells of the loaded communes: where in
 * each commune its children under 3 live. The census count of a commune stays its count; the
 * grid gives its shape (share = ind_0_3 / Σ ind_0_3 of the commune's cells).
 *
 * The file is about the communes its cells belong to: each such commune's cells are replaced
 * as a whole (an estimate included); other communes keep theirs (cells of an earlier import of
 * the same grid for communes the file no longer covers are removed with --replace, and those
 * communes estimated again). Cells of communes that are not loaded are counted, not written.
 */
import path from 'node:path';
import { checkCommuneCode } from '../../domain/imports/commune-codes';
import { departementOfCommune } from '../../domain/imports/commune-codes';
import {
  filosofiLayout,
  readFilosofiCell,
  splitCommuneCodes,
  type FilosofiCell,
} from '../../domain/imports/filosofi';
import { communeShares, partFractions, type WeightedPart } from '../../domain/imports/grid-shares';
import { ProblemLog } from '../../domain/imports/report';
import type { TableRecord } from '../../domain/imports/table';
import { absentListRows, removeListRows } from './absent-rows';
import { openGridFile } from './grid-file';
import { FileFormatError, scopeOf, vintageOf, type ImportPlan, type PlanInput } from './plan';
import {
  deleteOtherCells,
  runQuery,
  upsertDemandCells,
  writeBatches,
  type DemandCellRow,
} from '../../kernel/territory-writers';

interface GridCell extends FilosofiCell {
  /** Current communes the file gives for the cell (retired codes replaced). */
  listed: string[];
  /** The loaded ones among them. */
  loaded: string[];
}

/** Metres a GeoPackage geometry may differ from its cell id before it is reported. */
const GEOMETRY_TOLERANCE_M = 1;

export async function planGrid(input: PlanInput): Promise<ImportPlan> {
  const { cog, options, context, trx } = input;
  const reference = cog.reference.communes;
  const source = await openGridFile(input.fileName!);
  const layout = filosofiLayout(source.columns);
  if ('error' in layout) throw new FileFormatError(layout.error);
  const log = new ProblemLog();
  const cells = new Map<string, GridCell>();
  const rejected: TableRecord[] = [];
  let rowsRead = 0;
  let notLoadedCells = 0;
  const notLoadedCommunes = new Set<string>();
  let retiredCells = 0;
  let geometryMismatches = 0;
  const reject = (row: number, value: (c: string) => string) =>
    rejected.push({ row, values: Object.fromEntries(source.columns.map((c) => [c, value(c)])) });

  for await (const record of source.records()) {
    rowsRead++;
    if (rowsRead % 20000 === 0) input.progress('reading grid cells', rowsRead, rowsRead + 1);
    const raw = record.value(layout.communes);
    const split = splitCommuneCodes(raw);
    if ('error' in split) {
      log.error(record.row, layout.communes, raw, split.error);
      reject(record.row, record.value);
      continue;
    }
    const listed: string[] = [];
    const unknown: string[] = [];
    let retired = false;
    for (const code of split) {
      const check = checkCommuneCode(code, reference);
      if (check.status === 'ok') listed.push(check.code);
      else if (check.status === 'retired') {
        retired = true;
        listed.push(...check.current);
      } else unknown.push(code);
    }
    const current = [...new Set(listed)];
    const loaded = current.filter((c) => context.loadedCommunes.has(c));
    if (loaded.length === 0) {
      notLoadedCells++;
      for (const c of current) notLoadedCommunes.add(c);
      continue;
    }
    if (unknown.length > 0) {
      log.error(
        record.row,
        layout.communes,
        raw,
        `unknown INSEE code ${unknown.join(', ')} (not a commune of ${reference.label})`,
      );
      reject(record.row, record.value);
      continue;
    }
    const cell = readFilosofiCell(layout, record.value, record.row, log);
    if (!cell) {
      reject(record.row, record.value);
      continue;
    }
    const before = cells.get(cell.cellId);
    if (before) {
      log.error(record.row, layout.id, cell.cellId, `duplicate: cell already on row ${before.row}`);
      reject(record.row, record.value);
      continue;
    }
    if (record.extent && source.srid === cell.square.srid) {
      const { eastM, northM, sizeM } = cell.square;
      const [minX, minY, maxX, maxY] = record.extent;
      const off = Math.max(
        Math.abs(minX - eastM),
        Math.abs(minY - northM),
        Math.abs(maxX - eastM - sizeM),
        Math.abs(maxY - northM - sizeM),
      );
      if (off > GEOMETRY_TOLERANCE_M) geometryMismatches++;
    }
    if (retired) retiredCells++;
    cells.set(cell.cellId, { ...cell, listed: current, loaded });
  }
  input.progress('reading grid cells', rowsRead, rowsRead);

  // Every CRS the cells name must be known to PostGIS before anything is built from it.
  const srids = [...new Set([...cells.values()].map((c) => c.square.srid))];
  if (srids.length > 0) {
    const { rows } = await trx.raw(
      'SELECT srid FROM spatial_ref_sys WHERE srid IN (SELECT CAST(json_array_elements_text(CAST(? AS json)) AS int))',
      [JSON.stringify(srids)],
    );
    const known = new Set((rows as { srid: number }[]).map((r) => r.srid));
    for (const cell of cells.values()) {
      if (known.has(cell.square.srid)) continue;
      log.error(cell.row, layout.id, cell.cellId, `unknown CRS EPSG:${cell.square.srid}`);
      cells.delete(cell.cellId);
    }
  }
  const valid = [...cells.values()].filter((c) => !log.isRejected(c.row));
  const covered = [...new Set(valid.flatMap((c) => c.loaded))].sort();
  const departements = [...new Set(covered.map(departementOfCommune))].sort();
  const scope = scopeOf(departements, options.departement);
  const fileName = path.basename(input.fileName!);
  const vintage = options.year !== null ? String(options.year) : vintageOf(options, fileName, '');

  const notes: string[] = [];
  if (notLoadedCells > 0)
    notes.push(
      `${notLoadedCells} cell(s) of ${notLoadedCommunes.size} commune(s) that are not loaded skipped (not written)`,
    );
  if (retiredCells > 0)
    notes.push(`${retiredCells} cell(s) give former commune codes: counted in the current commune`);
  if (geometryMismatches > 0)
    notes.push(
      `${geometryMismatches} feature(s) whose geometry is not the square of their cell id: the id was used`,
    );
  if (rowsRead > 0 && valid.length === 0 && log.errorCount === 0)
    notes.push(
      'no cell belongs to a loaded commune: import the boundaries or the reference of your territory first',
    );
  if (vintage === '')
    notes.push('vintage of the grid unknown: give --year (the Filosofi year, e.g. 2019)');

  return {
    rowsRead,
    rowsValid: valid.length,
    log,
    detected: {
      ...source.detected,
      layout: layout.label,
      communes: `${covered.length} loaded commune(s) covered`,
    },
    notes,
    records: rejected,
    columns: source.columns,
    dataset: {
      key: `import:grid:${scope}`,
      kind: 'grid',
      name: `Carroyage Filosofi${vintage ? ` ${vintage}` : ''} : enfants de 0 à 3 ans par carreau de 200 m (${scope})`,
      source:
        options.source ??
        `INSEE, Filosofi${vintage ? ` ${vintage}` : ''}, données carroyées à 200 m (${fileName})`,
      sourceUrl: 'https://www.insee.fr/fr/statistiques',
      licence: options.licence ?? 'Licence Ouverte / Etalab 2.0',
      vintage: vintage || 'non précisé',
    },
    tables: ['demand_cell'],
    absent: (t, datasetId) =>
      absentListRows(
        t,
        'demand_cell',
        datasetId,
        covered,
        'cells of an earlier import of this grid for communes the file no longer covers',
      ),
    async write(t, datasetId, ctx) {
      if (ctx.replace) {
        ctx.removed(
          'demand_cell',
          await removeListRows(t, 'demand_cell', datasetId, ctx.absent.keys),
        );
        ctx.reestimate(ctx.absent.keys);
      }
      await runQuery(t, 'create_grid_stage');
      await t.raw('TRUNCATE import_grid_stage');
      await writeBatches(
        t,
        'stage_grid_cells',
        valid.map((c) => ({
          n: c.row,
          srid: c.square.srid,
          east: c.square.eastM,
          north: c.square.northM,
          size: c.square.sizeM,
          communes: c.loaded,
          listed: c.listed.length,
        })),
        {},
        (done) => input.progress('staging grid cells', done, valid.length),
      );
      input.progress('splitting cells on commune lines', 0, 1);
      const parts = await runQuery<{
        n: number;
        commune_code: string;
        cell_area_m2: number;
        area_m2: number | null;
        geometry: string;
        centroid_lon: number;
        centroid_lat: number;
      }>(t, 'grid_cell_parts');
      const byRow = new Map(valid.map((c) => [c.row, c]));
      const partsByRow = new Map<number, typeof parts>();
      for (const p of parts) {
        const list = partsByRow.get(p.n);
        if (list) list.push(p);
        else partsByRow.set(p.n, [p]);
      }
      const weighted: WeightedPart[] = [];
      const shapes = new Map<string, (typeof parts)[number]>();
      for (const [row, list] of partsByRow) {
        const cell = byRow.get(row)!;
        const fractions = partFractions({
          listed: cell.listed,
          cellAreaM2: list[0].cell_area_m2,
          parts: list.map((p) => ({
            communeCode: p.commune_code,
            areaM2: p.area_m2 === null ? null : Number(p.area_m2),
          })),
        });
        for (const p of list) {
          weighted.push({
            cellId: cell.cellId,
            communeCode: p.commune_code,
            children: cell.children,
            people: cell.people,
            fraction: fractions.get(p.commune_code) ?? 0,
          });
          shapes.set(`${cell.cellId}|${p.commune_code}`, p);
        }
      }
      const shares = communeShares(weighted);
      const cellById = new Map(valid.map((c) => [c.cellId, c]));
      const rows: DemandCellRow[] = shares.cells.map((s) => {
        const cell = cellById.get(s.cellId)!;
        const shape = shapes.get(`${s.cellId}|${s.communeCode}`)!;
        return {
          cell_id: s.cellId,
          commune_code: s.communeCode,
          weight: s.weight,
          share: s.share,
          method: 'grid',
          imputed: cell.imputed,
          srid: cell.square.srid,
          geometry: JSON.parse(shape.geometry),
          centroid: [Number(shape.centroid_lon), Number(shape.centroid_lat)],
        };
      });
      await upsertDemandCells(t, rows, datasetId, (done) =>
        input.progress('writing demand cells', done, rows.length),
      );
      const written = [...new Set(rows.map((r) => r.commune_code))];
      ctx.removed('demand_cell', await deleteOtherCells(t, written, rows));
      await runQuery(t, 'delete_orphan_grid_datasets', { keep: datasetId });
      return {
        cells: rows.length,
        communes: written.length,
        imputed: rows.filter((r) => r.imputed).length,
        ...(shares.byPeople.length ? { communesShapedByInhabitants: shares.byPeople.length } : {}),
        ...(shares.even.length ? { communesSpreadEvenly: shares.even.length } : {}),
        cellsNotLoaded: notLoadedCells,
      };
    },
  };
}
