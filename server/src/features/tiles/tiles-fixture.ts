import type { Knex } from 'knex';

/**
 * A small territory for tile tests, near 47°N 2.5°E, all of it inside the z8 tile 129/90.
 *
 *   lat 47.00 ┌──────────────┬──────────────┐
 *             │ 18003        │ 18004        │   EPCI 200000002 (north row)
 *             │ Charlie      │ Delta        │
 *   lat 46.90 ├──────────────┼──────────────┤
 *             │ 18001        │ 18002        │   EPCI 200000001 (south row)
 *             │ Alpha        │ Bravo        │
 *   lat 46.80 └──────────────┴──────────────┘
 *          lon 2.40       lon 2.50       lon 2.60      département 18 = the whole square
 *
 * The outlines come from a non-fictional dataset; the hand-written coverage figures are marked
 * fictional, so a commune without a figure shows the outline's provenance (fictional: false).
 */
export const OUTLINES = {
  departement: { code: '18', name: 'Cher', west: 2.4, south: 46.8, east: 2.6, north: 47.0 },
  epcis: [
    { code: '200000001', name: 'CC du Sud', west: 2.4, south: 46.8, east: 2.6, north: 46.9 },
    { code: '200000002', name: 'CC du Nord', west: 2.4, south: 46.9, east: 2.6, north: 47.0 },
  ],
  communes: [
    {
      code: '18001',
      name: 'Alpha',
      epci: '200000001',
      west: 2.4,
      south: 46.8,
      east: 2.5,
      north: 46.9,
    },
    {
      code: '18002',
      name: 'Bravo',
      epci: '200000001',
      west: 2.5,
      south: 46.8,
      east: 2.6,
      north: 46.9,
    },
    {
      code: '18003',
      name: 'Charlie',
      epci: '200000002',
      west: 2.4,
      south: 46.9,
      east: 2.5,
      north: 47.0,
    },
    {
      code: '18004',
      name: 'Delta',
      epci: '200000002',
      west: 2.5,
      south: 46.9,
      east: 2.6,
      north: 47.0,
    },
  ],
};

export const EAJE = [
  {
    source_id: 'e1',
    name: 'Crèche des Tilleuls',
    kind: 'multi_accueil',
    financing: 'psu',
    places: 40,
    commune_code: '18001',
    lon: 2.42,
    lat: 46.84,
    location_approximate: false,
    opened_year: 2010,
    closed_year: null,
  },
  {
    source_id: 'e2',
    name: 'Micro-crèche Les Lutins',
    kind: 'micro_creche',
    financing: 'hors_psu',
    places: 10,
    commune_code: '18001',
    lon: 2.44,
    lat: 46.85,
    location_approximate: false,
    opened_year: 2021,
    closed_year: null,
  },
  {
    source_id: 'e3',
    name: 'Halte-garderie du Bourg',
    kind: 'halte_garderie',
    financing: 'psu',
    places: 15,
    commune_code: '18002',
    lon: 2.55,
    lat: 46.85,
    location_approximate: true,
    opened_year: null,
    closed_year: null,
  },
  {
    source_id: 'e4',
    name: 'Ancienne crèche',
    kind: 'creche_collective',
    financing: 'psu',
    places: 20,
    commune_code: '18003',
    lon: 2.45,
    lat: 46.95,
    location_approximate: false,
    opened_year: 2005,
    closed_year: 2020,
  },
];

export const MAM = [
  {
    source_id: 'm1',
    name: 'MAM Les Petits Pas',
    places: 12,
    childminder_count: 3,
    commune_code: '18003',
    lon: 2.44,
    lat: 46.96,
    closed_year: null,
  },
  {
    source_id: 'm2',
    name: 'MAM Bout d’chou',
    places: 8,
    childminder_count: 2,
    commune_code: '18004',
    lon: 2.56,
    lat: 46.94,
    closed_year: null,
  },
  {
    source_id: 'm3',
    name: 'MAM fermée',
    places: 6,
    childminder_count: 2,
    commune_code: '18002',
    lon: 2.58,
    lat: 46.82,
    closed_year: 2019,
  },
];

/** Homes (personal data) near the corners of their commune, far from its label point (its centre). */
export const CHILDMINDERS = [
  {
    source_id: 'a1',
    commune_code: '18001',
    agreement_places: 4,
    active: true,
    mam: null,
    lon: 2.405,
    lat: 46.805,
    started_year: 2012,
    ended_year: null,
  },
  {
    source_id: 'a2',
    commune_code: '18001',
    agreement_places: 4,
    active: true,
    mam: null,
    lon: 2.495,
    lat: 46.895,
    started_year: 2015,
    ended_year: null,
  },
  {
    source_id: 'a3',
    commune_code: '18001',
    agreement_places: 3,
    active: true,
    mam: null,
    lon: 2.405,
    lat: 46.895,
    started_year: null,
    ended_year: null,
  },
  {
    source_id: 'a4',
    commune_code: '18001',
    agreement_places: 4,
    active: false,
    mam: null,
    lon: 2.495,
    lat: 46.805,
    started_year: 2000,
    ended_year: null,
  },
  {
    source_id: 'b1',
    commune_code: '18002',
    agreement_places: 4,
    active: true,
    mam: null,
    lon: 2.595,
    lat: 46.805,
    started_year: 2018,
    ended_year: null,
  },
  {
    source_id: 'b2',
    commune_code: '18002',
    agreement_places: 3,
    active: true,
    mam: null,
    lon: 2.505,
    lat: 46.895,
    started_year: 2015,
    ended_year: 2021,
  },
  {
    source_id: 'c1',
    commune_code: '18003',
    agreement_places: 4,
    active: true,
    mam: 'm1',
    lon: 2.41,
    lat: 46.91,
    started_year: 2019,
    ended_year: null,
  },
  {
    source_id: 'c2',
    commune_code: '18003',
    agreement_places: 4,
    active: true,
    mam: 'm1',
    lon: 2.41,
    lat: 46.99,
    started_year: 2019,
    ended_year: null,
  },
  {
    source_id: 'c3',
    commune_code: '18003',
    agreement_places: 2,
    active: true,
    mam: null,
    lon: 2.49,
    lat: 46.99,
    started_year: 2016,
    ended_year: null,
  },
  {
    source_id: 'd1',
    commune_code: '18004',
    agreement_places: 4,
    active: false,
    mam: null,
    lon: 2.59,
    lat: 46.99,
    started_year: 2010,
    ended_year: null,
  },
];

export const ROADS = [
  {
    id: 1,
    road_class: 'nationale',
    speed_kmh: 80,
    oneway: false,
    from: [2.38, 46.85],
    to: [2.62, 46.85],
  },
  {
    id: 2,
    road_class: 'departementale',
    speed_kmh: 70,
    oneway: false,
    from: [2.45, 46.78],
    to: [2.45, 47.02],
  },
  {
    id: 3,
    road_class: 'communale',
    speed_kmh: 30,
    oneway: true,
    from: [2.52, 46.92],
    to: [2.58, 46.98],
  },
];

type Figure = {
  level: 'commune' | 'epci' | 'departement';
  code: string;
  year: number;
  name: string;
  children_under3: number;
  places_total: number;
  coverage_rate: number;
  small_population?: boolean;
  reference_national: number;
  reference_departement: number;
  class_national: string;
  class_departement: string;
};

/** Coverage figures written by hand (the coverage module is not under test here). */
export const FIGURES: Figure[] = [
  {
    level: 'commune',
    code: '18001',
    year: 2023,
    name: 'Alpha',
    children_under3: 120,
    places_total: 75,
    coverage_rate: 62.5,
    reference_national: 60.9,
    reference_departement: 45.2,
    class_national: 'near',
    class_departement: 'above',
  },
  {
    level: 'commune',
    code: '18002',
    year: 2023,
    name: 'Bravo',
    children_under3: 80,
    places_total: 20,
    coverage_rate: 25,
    reference_national: 60.9,
    reference_departement: 45.2,
    class_national: 'well_below',
    class_departement: 'below',
  },
  {
    level: 'commune',
    code: '18003',
    year: 2023,
    name: 'Charlie',
    children_under3: 12,
    places_total: 10,
    coverage_rate: 83.3,
    small_population: true,
    reference_national: 60.9,
    reference_departement: 45.2,
    class_national: 'small_population',
    class_departement: 'small_population',
  },
  // Delta (18004) has no figure in 2023: no_data.
  {
    level: 'commune',
    code: '18001',
    year: 2022,
    name: 'Alpha',
    children_under3: 118,
    places_total: 59,
    coverage_rate: 50,
    reference_national: 59.5,
    reference_departement: 44,
    class_national: 'below',
    class_departement: 'near',
  },
  {
    level: 'commune',
    code: '18002',
    year: 2022,
    name: 'Bravo',
    children_under3: 82,
    places_total: 0,
    coverage_rate: 0,
    reference_national: 59.5,
    reference_departement: 44,
    class_national: 'zone_blanche',
    class_departement: 'zone_blanche',
  },
  {
    level: 'commune',
    code: '18004',
    year: 2022,
    name: 'Delta',
    children_under3: 40,
    places_total: 30,
    coverage_rate: 75,
    reference_national: 59.5,
    reference_departement: 44,
    class_national: 'above',
    class_departement: 'above',
  },
  {
    level: 'epci',
    code: '200000001',
    year: 2023,
    name: 'CC du Sud',
    children_under3: 200,
    places_total: 95,
    coverage_rate: 47.5,
    reference_national: 60.9,
    reference_departement: 45.2,
    class_national: 'below',
    class_departement: 'near',
  },
  {
    level: 'epci',
    code: '200000002',
    year: 2023,
    name: 'CC du Nord',
    children_under3: 12,
    places_total: 10,
    coverage_rate: 83.3,
    small_population: true,
    reference_national: 60.9,
    reference_departement: 45.2,
    class_national: 'small_population',
    class_departement: 'small_population',
  },
  {
    level: 'departement',
    code: '18',
    year: 2023,
    name: 'Cher',
    children_under3: 212,
    places_total: 95.8,
    coverage_rate: 45.2,
    reference_national: 60.9,
    reference_departement: 45.2,
    class_national: 'below',
    class_departement: 'near',
  },
];

/** Insert the fixture; returns the ids given to the EAJE and MAM by source_id. */
export async function loadTileFixture(
  knex: Knex,
): Promise<{ eajeIds: Record<string, number>; mamIds: Record<string, number> }> {
  const dataset = async (key: string, kind: string, fictional: boolean): Promise<number> => {
    const { rows } = await knex.raw(
      `INSERT INTO dataset (key, kind, name, source, licence, vintage, fictional)
       VALUES (?, ?, ?, 'tile tests', 'CC0-1.0', '2023', ?) RETURNING id`,
      [key, kind, `fixture ${kind}`, fictional],
    );
    return rows[0].id;
  };
  const territory = await dataset('test:territory', 'territory', false);
  const supply = await dataset('test:eaje', 'eaje', true);
  const roads = await dataset('test:roads', 'roads', true);
  const coverage = await dataset('test:coverage', 'caf_coverage', true);

  const d = OUTLINES.departement;
  await knex.raw(
    `INSERT INTO departement (code, name, geom, dataset_id) VALUES (?, ?, ST_Multi(ST_MakeEnvelope(?, ?, ?, ?, 4326)), ?)`,
    [d.code, d.name, d.west, d.south, d.east, d.north, territory],
  );
  for (const e of OUTLINES.epcis) {
    await knex.raw(
      `INSERT INTO epci (code, name, kind, departement_code, geom, dataset_id)
       VALUES (?, ?, 'CC', '18', ST_Multi(ST_MakeEnvelope(?, ?, ?, ?, 4326)), ?)`,
      [e.code, e.name, e.west, e.south, e.east, e.north, territory],
    );
  }
  for (const c of OUTLINES.communes) {
    await knex.raw(
      `INSERT INTO commune (code, name, departement_code, epci_code, geom, dataset_id)
       VALUES (?, ?, '18', ?, ST_Multi(ST_MakeEnvelope(?, ?, ?, ?, 4326)), ?)`,
      [c.code, c.name, c.epci, c.west, c.south, c.east, c.north, territory],
    );
  }

  const eajeIds: Record<string, number> = {};
  for (const e of EAJE) {
    const { rows } = await knex.raw(
      `INSERT INTO eaje (source_id, name, kind, financing, places, commune_code, geom, location_approximate, opened_year, closed_year, dataset_id)
       VALUES (?, ?, ?, ?, ?, ?, ST_SetSRID(ST_MakePoint(?, ?), 4326), ?, ?, ?, ?) RETURNING id`,
      [
        e.source_id,
        e.name,
        e.kind,
        e.financing,
        e.places,
        e.commune_code,
        e.lon,
        e.lat,
        e.location_approximate,
        e.opened_year,
        e.closed_year,
        supply,
      ],
    );
    eajeIds[e.source_id] = rows[0].id;
  }
  const mamIds: Record<string, number> = {};
  for (const m of MAM) {
    const { rows } = await knex.raw(
      `INSERT INTO mam (source_id, name, places, childminder_count, commune_code, geom, closed_year, dataset_id)
       VALUES (?, ?, ?, ?, ?, ST_SetSRID(ST_MakePoint(?, ?), 4326), ?, ?) RETURNING id`,
      [
        m.source_id,
        m.name,
        m.places,
        m.childminder_count,
        m.commune_code,
        m.lon,
        m.lat,
        m.closed_year,
        supply,
      ],
    );
    mamIds[m.source_id] = rows[0].id;
  }
  for (const a of CHILDMINDERS) {
    await knex.raw(
      `INSERT INTO childminder (source_id, commune_code, agreement_places, active, mam_id, geom, started_year, ended_year, dataset_id)
       VALUES (?, ?, ?, ?, ?, ST_SetSRID(ST_MakePoint(?, ?), 4326), ?, ?, ?)`,
      [
        a.source_id,
        a.commune_code,
        a.agreement_places,
        a.active,
        a.mam ? mamIds[a.mam] : null,
        a.lon,
        a.lat,
        a.started_year,
        a.ended_year,
        supply,
      ],
    );
  }
  for (const r of ROADS) {
    await knex.raw(
      `INSERT INTO road_edge (id, source, target, road_class, speed_kmh, oneway, length_m, geom, dataset_id)
       VALUES (?, ?, ?, ?, ?, ?, 0, ST_SetSRID(ST_MakeLine(ST_MakePoint(?, ?), ST_MakePoint(?, ?)), 4326), ?)`,
      [
        r.id,
        r.id * 10,
        r.id * 10 + 1,
        r.road_class,
        r.speed_kmh,
        r.oneway,
        r.from[0],
        r.from[1],
        r.to[0],
        r.to[1],
        roads,
      ],
    );
  }
  await knex('coverage_figure').insert(
    FIGURES.map((f) => ({
      epci_code: null,
      departement_code: f.level === 'departement' ? null : '18',
      places_eaje_psu: 0,
      places_eaje_hors_psu: 0,
      places_am: 0,
      places_mam: 0,
      places_home_care: 0,
      places_preschool: 0,
      small_population: false,
      fictional: true,
      dataset_ids: [coverage],
      ...f,
    })),
  );
  return { eajeIds, mamIds };
}
