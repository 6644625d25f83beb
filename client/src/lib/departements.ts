/**
 * Which loaded département the dashboard shows. Several can be loaded side by side (the
 * fictional demo and an imported real one, which may overlap on the map): the dashboard shows
 * one at a time, and everything on screen — lists, search, table, exports, map, tiles, the
 * "fictif" warning — follows that one.
 */
export interface LoadedDepartement {
  departementCode: string;
  name: string;
  fictional: boolean;
}

/**
 * The département to show: the one the link asks for when it is loaded; otherwise the first
 * real one (a planner who imported their territory wants to see it, not the demo); otherwise
 * the first loaded (the demo). Null when nothing is loaded.
 */
export function displayedDepartement(
  loaded: readonly LoadedDepartement[],
  requested: string | null,
): LoadedDepartement | null {
  return (
    loaded.find((d) => d.departementCode === requested) ??
    loaded.find((d) => !d.fictional) ??
    loaded[0] ??
    null
  );
}

/**
 * What the link records: the département shown when there is a choice (so that a copied link
 * reopens the same one even after another import), nothing when only one is loaded.
 */
export function departementForUrl(
  loaded: readonly LoadedDepartement[],
  requested: string | null,
): string | null {
  if (loaded.length < 2) return null;
  return displayedDepartement(loaded, requested)?.departementCode ?? null;
}

/** The switcher's option text: "Cher (18)", "Territoire de démonstration (Z1, fictif)". */
export function departementLabel(d: LoadedDepartement): string {
  return `${d.name} (${d.departementCode}${d.fictional ? ', fictif' : ''})`;
}

/** A selected territory as the API describes it (detail or list properties). */
export interface TerritoryPlace {
  level: 'commune' | 'epci' | 'ept' | 'departement';
  code: string;
  departement_code: string | null;
}

/**
 * Whether a territory belongs to the département shown. An EPCI (or an EPT) may cross a
 * département line: it belongs when it is in the département's EPCI or EPT list (`epciCodes`,
 * when loaded) or has its seat there. Null when it cannot be told yet (an EPCI seated elsewhere, list not loaded).
 */
export function belongsToDepartement(
  t: TerritoryPlace,
  departement: string,
  epciCodes: ReadonlySet<string> | null,
): boolean | null {
  if (t.level === 'departement') return t.code === departement;
  if (t.level === 'commune') return t.departement_code === departement;
  if (t.departement_code === departement || epciCodes?.has(t.code)) return true;
  return epciCodes ? false : null;
}

/** A dataset as /api/health and list metadata describe it (the fields used here). */
export interface DatasetRef {
  id: number;
  kind: string;
  fictional: boolean;
}

/**
 * The sources to name for the département shown (Sources dialog, PNG caption): with a single
 * département loaded, every loaded dataset; with several, those behind the figures shown
 * (`shownFigures`, the list's metadata) and the road networks as fictional as the département
 * (the rule of the roads tiles) — never the datasets of another département, so that a real
 * territory's caption never says "[fictif]" because of the demo, nor the reverse.
 */
export function datasetsForDepartement<D extends DatasetRef>(
  all: readonly D[] | null,
  shownFigures: readonly D[] | null,
  loaded: readonly LoadedDepartement[],
  shown: LoadedDepartement | null,
): D[] {
  if (all && (loaded.length < 2 || !shown)) return [...all];
  const own = shownFigures ?? [];
  const roads = (all ?? []).filter(
    (d) =>
      d.kind === 'roads' && d.fictional === shown?.fictional && !own.some((o) => o.id === d.id),
  );
  return [...own, ...roads];
}
