import type { Knex } from 'knex';
import { loadQuery } from '../../db/sql';
import type { CoverageClass, RateMode } from '../../domain/coverage';
import type { SecrecyReason } from '../../domain/secrecy';
import type { Level } from '../territories';

/**
 * The table `coverage_figure`: the coverage figures of every territory and year, written by
 * refreshCoverage after every load or import and read by lists, details and tiles.
 */

/** Raw inputs of the coverage rate for one commune and one year (see the SQL contract). */
export interface CommuneInputRow {
  code: string;
  name: string;
  epci_code: string | null;
  /** EPT of the Métropole du Grand Paris (migration 020), or null. */
  ept_code: string | null;
  departement_code: string;
  year: number;
  children_under3: number | null;
  places_eaje_psu: number;
  places_eaje_hors_psu: number;
  places_am_home: number;
  places_am_mam: number;
  places_home_care: number;
  places_preschool: number;
  /** Active AM working that year, all and those not in a MAM. */
  childminders: number;
  childminders_at_home: number;
  dataset_ids: number[];
  /** Modes of the rate with a loaded file for this commune's side, département and year. */
  modes_with_data: string[];
  fictional: boolean;
}

/** Places by mode (AM and MAM: agreement places × the under-3 share), and their sum. */
type PlacesByMode = Record<
  | 'places_eaje_psu'
  | 'places_eaje_hors_psu'
  | 'places_am'
  | 'places_mam'
  | 'places_home_care'
  | 'places_preschool'
  | 'places_total',
  number
>;

/** One row of `coverage_figure`. */
export interface CoverageFigureRow extends PlacesByMode {
  level: Level;
  code: string;
  year: number;
  name: string;
  epci_code: string | null;
  /** A commune's EPT (null for other levels and communes in none). */
  ept_code: string | null;
  departement_code: string | null;
  children_under3: number | null;
  coverage_rate: number | null;
  small_population: boolean;
  reference_national: number | null;
  reference_departement: number | null;
  class_national: CoverageClass;
  class_departement: CoverageClass;
  fictional: boolean;
  dataset_ids: number[];
  /** Active AM working that year (at home and in a MAM): personal data, never served as such. */
  childminders: number;
  childminders_at_home: number;
  /** Why a public view withholds the childminder figures; null: public. */
  childminders_secret: SecrecyReason | null;
  /** Modes of the rate without data (domain/coverage/completeness): the rate is a lower bound. */
  missing_modes: RateMode[];
  /** The rate the Caf publishes for this territory and year, where loaded. */
  caf_rate: number | null;
  /** Share of childminder agreement places counted for under-3s in this figure. */
  am_under3_share: number;
}

/** A figure the Caf publishes (open data txcouv_pe_* / nbpla_pe_*), by its column stem. */
export interface CafMeasureRow {
  level: string;
  code: string;
  year: number;
  measure: string;
  value: number;
  dataset_id: number;
}

/**
 * The Caf's published measures the figures use: its rate (`txcouv`) and its place counts of the
 * modes only it knows per territory (`pl_gad_ind` garde à domicile, `pl_prescol`
 * préscolarisation). Caf files are real data: they apply to the real side only.
 */
export async function fetchCafMeasures(knex: Knex): Promise<CafMeasureRow[]> {
  return knex('caf_published_coverage')
    .select('level', 'code', 'year', 'measure', 'value', 'dataset_id')
    .whereIn('measure', ['txcouv', 'pl_gad_ind', 'pl_prescol'])
    .whereIn('level', ['commune', 'epci', 'departement'])
    .orderBy('dataset_id');
}

export async function fetchCommuneInputs(knex: Knex): Promise<CommuneInputRow[]> {
  const { rows } = await knex.raw(loadQuery('coverage/commune_inputs'));
  return rows;
}

export async function fetchTerritoryNames(knex: Knex): Promise<{
  epci: Map<string, { name: string; departement_code: string | null }>;
  ept: Map<string, { name: string; departement_code: string | null }>;
  departement: Map<string, string>;
}> {
  const [epci, ept, departement] = await Promise.all([
    knex('epci').select('code', 'name', 'departement_code'),
    knex('ept').select('code', 'name', 'departement_code'),
    knex('departement').select('code', 'name'),
  ]);
  return {
    epci: new Map(
      epci.map((e) => [e.code, { name: e.name, departement_code: e.departement_code }]),
    ),
    ept: new Map(ept.map((e) => [e.code, { name: e.name, departement_code: e.departement_code }])),
    departement: new Map(departement.map((d) => [d.code, d.name])),
  };
}

/**
 * Replace every stored figure (call inside the transaction that changed the inputs). Rows are
 * written in (level, year, code) order so that one level's figures for one year, which every
 * list and tile reads together, sit in neighbouring pages rather than spread over the whole
 * table (35,000 communes: ~6 times fewer pages read).
 */
export async function replaceCoverageFigures(trx: Knex.Transaction, rows: CoverageFigureRow[]) {
  await trx('coverage_figure').delete();
  const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const ordered = [...rows].sort(
    (a, b) => text(a.level, b.level) || a.year - b.year || text(a.code, b.code),
  );
  const BATCH = 2000;
  for (let i = 0; i < ordered.length; i += BATCH) {
    await trx('coverage_figure').insert(ordered.slice(i, i + BATCH));
  }
}

/** The AM under-3 share set per département (migration 021); others use the default. */
export async function fetchAmUnder3Shares(knex: Knex): Promise<Map<string, number>> {
  const rows = await knex('am_under3_share').select('departement_code', 'share');
  return new Map(rows.map((r) => [r.departement_code, Number(r.share)]));
}

/** Set the AM under-3 share of some départements (inside the import's transaction). */
export async function setAmUnder3Share(
  trx: Knex,
  departements: readonly string[],
  share: number,
  source: string,
): Promise<void> {
  if (departements.length === 0) return;
  await trx('am_under3_share')
    .insert(departements.map((d) => ({ departement_code: d, share, source, set_at: trx.fn.now() })))
    .onConflict('departement_code')
    .merge();
}
