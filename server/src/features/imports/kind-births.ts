/**
 * `import births`: INSEE état civil, births by the mother's commune of residence (CSV with
 * `CODGEO` and one `NAISD{yy}` column per year) → births of the loaded communes, every year the
 * file gives. The file is about the communes it lists: a commune a previous import of the same
 * list gave and this file does not is kept (removed with --replace).
 */
import path from 'node:path';
import { parseBirths } from '../../domain/imports/births';
import { departementOfCommune } from '../../domain/imports/commune-codes';
import { writeBatches } from '../../kernel/territory-writers';
import { readCsvTable } from '../../kernel/text-file';
import { absentListRows, removeListRows } from './absent-rows';
import { perCommuneFileNotes } from './per-commune-file';
import { scopeOf, type ImportPlan, type PlanInput } from './plan';

export async function planBirths(input: PlanInput): Promise<ImportPlan> {
  const { cog, options, context } = input;
  const csv = readCsvTable(input.bytes!);
  const parsed = parseBirths(csv.table, {
    reference: cog.reference.communes,
    loadedCommunes: context.loadedCommunes,
  });
  parsed.log.problems.unshift(...csv.log.problems);
  for (const r of csv.log.rejectedRows) parsed.log.rejectedRows.add(r);
  const rows = parsed.rows.filter((r) => !parsed.log.isRejected(r.row)).map((r) => r.value);
  const communes = [...new Set(rows.map((r) => r.communeCode))];
  const scope = scopeOf(communes.map(departementOfCommune), options.departement);
  const span =
    parsed.years.length > 0
      ? `${parsed.years[0]}-${parsed.years[parsed.years.length - 1]}`
      : 'non précisé';
  const notes = perCommuneFileNotes(parsed, rows.length);
  return {
    rowsRead: parsed.rowsRead,
    rowsValid: communes.length,
    log: parsed.log,
    detected: { ...csv.detected, ...parsed.detected },
    notes,
    records: csv.table.records,
    columns: csv.table.columns,
    dataset: {
      key: `import:births:${scope}`,
      kind: 'births',
      name: `Naissances domiciliées (état civil ${span})`,
      source:
        options.source ??
        `INSEE, état civil, naissances domiciliées par commune (${path.basename(input.fileName!)})`,
      sourceUrl: 'https://www.insee.fr/fr/statistiques',
      licence: options.licence ?? 'Licence Ouverte / Etalab 2.0',
      vintage: options.vintage ?? span,
    },
    tables: ['births'],
    absent: (t, datasetId) =>
      absentListRows(
        t,
        'births',
        datasetId,
        communes,
        'births that a previous import of this list gave, for communes the file does not list',
      ),
    async write(t, datasetId, context) {
      if (context.replace)
        context.removed(
          'births',
          await removeListRows(t, 'births', datasetId, context.absent.keys),
        );
      const births = await writeBatches(
        t,
        'upsert_births',
        rows.map((r) => ({ commune_code: r.communeCode, year: r.year, births: r.births })),
        { dataset_id: datasetId },
        (done) => input.progress('writing births', done, rows.length),
      );
      return { births, communes: communes.length };
    },
  };
}
