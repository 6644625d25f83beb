/**
 * The official territorial reference (COG): communes, their former codes, EPCI and their
 * members, départements. Built from the data of `@etalab/decoupage-administratif` passed in
 * (no I/O here), used to validate every file's codes and by the `reference` import.
 */
import type { CommuneReference } from './commune-codes';

/** Shapes of the package's JSON files (only the fields used). */
export interface CogCommune {
  code: string;
  nom: string;
  type: 'commune-actuelle' | 'commune-deleguee' | 'commune-associee' | 'arrondissement-municipal';
  departement?: string;
  population?: number;
  anciensCodes?: string[];
  chefLieu?: string;
  commune?: string;
}
export interface CogEpci {
  code: string;
  nom: string;
  type: string;
  membres: { code: string }[];
}
/** An établissement public territorial of the Métropole du Grand Paris (data/ept.json). */
export interface CogEpt {
  code: string;
  nom: string;
  membres: { code: string }[];
}
export interface CogDepartement {
  code: string;
  nom: string;
  chefLieu: string;
}
export interface CogData {
  communes: CogCommune[];
  epci: CogEpci[];
  /** The EPT of the Métropole du Grand Paris; absent or empty: no EPT known. */
  ept?: CogEpt[];
  departements: CogDepartement[];
  /** e.g. '@etalab/decoupage-administratif 6.0.0 (COG 2026)'. */
  label: string;
  /** Year of the legal populations the package carries. */
  populationYear: number;
}

export interface EptReference {
  name: string;
  /** The département most of its members belong to (an EPT may cross a line). */
  departementCode: string | null;
}

/** The département most of `members` belong to (ties: the smallest code). */
function mainDepartement(
  members: readonly { code: string }[],
  departementOfCommune: ReadonlyMap<string, string>,
): string | null {
  const tally = new Map<string, number>();
  for (const m of members) {
    const d = departementOfCommune.get(m.code);
    if (d) tally.set(d, (tally.get(d) ?? 0) + 1);
  }
  return (
    [...tally.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null
  );
}

export type EpciKind = 'CC' | 'CA' | 'CU' | 'MET' | 'EPT';

export interface TerritoryReference {
  communes: CommuneReference;
  epciOfCommune: ReadonlyMap<string, string>;
  epcis: ReadonlyMap<string, { name: string; kind: EpciKind; departementCode: string | null }>;
  /** Commune code → its EPT (Métropole du Grand Paris; Paris itself is in none). */
  eptOfCommune: ReadonlyMap<string, string>;
  epts: ReadonlyMap<string, EptReference>;
  departements: ReadonlyMap<string, { name: string; prefectureCode: string }>;
  /** Current commune code → département code. */
  departementOfCommune: ReadonlyMap<string, string>;
}

/** The package's EPCI types mapped to ours (Métropole de Lyon 'MET69' is a métropole). */
export function epciKind(type: string): EpciKind | null {
  if (type === 'CC' || type === 'CA' || type === 'CU') return type;
  if (type === 'METRO' || type === 'MET69' || type === 'MET') return 'MET';
  if (type === 'EPT') return 'EPT';
  return null;
}

export function buildTerritoryReference(data: CogData): TerritoryReference {
  const current = new Map<string, string>();
  const departementOfCommune = new Map<string, string>();
  const replacedBy = new Map<string, string[]>();
  const addReplaced = (old: string, now: string) => {
    if (old === now) return;
    const list = replacedBy.get(old) ?? [];
    if (!list.includes(now)) list.push(now);
    replacedBy.set(old, list);
  };
  for (const c of data.communes) {
    if (c.type === 'commune-actuelle') {
      current.set(c.code, c.nom);
      if (c.departement) departementOfCommune.set(c.code, c.departement);
    }
  }
  for (const c of data.communes) {
    if (c.type === 'commune-actuelle')
      for (const old of c.anciensCodes ?? []) addReplaced(old, c.code);
    else if (
      (c.type === 'commune-deleguee' || c.type === 'commune-associee') &&
      c.chefLieu &&
      !current.has(c.code)
    )
      addReplaced(c.code, c.chefLieu);
    else if (c.type === 'arrondissement-municipal' && c.commune) addReplaced(c.code, c.commune);
  }
  const epciOfCommune = new Map<string, string>();
  const epcis = new Map<string, { name: string; kind: EpciKind; departementCode: string | null }>();
  for (const e of data.epci) {
    const kind = epciKind(e.type);
    if (!kind) continue;
    // The seat is not in the package: take the département most of the members belong to.
    for (const m of e.membres) epciOfCommune.set(m.code, e.code);
    epcis.set(e.code, {
      name: e.nom,
      kind,
      departementCode: mainDepartement(e.membres, departementOfCommune),
    });
  }
  const eptOfCommune = new Map<string, string>();
  const epts = new Map<string, EptReference>();
  for (const e of data.ept ?? []) {
    for (const m of e.membres) eptOfCommune.set(m.code, e.code);
    epts.set(e.code, {
      name: e.nom,
      departementCode: mainDepartement(e.membres, departementOfCommune),
    });
  }
  const departements = new Map(
    data.departements.map((d) => [d.code, { name: d.nom, prefectureCode: d.chefLieu }]),
  );
  return {
    communes: { current, replacedBy, label: data.label },
    epciOfCommune,
    epcis,
    eptOfCommune,
    epts,
    departements,
    departementOfCommune,
  };
}

export interface ReferenceRows {
  departements: { code: string; name: string; prefectureCode: string }[];
  epcis: { code: string; name: string; kind: EpciKind; departementCode: string | null }[];
  /** The EPT of the communes above (reference.eptRows). */
  epts: EptRow[];
  communes: {
    code: string;
    name: string;
    departementCode: string;
    epciCode: string | null;
    population: number | null;
  }[];
  /** Former codes of the communes above: old code → current code. */
  history: { oldCode: string; communeCode: string; oldName: string | null }[];
}

/**
 * The rows the `reference` import writes: the communes of one département (or of all when
 * `departement` is null), their EPCI, their former codes. Throws on an unknown département.
 */
export function referenceRows(
  data: CogData,
  ref: TerritoryReference,
  departement: string | null,
): ReferenceRows {
  if (departement !== null && !ref.departements.has(departement)) {
    throw new Error(`Unknown département "${departement}" in ${data.label}`);
  }
  const communes = data.communes.filter(
    (c) =>
      c.type === 'commune-actuelle' &&
      c.departement &&
      (departement === null || c.departement === departement),
  );
  const wanted = new Set(communes.map((c) => c.code));
  const departementCodes = new Set(communes.map((c) => c.departement!));
  const epciCodes = new Set<string>();
  for (const c of communes) {
    const e = ref.epciOfCommune.get(c.code);
    if (e) epciCodes.add(e);
  }
  const oldNames = new Map<string, string>();
  for (const c of data.communes) if (c.type !== 'commune-actuelle') oldNames.set(c.code, c.nom);
  const history: ReferenceRows['history'] = [];
  for (const [old, nows] of ref.communes.replacedBy) {
    for (const now of nows)
      if (wanted.has(now))
        history.push({ oldCode: old, communeCode: now, oldName: oldNames.get(old) ?? null });
  }
  history.sort(
    (a, b) => a.oldCode.localeCompare(b.oldCode) || a.communeCode.localeCompare(b.communeCode),
  );
  return {
    departements: [...departementCodes]
      .sort()
      .map((code) => ({ code, ...ref.departements.get(code)! })),
    epcis: [...epciCodes].sort().map((code) => ({ code, ...ref.epcis.get(code)! })),
    epts: eptRows(ref, wanted),
    communes: communes.map((c) => ({
      code: c.code,
      name: c.nom,
      departementCode: c.departement!,
      epciCode: ref.epciOfCommune.get(c.code) ?? null,
      population: typeof c.population === 'number' ? c.population : null,
    })),
    history,
  };
}

/** An EPT with those of its members that an import writes. */
export interface EptRow extends EptReference {
  code: string;
  /** Members among the communes given, ascending. */
  communes: string[];
}

/**
 * The EPT of `communes` (current codes), each with those of its members among them; communes in
 * no EPT (all but the Métropole du Grand Paris, and Paris itself) give none.
 */
export function eptRows(ref: TerritoryReference, communes: Iterable<string>): EptRow[] {
  const byEpt = new Map<string, string[]>();
  for (const c of communes) {
    const e = ref.eptOfCommune.get(c);
    if (!e) continue;
    const list = byEpt.get(e) ?? [];
    list.push(c);
    byEpt.set(e, list);
  }
  return [...byEpt.keys()].sort().map((code) => ({
    code,
    ...ref.epts.get(code)!,
    communes: byEpt.get(code)!.sort(),
  }));
}
