/**
 * `import boundaries`: commune polygons (GeoJSON, shapefiles in a .zip or .7z, GeoPackage) →
 * communes, with their départements and EPCI (names and kinds from the COG) whose outlines are
 * the union of their communes. The file is about the communes it lists: they are added or
 * updated, the other communes of their départements are kept (removed with --replace, with
 * everything attached).
 */
import path from 'node:path';
import { parseBoundaries } from '../../domain/imports/boundaries';
import { eptRows } from '../../domain/imports/reference';
import type { TableRecord } from '../../domain/imports/table';
import { readGeoFile } from './geo-file';
import { absentCommunes, removeCommunes } from './communes-removal';
import { scopeOf, vintageOf, type ImportPlan, type PlanInput } from './plan';
import { polygonToWkbHex } from '../../kernel/wkb';
import {
  deriveOutlines,
  findInvalidGeometries,
  stageGeometries,
  writeBatches,
  writeEpts,
} from '../../kernel/territory-writers';

export async function planBoundaries(input: PlanInput): Promise<ImportPlan> {
  const { bytes, cog, options, trx } = input;
  const geo = await readGeoFile(bytes!);
  input.progress('validating', 0, geo.features.length);
  const parsed = parseBoundaries(geo.features, { reference: cog.reference, srid: geo.srid });
  const { log } = parsed;
  const staged = parsed.rows.map((r) => ({ n: r.row, wkb: polygonToWkbHex(r.value.geometry) }));
  await stageGeometries(trx, staged, geo.srid, (done) =>
    input.progress('checking geometries', done, staged.length),
  );
  const invalid = await findInvalidGeometries(trx);
  for (const g of invalid) {
    if (g.emptyAfterRepair)
      log.error(
        g.row,
        'geometry',
        g.reason,
        'invalid geometry that cannot be repaired (nothing polygonal left)',
      );
    else log.warning(g.row, 'geometry', g.reason, 'invalid geometry: repaired with ST_MakeValid');
  }
  const rows = parsed.rows
    .filter((r) => !log.isRejected(r.row))
    .map((r) => ({ ...r.value, row: r.row }));
  const notes: string[] = [];
  const withPopulation = rows.some((r) => r.population !== null);
  if (withPopulation && options.year === null)
    notes.push('the file has populations: give --year to store them (ignored)');
  const departements = [...new Set(rows.map((r) => r.departementCode))].sort();
  const epcis = [
    ...new Set(rows.map((r) => r.epciCode).filter((e): e is string => e !== null)),
  ].sort();
  const scope = scopeOf(departements, options.departement);
  const records: TableRecord[] = geo.features.map((f, i) => ({
    row: i + 1,
    values: Object.fromEntries(
      Object.entries(f.properties ?? {}).map(([k, v]) => [
        k,
        v === null || v === undefined ? '' : String(v),
      ]),
    ),
  }));
  return {
    rowsRead: parsed.rowsRead,
    rowsValid: rows.length,
    log,
    detected: { ...geo.detected, ...parsed.detected },
    notes,
    records,
    columns: [...new Set(records.flatMap((r) => Object.keys(r.values)))],
    dataset: {
      key: `import:territory:${scope}`,
      kind: 'territory',
      name: `Contours des communes (${departements.map((d) => cog.reference.departements.get(d)?.name ?? d).join(', ') || 'aucune'})`,
      source:
        options.source ??
        (geo.detected.format !== 'GeoJSON'
          ? 'IGN ADMIN EXPRESS'
          : 'Contours des communes (GeoJSON)'),
      sourceUrl: null,
      licence: options.licence ?? 'Licence Ouverte / Etalab 2.0',
      vintage: vintageOf(options, input.fileName && path.basename(input.fileName), cog.data.label),
    },
    tables: ['departement', 'epci', 'ept', 'commune', 'commune_code_history', 'population'],
    absent: (t) =>
      absentCommunes(t, {
        departements,
        listed: rows.map((r) => r.code),
        keepEpcis: epcis,
        what: `communes of ${departements.length > 1 ? 'départements' : 'département'} ${departements.join(', ')} that the file does not list`,
      }),
    async write(t, datasetId, context) {
      await writeBatches(
        t,
        'upsert_departements',
        departements.map((code) => {
          const d = cog.reference.departements.get(code);
          return { code, name: d?.name ?? code, prefecture_code: d?.prefectureCode ?? null };
        }),
        { dataset_id: datasetId },
      );
      await writeBatches(
        t,
        'upsert_epcis',
        epcis.map((code) => {
          const e = cog.reference.epcis.get(code)!;
          return { code, name: e.name, kind: e.kind, departement_code: e.departementCode };
        }),
        { dataset_id: datasetId },
      );
      const communes = await writeBatches(
        t,
        'upsert_commune_boundaries',
        rows.map((r) => ({
          n: r.row,
          code: r.code,
          name: r.name,
          departement_code: r.departementCode,
          epci_code: r.epciCode,
        })),
        { dataset_id: datasetId },
        (done) => input.progress('writing communes', done, rows.length),
        2000,
      );
      const codes = new Set(rows.map((r) => r.code));
      const epts = eptRows(cog.reference, codes);
      const eptsWritten = await writeEpts(
        t,
        epts,
        rows.map((r) => ({
          code: r.code,
          eptCode: cog.reference.eptOfCommune.get(r.code) ?? null,
        })),
        datasetId,
      );
      const epcisLosing = context.replace
        ? await removeCommunes(t, context.absent.keys, epcis, context.removed)
        : [];
      const history = [...cog.reference.communes.replacedBy].flatMap(([old, nows]) =>
        nows
          .filter((n) => codes.has(n))
          .map((n) => ({ old_code: old, commune_code: n, old_name: null })),
      );
      const formerCodes = await writeBatches(t, 'insert_code_history', history);
      let populations = 0;
      if (withPopulation && options.year !== null) {
        populations = await writeBatches(
          t,
          'upsert_population',
          rows
            .filter((r) => r.population !== null)
            .map((r) => ({
              commune_code: r.code,
              year: options.year,
              children_under3: null,
              total: r.population,
            })),
          { method: 'census', dataset_id: datasetId },
        );
      }
      input.progress('deriving outlines', 0, 1);
      await deriveOutlines(t, departements, [...new Set([...epcis, ...epcisLosing])]);
      context.reestimate(codes);
      return {
        communes,
        departements: departements.length,
        epcis: epcis.length,
        ...(epts.length ? { epts: eptsWritten } : {}),
        formerCodes,
        ...(populations ? { populations } : {}),
        ...(context.replace ? { communesRemoved: context.absent.keys.length } : {}),
      };
    },
  };
}
