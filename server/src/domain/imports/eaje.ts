/**
 * EAJE lists (CSV or GeoJSON, Caf or département exports) → eaje rows. Pure.
 * Financing is rarely in département lists: when absent, micro-crèches are taken as
 * "hors PSU" (PAJE) and the others as PSU, and the summary says so.
 */
import { ProblemLog, type ParseResult } from './report';
import {
  readCommune,
  readPosition,
  readYears,
  type Position,
  type SupplyContext,
} from './supply-fields';
import { resolveSupplyColumns } from './supply-schema';
import { cell, type Table } from './table';
import { normaliseLabel, parsePositiveInteger } from './values';

export type EajeKind =
  | 'multi_accueil'
  | 'creche_collective'
  | 'micro_creche'
  | 'halte_garderie'
  | 'creche_familiale'
  | 'creche_parentale'
  | 'jardin_enfants'
  | 'autre';

export interface EajeRow extends Position {
  sourceId: string;
  name: string;
  kind: EajeKind;
  financing: 'psu' | 'hors_psu';
  places: number;
  manager: string | null;
  managerKind: 'public' | 'associatif' | 'prive' | null;
  address: string | null;
  communeCode: string;
  openedYear: number | null;
  closedYear: number | null;
}

/** Micro-crèches have at most 12 places (décret 2021-1131); more is reported. */
export const MICRO_CRECHE_MAX_PLACES = 12;
/** Above this an EAJE is implausibly large (the largest crèches have about 150 places). */
export const EAJE_PLAUSIBLE_MAX_PLACES = 200;

const KIND_LABELS: [RegExp, EajeKind][] = [
  [/micro/, 'micro_creche'],
  [/multi ?accueil/, 'multi_accueil'],
  [/halte/, 'halte_garderie'],
  [/familial/, 'creche_familiale'],
  [/parental/, 'creche_parentale'],
  [/jardin/, 'jardin_enfants'],
  [/creche|collecti/, 'creche_collective'],
];

/**
 * Rows of a facility list that are not an EAJE: where they belong instead. A MAM's places are
 * its childminders' (import mams / childminders); a relais, a PMI centre, a LAEP or a leisure
 * centre has no place of care for under-3s. Counted as EAJE they would add PSU places.
 */
const OTHER_KINDS: [RegExp, string][] = [
  [
    /\bmam\b|maison d ?(es )?assistant/,
    'a MAM (maison d’assistants maternels): import it with `import mams`, its places are its childminders’',
  ],
  [
    /\brelais\b|\brpe\b|\bram\b/,
    'a relais petite enfance (RPE): an information service, not a place of care',
  ],
  [/\bpmi\b|protection maternelle/, 'a PMI centre: a health service, not a place of care'],
  [
    /\blaep\b|lieu d ?accueil enfants? parents?/,
    'a lieu d’accueil enfants-parents (LAEP): no place of care',
  ],
  [
    /\balsh\b|accueil de loisirs|centre de loisirs|periscolaire/,
    'an accueil de loisirs: for older children, not an EAJE',
  ],
  [/assistant(e)?s? maternel/, 'a childminder: import her with `import childminders`'],
];

/** Where a row of another kind belongs (see OTHER_KINDS), or null for an EAJE. */
export function otherFacilityKind(label: string): string | null {
  const n = normaliseLabel(label).replace(/_/g, ' ');
  // A crèche familiale employs childminders and is an EAJE all the same.
  if (n === '' || /familial/.test(n)) return null;
  for (const [re, where] of OTHER_KINDS) if (re.test(n)) return where;
  return null;
}

export function eajeKind(label: string): EajeKind | null {
  const n = normaliseLabel(label).replace(/_/g, ' ');
  if (n === '') return null;
  for (const [re, kind] of KIND_LABELS) if (re.test(n)) return kind;
  return null;
}

export function managerKind(label: string): EajeRow['managerKind'] {
  const n = normaliseLabel(label);
  if (n === '') return null;
  if (/^(public|associatif|prive)$/.test(n)) return n as EajeRow['managerKind'];
  if (
    /\b(commune|ville|mairie|ccas|cias|departement|communaute|agglomeration|syndicat|sivu|sivom|metropole|etablissement public|hopital|ch)\b/.test(
      n,
    )
  )
    return 'public';
  if (/\b(association|asso|mutualite|federation|fondation|acepp|croix rouge)\b/.test(n))
    return 'associatif';
  if (
    /\b(sas|sarl|sa|eurl|sasu|babilou|people and baby|la maison bleue|lpcr|les petits chaperons rouges|entreprise|prive)\b/.test(
      n,
    )
  )
    return 'prive';
  return null;
}

function financing(raw: string, kind: EajeKind): EajeRow['financing'] | null {
  const n = normaliseLabel(raw);
  if (n === '') return kind === 'micro_creche' ? 'hors_psu' : 'psu';
  if (/hors psu|paje|cmg|non psu/.test(n)) return 'hors_psu';
  if (/psu/.test(n)) return 'psu';
  return null;
}

export function parseEaje(
  table: Table,
  ctx: SupplyContext,
  mapping: Record<string, string> | null,
): ParseResult<EajeRow> {
  const log = new ProblemLog();
  const resolution = resolveSupplyColumns('eaje', table.columns, mapping);
  if (!resolution.ok) {
    log.fileError(resolution.reason);
    return { rows: [], log, rowsRead: table.records.length, detected: {} };
  }
  const cols = resolution.value;
  const c = cols.columns;
  const detected: Record<string, string> = { schema: cols.schema };
  if (!c.type)
    detected.type =
      'not in the file: micro-crèches recognised by their name, the others taken as "autre"';
  if (!c.financement)
    detected.financing =
      'not in the file: micro-crèches taken as hors PSU (PAJE), the others as PSU';
  const rows: ParseResult<EajeRow>['rows'] = [];
  const seen = new Map<string, number>();
  for (const r of table.records) {
    const name = cell(r, c.nom!);
    if (name === '') log.error(r.row, c.nom!, '', 'missing name');
    const communeCode = readCommune(r, cols, ctx, log);
    const rawType = cell(r, c.type ?? null);
    // Another kind of facility in the list (by its type, or by its name when there is none).
    const other = c.type
      ? otherFacilityKind(rawType)
      : /^\s*mam\b/i.test(name)
        ? OTHER_KINDS[0][1]
        : null;
    if (other !== null)
      log.error(
        r.row,
        c.type ?? c.nom!,
        c.type ? rawType : name,
        `not an EAJE: ${other}; not counted as crèche places`,
      );
    let kind = eajeKind(rawType);
    if (kind === null) {
      kind = /micro/i.test(name) ? 'micro_creche' : 'autre';
      if (rawType !== '')
        log.warning(r.row, c.type!, rawType, `type not recognised: taken as "${kind}"`);
    }
    const rawPlaces = cell(r, c.places!);
    const places = parsePositiveInteger(rawPlaces);
    if (!places.ok) log.error(r.row, c.places!, rawPlaces, `places: ${places.reason}`);
    else if (kind === 'micro_creche' && places.value > MICRO_CRECHE_MAX_PLACES)
      log.warning(
        r.row,
        c.places!,
        rawPlaces,
        `a micro-crèche has at most ${MICRO_CRECHE_MAX_PLACES} places`,
      );
    else if (places.value > EAJE_PLAUSIBLE_MAX_PLACES)
      log.warning(
        r.row,
        c.places!,
        rawPlaces,
        `implausibly many places for one EAJE (> ${EAJE_PLAUSIBLE_MAX_PLACES})`,
      );
    const rawFinancing = cell(r, c.financement ?? null);
    const fin = financing(rawFinancing, kind);
    if (fin === null)
      log.error(r.row, c.financement!, rawFinancing, 'financing must be PSU or hors PSU (PAJE)');
    const years = readYears(r, c.ouverture, c.fermeture, log);
    const position = communeCode ? readPosition(r, cols, communeCode, ctx, log) : null;
    const address = cell(r, c.adresse ?? null) || null;
    const sourceId =
      cell(r, c.id ?? null) ||
      `${communeCode}:${normaliseLabel(name).replace(/ /g, '-')}:${normaliseLabel(address ?? '').replace(/ /g, '-')}`;
    if (!log.isRejected(r.row)) {
      const first = seen.get(sourceId);
      if (first !== undefined) {
        log.error(r.row, c.id ?? c.nom!, c.id ? sourceId : name, `duplicate of row ${first}`);
        continue;
      }
      seen.set(sourceId, r.row);
    }
    if (log.isRejected(r.row) || !communeCode || !position || !places.ok || !fin || !years)
      continue;
    const manager = cell(r, c.gestionnaire ?? null) || null;
    rows.push({
      row: r.row,
      value: {
        sourceId,
        name,
        kind,
        financing: fin,
        places: places.value,
        manager,
        managerKind: managerKind(cell(r, c.type_gestionnaire ?? null) || manager || ''),
        address,
        communeCode,
        ...position,
        openedYear: years.opened,
        closedYear: years.closed,
      },
    });
  }
  return { rows, log, rowsRead: table.records.length, detected };
}
