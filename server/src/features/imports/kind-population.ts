/**
 * `import population [--year YYYY]`: INSEE base-cc-evol-struct-pop CSV → children under 3 and
 * total population of the loaded communes for the census year. The file is about the communes
 * it lists for that year: a commune that a previous import of the same list gave and this file
 * does not is kept (removed with --replace).
 */
import path from 'node:path';
import { departementOfCommune } from '../../domain/imports/commune-codes';
import { parsePopulation } from '../../domain/imports/population';
import { absentListRows, removeListRows } from './absent-rows';
import { perCommuneFileNotes } from './per-commune-file';
import { scopeOf, type ImportPlan, type PlanInput } from './plan';
import { writeBatches } from '../../kernel/territory-writers';
import { readCsvTable } from '../../kernel/text-file';

export async function planPopulation(input: PlanInput): Promise<ImportPlan> {
  const { cog, options, context } = input;
  const csv = readCsvTable(input.bytes!);
  const parsed = parsePopulation(csv.table, {
    reference: cog.reference.communes,
    loadedCommunes: context.loadedCommunes,
    year: options.year,
  });
  parsed.log.problems.unshift(...csv.log.problems);
  for (const r of csv.log.rejectedRows) parsed.log.rejectedRows.add(r);
  const rows = parsed.rows.filter((r) => !parsed.log.isRejected(r.row)).map((r) => r.value);
  const year = rows[0]?.year ?? options.year ?? 0;
  const scope = scopeOf(
    rows.map((r) => departementOfCommune(r.communeCode)),
    options.departement,
  );
  const notes = perCommuneFileNotes(parsed, rows.length);
  return {
    rowsRead: parsed.rowsRead,
    rowsValid: rows.length,
    log: parsed.log,
    detected: { ...csv.detected, ...parsed.detected },
    notes,
    records: csv.table.records,
    columns: csv.table.columns,
    dataset: {
      key: `import:population:${year}:${scope}`,
      kind: 'population',
      name: `Enfants de moins de 3 ans et population (recensement ${year})`,
      source:
        options.source ??
        `INSEE, recensement de la population ${year}, base-cc-evol-struct-pop (${path.basename(input.fileName!)})`,
      sourceUrl: 'https://www.insee.fr/fr/statistiques',
      licence: options.licence ?? 'Licence Ouverte / Etalab 2.0',
      vintage: options.vintage ?? String(year),
    },
    tables: ['population'],
    absent: (t, datasetId) =>
      absentListRows(
        t,
        'population',
        datasetId,
        rows.map((r) => r.communeCode),
        `children under 3 in ${year} that a previous import of this list gave, for communes the file does not list`,
        year,
      ),
    async write(t, datasetId, context) {
      if (context.replace)
        context.removed(
          'population',
          await removeListRows(t, 'population', datasetId, context.absent.keys, year),
        );
      const population = await writeBatches(
        t,
        'upsert_population',
        rows.map((r) => ({
          commune_code: r.communeCode,
          year: r.year,
          children_under3: r.childrenUnder3,
          total: r.total,
        })),
        { method: 'census', dataset_id: datasetId },
        (done) => input.progress('writing populations', done, rows.length),
      );
      const childrenUnder3 = Math.round(rows.reduce((s, r) => s + r.childrenUnder3, 0));
      return { population, childrenUnder3 };
    },
  };
}
