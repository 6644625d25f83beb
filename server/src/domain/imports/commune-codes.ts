/**
 * INSEE commune codes: their shape, their département, and what became of a retired code.
 * Pure: the reference (current communes, former codes) is passed in.
 */

import type { ProblemLog } from './report';

const CODE = /^(\d{5}|2[AB]\d{3})$/;

/** The current communes and, for each retired code, the commune(s) it now belongs to. */
export interface CommuneReference {
  /** Current commune code → name (communes of the COG in force). */
  current: ReadonlyMap<string, string>;
  /** Retired code (merged commune, former code, municipal arrondissement) → current code(s). */
  replacedBy: ReadonlyMap<string, readonly string[]>;
  /** Label of the reference, e.g. 'COG 2026 (@etalab/decoupage-administratif 6.0.0)'. */
  label: string;
}

export type CodeCheck =
  | { status: 'ok'; code: string; note?: string }
  | { status: 'retired'; code: string; current: readonly string[] }
  | { status: 'unknown'; code: string }
  | { status: 'malformed'; reason: string };

/**
 * Normalise a code as found in a file: trimmed, upper case; a 4-digit number is a code whose
 * leading zero a spreadsheet dropped ("1001" → "01001", reported).
 */
export function normaliseCommuneCode(
  raw: string,
): { code: string; note?: string } | { error: string } {
  const s = raw.trim().toUpperCase();
  if (s === '') return { error: 'missing INSEE code' };
  if (/^\d{4}$/.test(s)) return { code: `0${s}`, note: `leading zero restored (${s} → 0${s})` };
  if (/^\d{5}\.0+$/.test(s))
    return { code: s.slice(0, 5), note: 'read as a number by a spreadsheet' };
  if (!CODE.test(s))
    return { error: 'not an INSEE commune code (5 characters, e.g. 18033 or 2A004)' };
  return { code: s };
}

/** Département of a commune code: 3 characters overseas (971…976), else 2 (including 2A/2B). */
export function departementOfCommune(code: string): string {
  return code.startsWith('97') ? code.slice(0, 3) : code.slice(0, 2);
}

/** Check a code against the reference: current, retired (with the current one), or unknown. */
export function checkCommuneCode(raw: string, reference: CommuneReference): CodeCheck {
  const n = normaliseCommuneCode(raw);
  if ('error' in n) return { status: 'malformed', reason: n.error };
  if (reference.current.has(n.code)) return { status: 'ok', code: n.code, note: n.note };
  const current = reference.replacedBy.get(n.code);
  if (current && current.length > 0) return { status: 'retired', code: n.code, current };
  return { status: 'unknown', code: n.code };
}

/** The reason shown for a retired code, naming the current commune(s). */
export function retiredReason(
  check: { code: string; current: readonly string[] },
  reference: CommuneReference,
): string {
  const names = check.current.map((c) => `${c} ${reference.current.get(c) ?? ''}`.trim());
  return `retired INSEE code ${check.code}: now ${names.join(' or ')} (${reference.label})`;
}

/** Where a row of a national statistics file (one row per commune) goes. */
export type ListedCommune =
  /** A loaded commune; `direct` false: a retired code counted in its current commune. */
  | { status: 'loaded'; code: string; direct: boolean }
  /** A valid commune that is not loaded (a national file on one département): skipped. */
  | { status: 'not_loaded' }
  /** A problem logged on the row. */
  | { status: 'rejected' };

/**
 * The loaded commune a row's code is about, for files of figures per commune (population,
 * births): a retired code is counted in its current commune (with a warning), or refused when
 * it was split between several; communes not loaded are skipped, not refused.
 */
export function resolveListedCommune(
  raw: string,
  at: { row: number; column: string },
  options: { reference: CommuneReference; loadedCommunes: ReadonlySet<string> },
  log: Pick<ProblemLog, 'error' | 'warning'>,
): ListedCommune {
  const check = checkCommuneCode(raw, options.reference);
  if (check.status === 'malformed') {
    log.error(at.row, at.column, raw, check.reason);
    return { status: 'rejected' };
  }
  if (check.status === 'unknown') {
    log.error(
      at.row,
      at.column,
      raw,
      `unknown INSEE code (not a commune of ${options.reference.label})`,
    );
    return { status: 'rejected' };
  }
  if (check.status === 'ok')
    return options.loadedCommunes.has(check.code)
      ? { status: 'loaded', code: check.code, direct: true }
      : { status: 'not_loaded' };
  const loaded = check.current.filter((c) => options.loadedCommunes.has(c));
  if (loaded.length === 0) return { status: 'not_loaded' };
  if (check.current.length > 1) {
    log.error(
      at.row,
      at.column,
      raw,
      `${retiredReason(check, options.reference)}: split between communes, cannot attach`,
    );
    return { status: 'rejected' };
  }
  log.warning(
    at.row,
    at.column,
    raw,
    `${retiredReason(check, options.reference)}: counted in ${check.current[0]}`,
  );
  return { status: 'loaded', code: check.current[0], direct: false };
}
