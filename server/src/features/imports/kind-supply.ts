/**
 * `import eaje | mams | childminders`: supply lists (CSV or GeoJSON) with automatic recognition
 * of known schemas and an optional column mapping file. A list is about the rows it lists (by
 * identifier): they are added or updated; rows of a previous import of the same list (same
 * kind and département) that the file no longer lists are kept and reported, removed with
 * --replace.
 */
import path from 'node:path';
import { parseChildminders } from '../../domain/imports/childminders';
import { departementOfCommune } from '../../domain/imports/commune-codes';
import { parseEaje } from '../../domain/imports/eaje';
import { parseMams } from '../../domain/imports/mams';
import type { ParseResult } from '../../domain/imports/report';
import type { SupplyContext } from '../../domain/imports/supply-fields';
import type { Table } from '../../domain/imports/table';
import { featuresToTable, readGeoJson } from './geo-file';
import { scopeOf, vintageOf, type ImportPlan, type PlanInput } from './plan';
import { absentListRows, removeListRows } from './absent-rows';
import { linkChildmindersToMams, writeBatches } from '../../kernel/territory-writers';
import { setAmUnder3Share } from '../../kernel';
import { readCsvTable } from '../../kernel/text-file';

type SupplyKind = 'eaje' | 'mams' | 'childminders';

function readTable(bytes: Uint8Array, fileName: string, personal: boolean) {
  const looksJson =
    /\.(geo)?json$/i.test(fileName) ||
    /^\s*[{[]/.test(new TextDecoder().decode(bytes.subarray(0, 64)));
  if (looksJson) {
    const geo = readGeoJson(bytes);
    return { table: featuresToTable(geo.features), detected: geo.detected, csv: null };
  }
  const csv = readCsvTable(bytes, personal ? ['lat', 'lon', 'latitude', 'longitude'] : []);
  return { table: csv.table, detected: csv.detected, csv };
}

export async function planSupply(kind: SupplyKind, input: PlanInput): Promise<ImportPlan> {
  const { options, cog, context } = input;
  const read = readTable(input.bytes!, input.fileName!, kind === 'childminders');
  const ctx: SupplyContext = {
    reference: cog.reference.communes,
    loadedCommunes: context.loadedCommunes,
    departementBboxes: context.departementBboxes,
    communesWithGeometry: context.communesWithGeometry,
  };
  const table: Table = read.table;
  const childminders =
    kind === 'childminders'
      ? parseChildminders(table, ctx, options.mapping, { assumeActive: options.assumeActive })
      : null;
  const parsed: ParseResult<{ communeCode: string; lon: number | null }> =
    kind === 'eaje'
      ? parseEaje(table, ctx, options.mapping)
      : kind === 'mams'
        ? parseMams(table, ctx, options.mapping)
        : childminders!;
  if (read.csv) {
    parsed.log.problems.unshift(...read.csv.log.problems);
    for (const r of read.csv.log.rejectedRows) parsed.log.rejectedRows.add(r);
  }
  const rows = parsed.rows.filter((r) => !parsed.log.isRejected(r.row)).map((r) => r.value);
  const scope = scopeOf(
    rows.map((r) => departementOfCommune(r.communeCode)),
    options.departement,
  );
  const approximate = rows.filter((r) => r.lon === null).length;
  const notes =
    approximate > 0
      ? [`${approximate} row(s) without coordinates placed at their commune (approximate location)`]
      : [];
  if (childminders && childminders.inCrecheFamiliale > 0)
    notes.push(
      `${childminders.inCrecheFamiliale} childminder(s) employed by a crèche familiale not counted as childminders (their places are the crèche's, in the EAJE list)`,
    );
  if (childminders && childminders.assumedActive > 0)
    notes.push(
      `${childminders.assumedActive} childminder(s) without an activity taken as active (--assume-active)`,
    );
  // The choice to count unknown activity as active belongs to the figures' provenance.
  const assumed =
    childminders && childminders.assumedActive > 0
      ? ' — activité non renseignée : comptés actifs (choix à l’import, --assume-active)'
      : '';
  const fileName = path.basename(input.fileName!);
  if (kind === 'childminders' && options.amUnder3Share !== null)
    notes.push(
      `under-3 share of childminder places set to ${options.amUnder3Share} in ${scope} (--am-share)`,
    );
  const labels = {
    eaje: 'Établissements d’accueil du jeune enfant',
    mams: 'Maisons d’assistants maternels',
    childminders: 'Assistants maternels agréés',
  };
  const datasetKind = kind === 'mams' ? 'mam' : kind;
  const listTable = kind === 'mams' ? 'mam' : kind === 'eaje' ? 'eaje' : 'childminder';
  return {
    rowsRead: parsed.rowsRead,
    rowsValid: rows.length,
    log: parsed.log,
    detected: { ...read.detected, ...parsed.detected },
    notes,
    records: table.records,
    columns: table.columns,
    dataset: {
      key: `import:${datasetKind}:${scope}`,
      kind: datasetKind,
      name: `${labels[kind]} (${scope})${assumed}`,
      source: `${options.source ?? `Liste fournie par le territoire (${fileName})`}${assumed}`,
      sourceUrl: null,
      licence:
        options.licence ??
        (kind === 'childminders'
          ? 'Usage interne (données personnelles, RGPD)'
          : 'Licence Ouverte / Etalab 2.0'),
      vintage: vintageOf(options, fileName, 'non précisé'),
    },
    tables: kind === 'eaje' ? ['eaje'] : ['mam', 'childminder'],
    absent: (t, datasetId) =>
      absentListRows(
        t,
        listTable,
        datasetId,
        rows.map((r) => (r as unknown as { sourceId: string }).sourceId),
        `${labels[kind].toLowerCase()} of a previous import of this list that the file no longer has`,
      ),
    async write(t, datasetId, context): Promise<Record<string, number>> {
      const progress = (done: number) => input.progress(`writing ${kind}`, done, rows.length);
      if (context.replace)
        context.removed(
          listTable,
          await removeListRows(t, listTable, datasetId, context.absent.keys),
        );
      if (kind === 'eaje') {
        const list = rows as unknown as ReturnType<typeof parseEaje>['rows'][number]['value'][];
        const eaje = await writeBatches(
          t,
          'upsert_eaje',
          list.map((r) => ({
            source_id: r.sourceId,
            name: r.name,
            kind: r.kind,
            financing: r.financing,
            places: r.places,
            manager: r.manager,
            manager_kind: r.managerKind,
            address: r.address,
            commune_code: r.communeCode,
            lon: r.lon,
            lat: r.lat,
            opened_year: r.openedYear,
            closed_year: r.closedYear,
          })),
          { dataset_id: datasetId },
          progress,
        );
        return { eaje, approximate, places: list.reduce((s, r) => s + r.places, 0) };
      }
      if (kind === 'mams') {
        const list = rows as unknown as ReturnType<typeof parseMams>['rows'][number]['value'][];
        const mams = await writeBatches(
          t,
          'upsert_mams',
          list.map((r) => ({
            source_id: r.sourceId,
            name: r.name,
            places: r.places,
            childminder_count: r.childminderCount,
            address: r.address,
            commune_code: r.communeCode,
            lon: r.lon,
            lat: r.lat,
            opened_year: r.openedYear,
            closed_year: r.closedYear,
          })),
          { dataset_id: datasetId },
          progress,
        );
        const linked = await linkChildmindersToMams(t);
        return { mams, approximate, childmindersLinked: linked };
      }
      const list = rows as unknown as ReturnType<
        typeof parseChildminders
      >['rows'][number]['value'][];
      const birthYearsGiven = parsed.detected.birth_year !== undefined;
      const childminders = await writeBatches(
        t,
        'upsert_childminders',
        list.map((r) => ({
          source_id: r.sourceId,
          commune_code: r.communeCode,
          agreement_places: r.agreementPlaces,
          active: r.active,
          mam_source_id: r.mamSourceId,
          lon: r.lon,
          lat: r.lat,
          started_year: r.startedYear,
          ended_year: r.endedYear,
          birth_year: r.birthYear,
        })),
        { dataset_id: datasetId, birth_years_given: birthYearsGiven },
        progress,
        10000,
      );
      const linked = await linkChildmindersToMams(t);
      const inMam = list.filter((r) => r.mamSourceId !== null).length;
      if (options.amUnder3Share !== null)
        await setAmUnder3Share(
          t,
          [...new Set(list.map((r) => departementOfCommune(r.communeCode)))].sort(),
          options.amUnder3Share,
          options.source ?? `Part choisie à l’import de ${fileName}`,
        );
      return {
        childminders,
        active: list.filter((r) => r.active).length,
        approximate,
        inMam,
        linkedToMam: linked,
      };
    },
  };
}
