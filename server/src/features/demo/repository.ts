/**
 * The demo loader's writes. The demo is loaded as the importers load a real territory: through
 * the same writers and SQL files (kernel/territory-writers.ts, sql/queries/imports/*.sql),
 * so that there is one writer per table. Only its provenance differs: one fictional dataset
 * per kind of data, keys `demo:…`.
 */
import type { Knex } from 'knex';
import { demandCells, type DemoTerritory } from '../../domain/demo';
import {
  DEMO_KEY_PREFIX,
  removeDatasetsByKeyPrefix,
  setRowCounts,
  upsertDataset,
  type NewDataset,
} from '../../kernel';
import {
  deriveOutlines,
  linkChildmindersToMams,
  runQuery,
  stageGeometries,
  upsertDemandCells,
  writeBatches,
} from '../../kernel/territory-writers';
import { polygonToWkbHex } from '../../kernel/wkb';

export { DEMO_KEY_PREFIX };
/** Demand cells are made into rows this many at a time (millions for the large territories). */
const CELL_CHUNK = 20_000;

/**
 * Replace the fictional demo in the database with `territory`. Call inside a transaction: on
 * any error nothing is changed. Each kind of data gets its own provenance record, marked fictional.
 */
export async function replaceDemoTerritory(
  trx: Knex.Transaction,
  territory: DemoTerritory,
  generatorLabel: string,
): Promise<Record<string, number>> {
  await removeDatasetsByKeyPrefix(trx, DEMO_KEY_PREFIX);
  // Loaded on purpose: a removal the user made before is forgotten (migration 016).
  await trx('demo_removal').delete();
  const vintage = `${territory.years[0]}-${territory.years[territory.years.length - 1]}`;
  const dataset = (kind: string, name: string): NewDataset => ({
    key: `${DEMO_KEY_PREFIX}${kind}`,
    kind,
    name: `${name} (territoire fictif)`,
    source: `${generatorLabel}, graine ${territory.seed}`,
    sourceUrl: null,
    licence: 'CC0-1.0 (données générées)',
    vintage,
    fictional: true,
    fileName: null,
    checksum: null,
    rowCounts: {},
  });
  /** Writes `rows` with the import query `name` and checks that every one was stored. */
  const write = async (
    name: string,
    table: string,
    datasetId: number,
    rows: object[],
    bindings: Record<string, unknown> = {},
  ) => {
    await writeBatches(trx, name, rows, { ...bindings, dataset_id: datasetId });
    return expectStored(trx, table, datasetId, rows.length);
  };
  const counts: Record<string, number> = {};

  const territoryId = await upsertDataset(
    trx,
    dataset('territory', 'Découpage du territoire de démonstration'),
  );
  await writeBatches(
    trx,
    'upsert_departements',
    territory.departements.map((d) => ({
      code: d.code,
      name: d.name,
      prefecture_code: d.prefectureCode,
    })),
    { dataset_id: territoryId },
  );
  await writeBatches(
    trx,
    'upsert_epcis',
    territory.epcis.map((e) => ({
      code: e.code,
      name: e.name,
      kind: e.kind,
      departement_code: e.departementCode,
    })),
    { dataset_id: territoryId },
  );
  await stageGeometries(
    trx,
    territory.communes.map((c, n) => ({ n, wkb: polygonToWkbHex(c.geometry) })),
    4326,
  );
  counts.communes = await write(
    'upsert_commune_boundaries',
    'commune',
    territoryId,
    territory.communes.map((c, n) => ({
      n,
      code: c.code,
      name: c.name,
      departement_code: c.departementCode,
      epci_code: c.epciCode,
    })),
  );
  // Outlines of départements and EPCI: the union of their communes, as for an import.
  const outlines = await deriveOutlines(
    trx,
    territory.departements.map((d) => d.code),
    territory.epcis.map((e) => e.code),
  );
  counts.departements = outlines.departements;
  counts.epcis = outlines.epcis;
  await setRowCounts(trx, territoryId, {
    departements: counts.departements,
    epcis: counts.epcis,
    communes: counts.communes,
  });

  const populationId = await upsertDataset(
    trx,
    dataset('population', 'Population et enfants de moins de 3 ans'),
  );
  counts.population = await write(
    'upsert_population',
    'population',
    populationId,
    territory.communes.flatMap((c) =>
      c.population.map((p) => ({
        commune_code: c.code,
        year: p.year,
        children_under3: p.childrenUnder3,
        total: p.total,
      })),
    ),
    { method: 'estimate' },
  );
  await setRowCounts(trx, populationId, { population: counts.population });

  const birthYears = territory.communes.flatMap((c) => c.births.map((b) => b.year));
  const birthsId = await upsertDataset(trx, {
    ...dataset('births', 'Naissances domiciliées'),
    // Not Math.min(...years): a national territory's years overflow the call's arguments.
    vintage: `${birthYears.reduce((a, b) => Math.min(a, b))}-${birthYears.reduce((a, b) => Math.max(a, b))}`,
  });
  counts.births = await write(
    'upsert_births',
    'births',
    birthsId,
    territory.communes.flatMap((c) =>
      c.births.map((b) => ({ commune_code: c.code, year: b.year, births: b.births })),
    ),
  );
  await setRowCounts(trx, birthsId, { births: counts.births });

  const gridId = await upsertDataset(
    trx,
    dataset('grid', 'Carroyage 200 m de la population (où vivent les enfants)'),
  );
  const cells = territory.demand.col.length;
  for (let from = 0; from < cells; from += CELL_CHUNK) {
    await upsertDemandCells(
      trx,
      demandCells(territory, from, from + CELL_CHUNK).map((c) => ({
        cell_id: c.cellId,
        commune_code: c.communeCode,
        weight: c.weight,
        share: c.share,
        method: 'grid',
        imputed: false,
        srid: territory.demand.srid,
        geometry: { type: 'Polygon', coordinates: [c.ring] },
        centroid: c.centroid,
      })),
      gridId,
    );
  }
  counts.demandCells = await expectStored(trx, 'demand_cell', gridId, cells);
  await setRowCounts(trx, gridId, { demandCells: counts.demandCells });

  const eajeId = await upsertDataset(
    trx,
    dataset('eaje', 'Établissements d’accueil du jeune enfant'),
  );
  counts.eaje = await write(
    'upsert_eaje',
    'eaje',
    eajeId,
    territory.eaje.map((e) => ({
      source_id: e.id,
      name: e.name,
      kind: e.kind,
      financing: e.financing,
      places: e.places,
      manager: e.manager,
      manager_kind: e.managerKind,
      address: null,
      commune_code: e.communeCode,
      lon: e.position[0],
      lat: e.position[1],
      opened_year: e.openedYear,
      closed_year: e.closedYear,
    })),
  );
  await setRowCounts(trx, eajeId, { eaje: counts.eaje });

  const mamId = await upsertDataset(trx, dataset('mam', 'Maisons d’assistants maternels'));
  counts.mams = await write(
    'upsert_mams',
    'mam',
    mamId,
    territory.mams.map((m) => ({
      source_id: m.id,
      name: m.name,
      places: m.places,
      childminder_count: m.childminderCount,
      address: null,
      commune_code: m.communeCode,
      lon: m.position[0],
      lat: m.position[1],
      opened_year: m.openedYear,
      closed_year: m.closedYear,
    })),
  );
  await setRowCounts(trx, mamId, { mams: counts.mams });

  const amId = await upsertDataset(trx, dataset('childminders', 'Assistants maternels agréés'));
  counts.childminders = await write(
    'upsert_childminders',
    'childminder',
    amId,
    territory.childminders.map((a) => ({
      source_id: a.id,
      commune_code: a.communeCode,
      agreement_places: a.agreementPlaces,
      active: a.active,
      mam_source_id: a.mamId,
      lon: a.position[0],
      lat: a.position[1],
      started_year: a.startedYear,
      ended_year: a.endedYear,
      birth_year: a.birthYear,
    })),
    { birth_years_given: true },
  );
  counts.childmindersInMam = await linkChildmindersToMams(trx);
  await setRowCounts(trx, amId, { childminders: counts.childminders });

  const countsId = await upsertDataset(
    trx,
    dataset('supply_counts', 'Garde à domicile et préscolarisation'),
  );
  counts.supplyCounts = await write(
    'upsert_supply_counts',
    'supply_count',
    countsId,
    territory.supplyCounts.map((s) => ({
      commune_code: s.communeCode,
      year: s.year,
      mode: s.mode,
      places: s.places,
    })),
  );
  await setRowCounts(trx, countsId, { supplyCounts: counts.supplyCounts });

  const roadsId = await upsertDataset(trx, dataset('roads', 'Réseau routier'));
  // Roads go through the import's stage, as an OpenStreetMap extract's do.
  await runQuery(trx, 'create_road_stage');
  await writeBatches(
    trx,
    'stage_road_edges',
    territory.roads.map((r) => ({
      source: r.source,
      target: r.target,
      road_class: r.roadClass,
      speed_kmh: r.speedKmh,
      setting: null,
      oneway: r.oneway,
      length_m: r.lengthM,
      osm_id: null,
      coordinates: r.coordinates,
    })),
  );
  await runQuery(trx, 'insert_staged_road_edges', { dataset_id: roadsId });
  counts.roadEdges = await expectStored(trx, 'road_edge', roadsId, territory.roads.length);
  await setRowCounts(trx, roadsId, { roadEdges: counts.roadEdges });

  return counts;
}

/**
 * The number of `table` rows of `datasetId`, which must be `expected`: the import queries skip
 * a row whose commune is unknown, and the demo must never lose one silently.
 */
async function expectStored(
  trx: Knex.Transaction,
  table: string,
  datasetId: number,
  expected: number,
): Promise<number> {
  const [{ n }] = await trx(table).where({ dataset_id: datasetId }).count({ n: '*' });
  if (Number(n) !== expected) {
    throw new Error(`Demo load: ${n} ${table} rows stored, ${expected} generated`);
  }
  return expected;
}

/** True when no territory (département) is loaded yet. */
export async function isEmpty(knex: Knex): Promise<boolean> {
  return (await knex('departement').first('code')) === undefined;
}
