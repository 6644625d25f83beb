import type { Knex } from 'knex';
import type { DemoTerritory } from '../../domain/demo';
import { setRowCounts, upsertDataset, type NewDataset } from '../../kernel';

/** Every demo dataset key starts with this; reloading the demo replaces all of them. */
export const DEMO_KEY_PREFIX = 'demo:';
const BATCH = 5000;

/**
 * Replace the fictional demo in the database with `territory`. Call inside a transaction: on
 * any error nothing is changed. Each kind of data gets its own provenance record, marked fictional.
 */
export async function replaceDemoTerritory(
  trx: Knex.Transaction,
  territory: DemoTerritory,
  generatorLabel: string,
): Promise<Record<string, number>> {
  {
    await trx('dataset').where('key', 'like', `${DEMO_KEY_PREFIX}%`).delete();
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
    const counts: Record<string, number> = {};

    const territoryId = await upsertDataset(
      trx,
      dataset('territory', 'Découpage du territoire de démonstration'),
    );
    counts.departements = await insertJson(
      trx,
      territory.departements.map((d) => ({
        code: d.code,
        name: d.name,
        prefecture_code: d.prefectureCode,
        geometry: d.geometry,
      })),
      `INSERT INTO departement (code, name, prefecture_code, geom, dataset_id)
          SELECT code, name, prefecture_code, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(geometry), 4326)), ?
          FROM json_to_recordset(?::json) AS r(code text, name text, prefecture_code text, geometry json)`,
      [territoryId],
    );
    counts.epcis = await insertJson(
      trx,
      territory.epcis.map((e) => ({
        code: e.code,
        name: e.name,
        kind: e.kind,
        departement_code: e.departementCode,
        geometry: e.geometry,
      })),
      `INSERT INTO epci (code, name, kind, departement_code, geom, dataset_id)
          SELECT code, name, kind, departement_code, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(geometry), 4326)), ?
          FROM json_to_recordset(?::json) AS r(code text, name text, kind text, departement_code text, geometry json)`,
      [territoryId],
    );
    counts.communes = await insertJson(
      trx,
      territory.communes.map((c) => ({
        code: c.code,
        name: c.name,
        departement_code: c.departementCode,
        epci_code: c.epciCode,
        geometry: c.geometry,
      })),
      `INSERT INTO commune (code, name, departement_code, epci_code, geom, area_km2, dataset_id)
          SELECT code, name, departement_code, epci_code, g, ST_Area(g::geography) / 1e6, ?
          FROM (SELECT r.*, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(geometry), 4326)) AS g
                FROM json_to_recordset(?::json) AS r(code text, name text, departement_code text, epci_code text, geometry json)) s`,
      [territoryId],
    );
    await setRowCounts(trx, territoryId, {
      departements: counts.departements,
      epcis: counts.epcis,
      communes: counts.communes,
    });

    const populationId = await upsertDataset(
      trx,
      dataset('population', 'Population et enfants de moins de 3 ans'),
    );
    counts.population = await insertJson(
      trx,
      territory.communes.flatMap((c) =>
        c.population.map((p) => ({
          commune_code: c.code,
          year: p.year,
          children_under3: p.childrenUnder3,
          total: p.total,
        })),
      ),
      `INSERT INTO population (commune_code, year, children_under3, total, method, dataset_id)
          SELECT commune_code, year, children_under3, total, 'estimate', ?
          FROM json_to_recordset(?::json) AS r(commune_code text, year int, children_under3 float8, total float8)`,
      [populationId],
    );
    await setRowCounts(trx, populationId, { population: counts.population });

    const eajeId = await upsertDataset(
      trx,
      dataset('eaje', 'Établissements d’accueil du jeune enfant'),
    );
    counts.eaje = await insertJson(
      trx,
      territory.eaje.map((e) => ({
        source_id: e.id,
        name: e.name,
        kind: e.kind,
        financing: e.financing,
        places: e.places,
        manager: e.manager,
        manager_kind: e.managerKind,
        commune_code: e.communeCode,
        lon: e.position[0],
        lat: e.position[1],
        opened_year: e.openedYear,
        closed_year: e.closedYear,
      })),
      `INSERT INTO eaje (source_id, name, kind, financing, places, manager, manager_kind, commune_code, geom, opened_year, closed_year, dataset_id)
          SELECT source_id, name, kind, financing, places, manager, manager_kind, commune_code, ST_SetSRID(ST_MakePoint(lon, lat), 4326), opened_year, closed_year, ?
          FROM json_to_recordset(?::json) AS r(source_id text, name text, kind text, financing text, places int, manager text, manager_kind text, commune_code text, lon float8, lat float8, opened_year int, closed_year int)`,
      [eajeId],
    );
    await setRowCounts(trx, eajeId, { eaje: counts.eaje });

    const mamId = await upsertDataset(trx, dataset('mam', 'Maisons d’assistants maternels'));
    counts.mams = await insertJson(
      trx,
      territory.mams.map((m) => ({
        source_id: m.id,
        name: m.name,
        places: m.places,
        childminder_count: m.childminderCount,
        commune_code: m.communeCode,
        lon: m.position[0],
        lat: m.position[1],
        opened_year: m.openedYear,
        closed_year: m.closedYear,
      })),
      `INSERT INTO mam (source_id, name, places, childminder_count, commune_code, geom, opened_year, closed_year, dataset_id)
          SELECT source_id, name, places, childminder_count, commune_code, ST_SetSRID(ST_MakePoint(lon, lat), 4326), opened_year, closed_year, ?
          FROM json_to_recordset(?::json) AS r(source_id text, name text, places int, childminder_count int, commune_code text, lon float8, lat float8, opened_year int, closed_year int)`,
      [mamId],
    );
    await setRowCounts(trx, mamId, { mams: counts.mams });

    const amId = await upsertDataset(trx, dataset('childminders', 'Assistants maternels agréés'));
    counts.childminders = await insertJson(
      trx,
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
      })),
      `INSERT INTO childminder (source_id, commune_code, agreement_places, active, mam_id, geom, started_year, ended_year, dataset_id)
          SELECT r.source_id, r.commune_code, r.agreement_places, r.active, m.id, ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326), r.started_year, r.ended_year, ?
          FROM json_to_recordset(?::json) AS r(source_id text, commune_code text, agreement_places int, active boolean, mam_source_id text, lon float8, lat float8, started_year int, ended_year int)
          LEFT JOIN mam m ON m.dataset_id = ${mamId} AND m.source_id = r.mam_source_id`,
      [amId],
    );
    await setRowCounts(trx, amId, { childminders: counts.childminders });

    const countsId = await upsertDataset(
      trx,
      dataset('supply_counts', 'Garde à domicile et préscolarisation'),
    );
    counts.supplyCounts = await insertJson(
      trx,
      territory.supplyCounts.map((s) => ({
        commune_code: s.communeCode,
        year: s.year,
        mode: s.mode,
        places: s.places,
      })),
      `INSERT INTO supply_count (commune_code, year, mode, places, dataset_id)
          SELECT commune_code, year, mode, places, ?
          FROM json_to_recordset(?::json) AS r(commune_code text, year int, mode text, places float8)`,
      [countsId],
    );
    await setRowCounts(trx, countsId, { supplyCounts: counts.supplyCounts });

    const roadsId = await upsertDataset(trx, dataset('roads', 'Réseau routier'));
    counts.roadEdges = await insertJson(
      trx,
      territory.roads.map((r) => ({
        source: r.source,
        target: r.target,
        road_class: r.roadClass,
        speed_kmh: r.speedKmh,
        oneway: r.oneway,
        length_m: r.lengthM,
        geometry: { type: 'LineString', coordinates: r.coordinates },
      })),
      `INSERT INTO road_edge (source, target, road_class, speed_kmh, oneway, length_m, geom, dataset_id)
          SELECT source, target, road_class, speed_kmh, oneway, length_m, ST_SetSRID(ST_GeomFromGeoJSON(geometry), 4326), ?
          FROM json_to_recordset(?::json) AS r(source bigint, target bigint, road_class text, speed_kmh real, oneway boolean, length_m float8, geometry json)`,
      [roadsId],
    );
    await setRowCounts(trx, roadsId, { roadEdges: counts.roadEdges });

    return counts;
  }
}

/**
 * Insert rows through one JSON parameter per batch (`json_to_recordset`): one round trip per
 * few thousand rows, and PostGIS parses the geometries server-side. `sql` takes the leading
 * bindings, then the JSON batch as its last `?`.
 */
async function insertJson(
  trx: Knex.Transaction,
  rows: object[],
  sql: string,
  leading: unknown[],
): Promise<number> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await trx.raw(sql, [...leading, JSON.stringify(rows.slice(i, i + BATCH))] as Knex.RawBinding[]);
  }
  return rows.length;
}

/** True when no territory (département) is loaded yet. */
export async function isEmpty(knex: Knex): Promise<boolean> {
  const { rows } = await knex.raw('SELECT NOT EXISTS (SELECT 1 FROM departement) AS empty');
  return rows[0].empty;
}
