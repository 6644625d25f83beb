import type { Knex } from 'knex';
import {
  RATE_MODES,
  classWithCompleteness,
  coverage,
  missingModes,
  missingOfParts,
  nationalReference,
  sumInputs,
  type Coverage,
  type CoverageInput,
  type RateMode,
} from '../../domain/coverage';
import { COVERAGE_OPTIONS } from '../coverage-options';
import type { Level } from '../territories';
import {
  fetchAmUnder3Shares,
  fetchCafMeasures,
  fetchCommuneInputs,
  fetchTerritoryNames,
  replaceCoverageFigures,
  type CommuneInputRow,
  type CoverageFigureRow,
} from './repository';
import { fetchSecrecySetting, secrecyOfFigures } from './secrecy';

/** The communes summed into one territory's figure for one year. */
interface Group extends Pick<
  CoverageFigureRow,
  'level' | 'code' | 'year' | 'name' | 'epci_code' | 'ept_code' | 'departement_code'
> {
  inputs: CoverageInput[];
  /** AM agreement places before the share, and after each commune's share. */
  amRaw: number;
  amCounted: number;
  shares: Set<number>;
  datasetIds: Set<number>;
  fictional: boolean;
  childminders: number;
  childminders_at_home: number;
  /** Each commune's missing modes. */
  missingParts: RateMode[][];
}

/**
 * Recompute every coverage figure from the raw rows and store them (`coverage_figure`).
 * Run inside the transaction that changed the inputs (a load or an import), so that the
 * figures and their inputs never disagree. Communes are computed by the pure coverage module;
 * EPCI, EPT and départements from the SUM of their communes' places and children (never an average
 * of rates).
 */
export async function refreshCoverage(trx: Knex.Transaction): Promise<number> {
  const rows = await fetchCommuneInputs(trx);
  const names = await fetchTerritoryNames(trx);
  const shares = await fetchAmUnder3Shares(trx);
  const groups = new Map<string, Group>();
  const add = (
    level: Level,
    code: string,
    row: CommuneInputRow,
    init: () => Omit<
      Group,
      | 'inputs'
      | 'amRaw'
      | 'amCounted'
      | 'shares'
      | 'datasetIds'
      | 'fictional'
      | 'childminders'
      | 'childminders_at_home'
      | 'missingParts'
    >,
  ) => {
    const key = `${level}|${code}|${row.year}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        ...init(),
        inputs: [],
        amRaw: 0,
        amCounted: 0,
        shares: new Set(),
        datasetIds: new Set(),
        fictional: false,
        childminders: 0,
        childminders_at_home: 0,
        missingParts: [],
      };
      groups.set(key, g);
    }
    const share = shares.get(row.departement_code) ?? COVERAGE_OPTIONS.amUnder3Share;
    g.inputs.push(toInput(row, share));
    g.amRaw += row.places_am_home + row.places_am_mam;
    g.amCounted += (row.places_am_home + row.places_am_mam) * share;
    g.shares.add(share);
    for (const id of row.dataset_ids) g.datasetIds.add(id);
    g.fictional ||= row.fictional;
    g.childminders += row.childminders;
    g.childminders_at_home += row.childminders_at_home;
    g.missingParts.push(
      missingModes(row.modes_with_data.filter((m): m is RateMode => isRateMode(m))),
    );
  };
  for (const row of rows) {
    add('commune', row.code, row, () => ({
      level: 'commune',
      code: row.code,
      year: row.year,
      name: row.name,
      epci_code: row.epci_code,
      ept_code: row.ept_code,
      departement_code: row.departement_code,
    }));
    if (row.epci_code) {
      const epci = names.epci.get(row.epci_code);
      add('epci', row.epci_code, row, () => ({
        level: 'epci',
        code: row.epci_code!,
        year: row.year,
        name: epci?.name ?? row.epci_code!,
        epci_code: row.epci_code,
        ept_code: null,
        departement_code: epci?.departement_code ?? row.departement_code,
      }));
    }
    if (row.ept_code) {
      const ept = names.ept.get(row.ept_code);
      add('ept', row.ept_code, row, () => ({
        level: 'ept',
        code: row.ept_code!,
        year: row.year,
        name: ept?.name ?? row.ept_code!,
        // Every EPT lies in the Métropole du Grand Paris, the EPCI of its communes.
        epci_code: row.epci_code,
        ept_code: null,
        departement_code: ept?.departement_code ?? row.departement_code,
      }));
    }
    add('departement', row.departement_code, row, () => ({
      level: 'departement',
      code: row.departement_code,
      year: row.year,
      name: names.departement.get(row.departement_code) ?? row.departement_code,
      epci_code: null,
      ept_code: null,
      departement_code: row.departement_code,
    }));
  }

  const caf = cafIndex(await fetchCafMeasures(trx));
  const computed = [...groups.values()].map((g) => {
    const input = g.inputs.length === 1 ? { ...g.inputs[0] } : sumInputs(g.inputs);
    let missing = missingOfParts(g.missingParts);
    // Garde à domicile and préscolarisation are known per territory only from the Caf: where it
    // publishes them for this very territory and year, its counts stand for the mode.
    const published = g.fictional ? undefined : caf.get(`${g.level}|${g.code}|${g.year}`);
    if (published?.pl_gad_ind !== undefined) {
      input.placesHomeCare = published.pl_gad_ind.value;
      missing = missing.filter((m) => m !== 'home_care');
      g.datasetIds.add(published.pl_gad_ind.dataset_id);
    }
    if (published?.pl_prescol !== undefined) {
      input.placesPreschool = published.pl_prescol.value;
      missing = missing.filter((m) => m !== 'preschool');
      g.datasetIds.add(published.pl_prescol.dataset_id);
    }
    if (published?.txcouv !== undefined) g.datasetIds.add(published.txcouv.dataset_id);
    return {
      group: g,
      missing,
      cafRate: published?.txcouv?.value ?? null,
      // Each commune's AM places already carry its département's share (toInput).
      result: coverage(input, { ...COVERAGE_OPTIONS, amUnder3Share: 1 }),
    };
  });
  const departementRate = new Map<string, number | null>();
  for (const { group, result } of computed) {
    if (group.level === 'departement')
      departementRate.set(`${group.code}|${group.year}`, result.rate);
  }
  const figures = computed.map(({ group, result, missing, cafRate }) => {
    const national = nationalReference(group.year)?.rate ?? null;
    const ownDepartement = departementRate.get(`${group.departement_code}|${group.year}`) ?? null;
    return toFigure(group, result, national, ownDepartement, missing, cafRate);
  });
  // Secrecy with the threshold the stored flags follow (the server's, set at its start).
  const { threshold } = await fetchSecrecySetting(trx);
  const secret = secrecyOfFigures(figures, threshold);
  for (const f of figures)
    f.childminders_secret = secret.get(`${f.level}|${f.code}|${f.year}`) ?? null;
  await replaceCoverageFigures(trx, figures);
  await trx('secrecy_setting').update({ applied: true, revision: trx.raw('revision + 1') });
  return figures.length;
}

function isRateMode(m: string): m is RateMode {
  return (RATE_MODES as readonly string[]).includes(m);
}

type CafMeasures = Partial<
  Record<'txcouv' | 'pl_gad_ind' | 'pl_prescol', { value: number; dataset_id: number }>
>;

/** The Caf's measures by `level|code|year`; of two files giving one, the later import wins. */
function cafIndex(rows: Awaited<ReturnType<typeof fetchCafMeasures>>) {
  const index = new Map<string, CafMeasures>();
  for (const r of rows) {
    const key = `${r.level}|${r.code}|${r.year}`;
    const m = index.get(key) ?? {};
    m[r.measure as keyof CafMeasures] = { value: r.value, dataset_id: r.dataset_id };
    index.set(key, m);
  }
  return index;
}

/** A commune's inputs, its AM agreement places multiplied by its département's share. */
function toInput(r: CommuneInputRow, share: number): CoverageInput {
  return {
    childrenUnder3: r.children_under3,
    placesEajePsu: r.places_eaje_psu,
    placesEajeHorsPsu: r.places_eaje_hors_psu,
    placesAmHome: r.places_am_home * share,
    placesAmMam: r.places_am_mam * share,
    placesHomeCare: r.places_home_care,
    placesPreschool: r.places_preschool,
  };
}

/**
 * A reference rate a gap class can be measured against: a département whose own rate is 0 (its
 * children are imported but none of its places yet) gives no reference, so its communes are
 * classed `no_data` against it (zone blanche still shows), rather than failing the refresh.
 */
function usableReference(rate: number | null): number | null {
  return rate !== null && rate > 0 ? rate : null;
}

function toFigure(
  g: Group,
  c: Coverage,
  national: number | null,
  departement: number | null,
  missing: RateMode[],
  cafRate: number | null,
): CoverageFigureRow {
  return figureRow(
    {
      level: g.level,
      code: g.code,
      year: g.year,
      name: g.name,
      epci_code: g.epci_code,
      ept_code: g.ept_code,
      departement_code: g.departement_code,
      fictional: g.fictional,
      dataset_ids: [...g.datasetIds].sort((a, b) => a - b),
      childminders: g.childminders,
      childminders_at_home: g.childminders_at_home,
      missing_modes: missing,
      caf_rate: cafRate,
      // One share, or the places-weighted share of a territory across départements' shares.
      am_under3_share:
        g.shares.size === 1 || g.amRaw === 0 ? [...g.shares][0] : g.amCounted / g.amRaw,
    },
    c,
    national,
    departement,
  );
}

/** What a figure holds besides its coverage: the territory and what went into it. */
export type FigureIdentity = Omit<
  CoverageFigureRow,
  | keyof ReturnType<typeof coverageColumns>
  | 'reference_national'
  | 'reference_departement'
  | 'class_national'
  | 'class_departement'
  | 'childminders_secret'
>;

function coverageColumns(c: Coverage) {
  return {
    children_under3: c.childrenUnder3,
    places_eaje_psu: c.places.eajePsu,
    places_eaje_hors_psu: c.places.eajeHorsPsu,
    places_am: c.places.amHome,
    places_mam: c.places.amMam,
    places_home_care: c.places.homeCare,
    places_preschool: c.places.preschool,
    places_total: c.places.total,
    coverage_rate: c.rate,
    small_population: c.smallPopulation,
  };
}

/**
 * A stored figure: a territory's coverage with its references and gap classes (`incomplete`
 * when a mode lacks data), before statistical secrecy is applied. Also what a custom set of
 * communes is served as, so that a set and an EPCI of the same communes agree.
 */
export function figureRow(
  identity: FigureIdentity,
  c: Coverage,
  national: number | null,
  departement: number | null,
): CoverageFigureRow {
  return {
    ...identity,
    ...coverageColumns(c),
    reference_national: national,
    reference_departement: departement,
    class_national: classWithCompleteness(c, usableReference(national), identity.missing_modes),
    class_departement: classWithCompleteness(
      c,
      usableReference(departement),
      identity.missing_modes,
    ),
    childminders_secret: null,
  };
}
