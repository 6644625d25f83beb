/**
 * INSEE commune codes: their shape, their département, and what became of a retired code.
 * Pure: the reference (current communes, former codes) is passed in.
 */

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
