import type { HistoryEntry, NearestCollection, TerritoryFeature } from '../api/types';
import { GAP_CLASSES, type GapClass } from './gap-classes';

/**
 * What the territory report shows, arranged from the API's answers: no figure is computed here
 * (one source of truth); only rows are picked, ordered and counted.
 */

/** One commune's time to the nearest place, as /api/travel/nearest serves it. */
export type NearestCommune = Extract<
  NearestCollection['features'][number]['properties'],
  { code: string }
>;

export type ReportLevel = 'commune' | 'epci' | 'ept' | 'departement';

/** A custom set of communes in a report's link: `codes=93001,93027` (2 to 500 INSEE codes). */
export function parseCustomCodes(value: unknown): string | null {
  return typeof value === 'string' && /^[0-9A-Z]{5}(,[0-9A-Z]{5}){1,499}$/.test(value)
    ? value
    : null;
}

/** The title of a custom set: it says what it is and lists its communes. */
export function customSetTitle(communes: readonly { code: string; name: string }[]): string {
  return `Ensemble de communes choisi (${communes.length}) : ${communes.map((c) => `${c.name} (${c.code})`).join(', ')}`;
}

export const LEVEL_TITLE: Record<ReportLevel, string> = {
  commune: 'Commune',
  epci: 'Intercommunalité (EPCI)',
  ept: 'Établissement public territorial (EPT)',
  departement: 'Département',
};

/** The supply modes of a history entry, in the report's order, with their French names. */
export const SUPPLY_MODES = [
  { key: 'places_eaje_psu', label: 'EAJE financés par la PSU' },
  { key: 'places_eaje_hors_psu', label: 'EAJE hors PSU (micro-crèches PAJE)' },
  { key: 'places_am', label: 'Assistants maternels à domicile (places × 0,81)' },
  { key: 'places_mam', label: 'Assistants maternels en MAM (places × 0,81)' },
  { key: 'places_home_care', label: 'Garde à domicile' },
  { key: 'places_preschool', label: 'Préscolarisation à 2 ans' },
  { key: 'places_total', label: 'Total des places' },
] as const satisfies readonly { key: keyof HistoryEntry; label: string }[];

/** The communes of the territory among those of its département. */
export function communesOf(
  features: readonly TerritoryFeature[],
  level: ReportLevel,
  code: string,
): TerritoryFeature[] {
  return features.filter((f) =>
    level === 'commune'
      ? f.properties.code === code
      : level === 'epci'
        ? f.properties.epci_code === code
        : level === 'ept'
          ? f.properties.ept_code === code
          : f.properties.departement_code === code,
  );
}

export interface ClassCount {
  id: GapClass;
  label: string;
  color: string;
  communes: number;
  /** Children under 3 of those communes, as served (0 without commune; null if none is known). */
  children: number | null;
}

/** Communes of each gap class (against the API's reference), every class listed. */
export function communesByClass(communes: readonly TerritoryFeature[]): ClassCount[] {
  return GAP_CLASSES.map((c) => {
    const these = communes.filter((f) => f.properties.coverage_class === c.id);
    const known = these.map((f) => f.properties.children_under3).filter((x) => x !== null);
    return {
      id: c.id,
      label: c.label,
      color: c.color,
      communes: these.length,
      children: these.length === 0 ? 0 : known.length ? known.reduce((a, b) => a + b, 0) : null,
    };
  });
}

/** Communes with children and no formal place (class `zone_blanche`), most children first. */
export function communesWithoutFormalSupply(
  communes: readonly TerritoryFeature[],
): TerritoryFeature[] {
  return communes
    .filter((f) => f.properties.coverage_class === 'zone_blanche')
    .sort((a, b) => (b.properties.children_under3 ?? 0) - (a.properties.children_under3 ?? 0));
}

/** At most `n` rows, and how many more there are. */
export function firstRows<T>(rows: readonly T[], n: number): { rows: T[]; more: number } {
  return { rows: rows.slice(0, n), more: Math.max(0, rows.length - n) };
}

/** Minutes to the nearest formal place of each of the territory's communes, longest first. */
export function nearestOfCommunes(
  nearest: NearestCollection,
  communes: readonly TerritoryFeature[],
): NearestCommune[] {
  const mine = new Set(communes.map((c) => c.properties.code));
  return nearest.features
    .map((f) => f.properties)
    .filter((p): p is NearestCommune => 'code' in p && mine.has(p.code))
    .sort((a, b) => (b.minutes ?? Infinity) - (a.minutes ?? Infinity));
}

/** How many of them are farther than `minutes` (or out of reach). */
export function beyondMinutes(rows: readonly NearestCommune[], minutes: number): number {
  return rows.filter((r) => r.minutes === null || r.minutes > minutes).length;
}

/** One line of a comparison of two reports: each side as served, and B − A when both are numbers. */
export interface ComparisonRow {
  label: string;
  a: number | string | null;
  b: number | string | null;
  /** B − A to 0.1; null when a side is missing or not a number. */
  difference: number | null;
  /** Rates (one decimal) or counts. */
  kind: 'rate' | 'count' | 'text';
}

type DetailLike = {
  territory: HistoryEntry & { coverage_rate: number | null };
  parents: { departement?: { coverage_rate: number | null } };
  national: { rate: number | null };
};

/**
 * The evaluation indicators of two reports side by side (two years of a territory, or two
 * territories): the same rows every time, so a change stands out.
 */
export function comparisonRows(a: DetailLike, b: DetailLike): ComparisonRow[] {
  const row = (
    label: string,
    kind: ComparisonRow['kind'],
    pick: (d: DetailLike) => number | string | null | undefined,
  ): ComparisonRow => {
    const x = pick(a) ?? null;
    const y = pick(b) ?? null;
    const difference =
      typeof x === 'number' && typeof y === 'number' ? Math.round((y - x) * 10) / 10 : null;
    return { label, a: x, b: y, difference, kind };
  };
  return [
    row('Enfants de moins de 3 ans', 'count', (d) => d.territory.children_under3),
    ...SUPPLY_MODES.map((m) => row(m.label, 'count', (d) => d.territory[m.key])),
    row('Taux de couverture global', 'rate', (d) => d.territory.coverage_rate),
    row('Taux du département', 'rate', (d) => d.parents.departement?.coverage_rate),
    row('Référence nationale', 'rate', (d) => d.national.rate),
    row('Classe d’écart', 'text', (d) => d.territory.coverage_class),
  ];
}

type ForecastLike = {
  children_under3: { points: { year: number; horizon_years: number; central: number }[] };
  coverage_rate: { points: { year: number; horizon_years: number; rate: number | null }[] } | null;
};

/**
 * The projections of two reports side by side, horizon by horizon (+3, +5 years from each
 * report's year): the central children and the rate « sans changement », B − A to 0.1. A side
 * without projection (a custom set, too short a series) reads as missing.
 */
export function forecastComparisonRows(
  a: ForecastLike | null,
  b: ForecastLike | null,
): (ComparisonRow & { yearA: number | null; yearB: number | null })[] {
  const horizons = [
    ...new Set([a, b].flatMap((f) => f?.children_under3.points.map((p) => p.horizon_years) ?? [])),
  ].sort((x, y) => x - y);
  const rows: (ComparisonRow & { yearA: number | null; yearB: number | null })[] = [];
  const row = (
    label: string,
    kind: ComparisonRow['kind'],
    pa: { year: number; value: number | null } | undefined,
    pb: { year: number; value: number | null } | undefined,
  ) => {
    const x = pa?.value ?? null;
    const y = pb?.value ?? null;
    rows.push({
      label,
      kind,
      a: x,
      b: y,
      difference: x !== null && y !== null ? Math.round((y - x) * 10) / 10 : null,
      yearA: pa?.year ?? null,
      yearB: pb?.year ?? null,
    });
  };
  for (const h of horizons) {
    const children = (f: ForecastLike | null) => {
      const p = f?.children_under3.points.find((q) => q.horizon_years === h);
      return p && { year: p.year, value: p.central };
    };
    const rate = (f: ForecastLike | null) => {
      const p = f?.coverage_rate?.points.find((q) => q.horizon_years === h);
      return p && { year: p.year, value: p.rate };
    };
    row(`Enfants de moins de 3 ans projetés à +${h} ans`, 'count', children(a), children(b));
    row(`Taux sans changement à +${h} ans`, 'rate', rate(a), rate(b));
  }
  return rows;
}
