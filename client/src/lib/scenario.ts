import type { ScenarioAnswer, ScenarioBody, SiteSelectionAnswer } from '../api/types';
import { buildCsv, type CsvColumn } from './csv';
import { sourcesLine } from './export-captions';

/**
 * A what-if scenario as the address bar keeps it: `#scenario=<JSON>` in the link's hash (the
 * query is the shared state's, rewritten by useUrlState), so that a link shares it whole.
 */
export type ScenarioSpec = Pick<ScenarioBody, 'name' | 'changes'>;

const PREFIX = '#scenario=';

export function scenarioHash(spec: ScenarioSpec): string {
  return `${PREFIX}${encodeURIComponent(JSON.stringify(spec))}`;
}

/** The scenario of a hash; null when there is none or it cannot be read. */
export function scenarioFromHash(hash: string): ScenarioSpec | null {
  if (!hash.startsWith(PREFIX)) return null;
  try {
    const value = JSON.parse(decodeURIComponent(hash.slice(PREFIX.length)));
    if (typeof value?.name !== 'string' || !Array.isArray(value.changes)) return null;
    return { name: value.name, changes: value.changes };
  } catch {
    return null;
  }
}

/** The optimiser's new sites as a scenario: a MAM of `places` children at each. */
export function scenarioOfSelection(answer: SiteSelectionAnswer, places = 16): ScenarioSpec {
  return {
    name: `${answer.sites.length} MAM à ${answer.minutes} min (${answer.model.toUpperCase()})`,
    changes: answer.sites.map((s) => ({
      op: 'add' as const,
      kind: 'mam' as const,
      lon: s.lon,
      lat: s.lat,
      places,
    })),
  };
}

/**
 * Colours of the difference map: cells whose children gain (green) or lose (red) a crèche or
 * MAM within the scenario's minutes; colours no other layer of the screen uses, so that a test
 * can count their pixels.
 */
export const DIFFERENCE_COLORS = { gain: '#1a9641', loss: '#d7191c' } as const;

/** The legend of the difference map, in French. */
export const DIFFERENCE_LABELS = {
  gain: 'Enfants qui gagneraient une crèche ou une MAM',
  loss: 'Enfants qui la perdraient',
} as const;

/** The saved scenario a link names (`?scenario=18`); null when none or not an id. */
export function savedScenarioId(value: unknown): number | null {
  return typeof value === 'string' && /^[1-9][0-9]{0,8}$/.test(value) ? Number(value) : null;
}

type Territory = ScenarioAnswer['territories'][number];
const diff = (a: number | null, b: number | null) =>
  a === null || b === null ? null : Math.round((b - a) * 10) / 10;

/**
 * A scenario's result as CSV for French Excel (lib/csv.ts): per commune and EPCI, the coverage
 * and accessibility rates before and after, and the children gaining or losing a crèche or MAM
 * within the scenario's minutes; then the whole territory's children, with year and sources.
 */
export function scenarioCsv(answer: ScenarioAnswer): string {
  const columns: CsvColumn<Territory>[] = [
    { header: 'niveau', value: (t) => t.level },
    { header: 'code', value: (t) => t.code },
    { header: 'territoire', value: (t) => t.name },
    { header: 'taux_couverture_avant', value: (t) => t.coverage_before },
    { header: 'taux_couverture_apres', value: (t) => t.coverage_after },
    { header: 'accessibilite_avant', value: (t) => t.accessibility_before },
    { header: 'accessibilite_apres', value: (t) => t.accessibility_after },
    {
      header: 'ecart_accessibilite',
      value: (t) => diff(t.accessibility_before, t.accessibility_after),
    },
    { header: `enfants_gagnant_${answer.minutes}_min`, value: (t) => t.children_gaining },
    { header: `enfants_perdant_${answer.minutes}_min`, value: (t) => t.children_losing },
    { header: 'scenario', value: () => answer.name },
    { header: 'annee', value: () => answer.year },
    { header: 'donnees_fictives', value: () => answer.metadata.fictional },
    { header: 'sources', value: () => sourcesLine(answer.metadata.datasets) },
  ];
  return buildCsv(columns, answer.territories);
}

/** The file name of a scenario's CSV: its name in plain letters, and its year. */
export function scenarioCsvName(answer: ScenarioAnswer): string {
  const slug = answer.name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 50);
  return `scenario-${slug || 'sans-nom'}-${answer.year}.csv`;
}

/** One territory of two scenarios side by side. */
export interface ComparedTerritory {
  level: Territory['level'];
  code: string;
  name: string;
  a: Territory | null;
  b: Territory | null;
  /** B's accessibility after minus A's (null when either is unknown). */
  accessibilityGap: number | null;
  /** B's net children gaining (gaining − losing) minus A's. */
  childrenGap: number;
}

/**
 * Two scenarios' results side by side, territory by territory (communes, then EPCI, by name): a
 * territory one scenario leaves unchanged takes its "before" figures from the other, as both
 * start from the same data. Sorted with the largest differences first within each level.
 */
export function compareScenarios(a: ScenarioAnswer, b: ScenarioAnswer): ComparedTerritory[] {
  const key = (t: Territory) => `${t.level}|${t.code}`;
  const of = (x: ScenarioAnswer) => new Map(x.territories.map((t) => [key(t), t]));
  const ma = of(a);
  const mb = of(b);
  const keys = [...new Set([...ma.keys(), ...mb.keys()])];
  const afterOf = (t: Territory | null, other: Territory | null) =>
    t ? t.accessibility_after : (other?.accessibility_before ?? null);
  const net = (t: Territory | null) => (t ? t.children_gaining - t.children_losing : 0);
  const rows = keys.map((k) => {
    const ta = ma.get(k) ?? null;
    const tb = mb.get(k) ?? null;
    const t = (ta ?? tb)!;
    return {
      level: t.level,
      code: t.code,
      name: t.name,
      a: ta,
      b: tb,
      accessibilityGap: diff(afterOf(ta, tb), afterOf(tb, ta)),
      childrenGap: Math.round((net(tb) - net(ta)) * 10) / 10,
    };
  });
  const order = { commune: 0, epci: 1, ept: 2, departement: 3 } as const;
  return rows.sort(
    (x, y) =>
      order[x.level] - order[y.level] ||
      Math.abs(y.accessibilityGap ?? 0) - Math.abs(x.accessibilityGap ?? 0) ||
      x.name.localeCompare(y.name, 'fr'),
  );
}
