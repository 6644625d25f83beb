/**
 * `import caf-coverage`: Caf open-data coverage (txcouv_pe_*), places (nbpla_pe_*) or the older
 * TAUXCOUV20xx.csv → published figures stored beside the computed ones. The file is about the
 * figures it lists: figures of the same file name imported before and absent now are kept
 * (removed with --replace).
 */
import path from 'node:path';
import { parseCafCoverage } from '../../domain/imports/caf-coverage';
import { type ImportPlan, type PlanInput } from './plan';
import { absentListRows, removeListRows } from './absent-rows';
import { writeBatches } from '../../kernel/territory-writers';
import { readCsvTable } from '../../kernel/text-file';

export async function planCafCoverage(input: PlanInput): Promise<ImportPlan> {
  const { options } = input;
  const base = path
    .basename(input.fileName!)
    .replace(/\.[^.]+$/, '')
    .toLowerCase();
  const yearFromName = /(20\d{2})/.exec(base);
  const csv = readCsvTable(input.bytes!);
  const parsed = parseCafCoverage(csv.table, {
    year: options.year ?? (yearFromName ? Number(yearFromName[1]) : null),
  });
  parsed.log.problems.unshift(...csv.log.problems);
  for (const r of csv.log.rejectedRows) parsed.log.rejectedRows.add(r);
  const rows = parsed.rows.map((r) => r.value);
  const years = [...new Set(rows.map((r) => r.year))].sort();
  const notes =
    parsed.placeholders > 0
      ? [`${parsed.placeholders} placeholder row(s) (codes XX/XXX) skipped`]
      : [];
  return {
    rowsRead: parsed.rowsRead,
    rowsValid: rows.length,
    log: parsed.log,
    detected: { ...csv.detected, ...parsed.detected },
    notes,
    records: csv.table.records,
    columns: csv.table.columns,
    dataset: {
      key: `import:caf_coverage:${base}`,
      kind: 'caf_coverage',
      name: `Taux de couverture publiés par la Caf (${base})`,
      source: options.source ?? `Cnaf, open data Caf (${path.basename(input.fileName!)})`,
      sourceUrl: 'https://data.caf.fr',
      licence: options.licence ?? 'Licence Ouverte / Etalab 2.0',
      vintage:
        options.vintage ??
        (years.length
          ? years.length > 1
            ? `${years[0]}-${years[years.length - 1]}`
            : String(years[0])
          : 'non précisé'),
    },
    tables: ['caf_published_coverage'],
    absent: (t, datasetId) =>
      absentListRows(
        t,
        'caf_published_coverage',
        datasetId,
        rows.map((r) => `${r.level}|${r.code}|${r.year}|${r.measure}`),
        'published figures of a previous import of this file that it no longer has',
      ),
    async write(t, datasetId, context) {
      if (context.replace)
        context.removed(
          'caf_published_coverage',
          await removeListRows(t, 'caf_published_coverage', datasetId, context.absent.keys),
        );
      const figures = await writeBatches(
        t,
        'upsert_caf_coverage',
        rows.map((r) => ({ ...r })),
        { dataset_id: datasetId },
      );
      return { figures, territories: new Set(rows.map((r) => `${r.level}|${r.code}`)).size };
    },
  };
}
