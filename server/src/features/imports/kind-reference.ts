/**
 * `import reference [--departement CODE]`: names, legal populations and EPCI membership of the
 * communes of the COG (package @etalab/decoupage-administratif), with their former codes so that
 * files using pre-merger codes attach to the right commune. No file: the package is the source.
 * It is about the communes of the COG in its scope: loaded communes of those départements that
 * the COG no longer lists are kept (removed with --replace).
 */
import { referenceRows } from '../../domain/imports/reference';
import { ProblemLog } from '../../domain/imports/report';
import { absentCommunes, removeCommunes } from './communes-removal';
import { FileFormatError, type ImportPlan, type PlanInput } from './plan';
import { deriveOutlines, writeBatches, writeEpts } from '../../kernel/territory-writers';

export async function planReference(input: PlanInput): Promise<ImportPlan> {
  const { cog, options } = input;
  const departement = options.departement?.toUpperCase() ?? null;
  if (departement !== null && !cog.reference.departements.has(departement)) {
    throw new FileFormatError(`unknown département "${departement}" (${cog.data.label})`);
  }
  const rows = referenceRows(cog.data, cog.reference, departement);
  const scope = departement ?? 'FR';
  const year = cog.data.populationYear;
  return {
    rowsRead: rows.communes.length,
    rowsValid: rows.communes.length,
    log: new ProblemLog(),
    detected: { reference: cog.data.label, populations: `populations légales ${year}` },
    notes: [],
    records: null,
    columns: [],
    dataset: {
      key: `import:reference:${scope}`,
      kind: 'reference',
      name: `Communes, populations légales et EPCI (${departement ? cog.reference.departements.get(departement)!.name : 'France'})`,
      source: options.source ?? `INSEE COG, DGCL (${cog.data.label})`,
      sourceUrl: 'https://github.com/etalab/decoupage-administratif',
      licence: options.licence ?? 'Licence Ouverte / Etalab 2.0',
      vintage: options.vintage ?? `COG 2026, populations ${year}`,
    },
    tables: ['departement', 'epci', 'ept', 'commune', 'commune_code_history', 'population'],
    absent: (t) =>
      absentCommunes(t, {
        departements: rows.departements.map((d) => d.code),
        listed: rows.communes.map((c) => c.code),
        keepEpcis: rows.epcis.map((e) => e.code),
        what: `loaded communes of ${departement ? `département ${departement}` : 'France'} that the ${cog.data.label} does not list`,
      }),
    async write(t, datasetId, context) {
      await writeBatches(
        t,
        'upsert_departements',
        rows.departements.map((d) => ({
          code: d.code,
          name: d.name,
          prefecture_code: d.prefectureCode,
        })),
        { dataset_id: datasetId },
      );
      await writeBatches(
        t,
        'upsert_epcis',
        rows.epcis.map((e) => ({
          code: e.code,
          name: e.name,
          kind: e.kind,
          departement_code: e.departementCode,
        })),
        { dataset_id: datasetId },
      );
      const communes = await writeBatches(
        t,
        'upsert_commune_reference',
        rows.communes.map((c) => ({
          code: c.code,
          name: c.name,
          departement_code: c.departementCode,
          epci_code: c.epciCode,
        })),
        { dataset_id: datasetId },
        (done) => input.progress('writing communes', done, rows.communes.length),
      );
      const epts = await writeEpts(
        t,
        rows.epts,
        rows.communes.map((c) => ({
          code: c.code,
          eptCode: cog.reference.eptOfCommune.get(c.code) ?? null,
        })),
        datasetId,
      );
      const populations = await writeBatches(
        t,
        'upsert_population',
        rows.communes
          .filter((c) => c.population !== null)
          .map((c) => ({ commune_code: c.code, year, children_under3: null, total: c.population })),
        { method: 'census', dataset_id: datasetId },
      );
      const formerCodes = await writeBatches(
        t,
        'insert_code_history',
        rows.history.map((h) => ({
          old_code: h.oldCode,
          commune_code: h.communeCode,
          old_name: h.oldName,
        })),
      );
      const epcisLosing = context.replace
        ? await removeCommunes(
            t,
            context.absent.keys,
            rows.epcis.map((e) => e.code),
            context.removed,
          )
        : [];
      // EPCI that already had communes with a boundary get their outline back in step.
      await deriveOutlines(
        t,
        rows.departements.map((d) => d.code),
        [...new Set([...rows.epcis.map((e) => e.code), ...epcisLosing])],
      );
      const populationTotal = rows.communes.reduce((s, c) => s + (c.population ?? 0), 0);
      return {
        communes,
        departements: rows.departements.length,
        epcis: rows.epcis.length,
        ...(rows.epts.length ? { epts } : {}),
        populations,
        populationTotal,
        formerCodes,
      };
    },
  };
}
