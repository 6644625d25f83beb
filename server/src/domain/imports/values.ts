/**
 * Reading values the way French spreadsheets write them: decimal commas, spaces (or no-break
 * spaces) between thousands, "oui"/"non". Pure.
 */

/**
 * A number from French or international notation: "1 234,5", "1234.5", "12,0". Returns null
 * for an empty cell and NaN when the text is not a number.
 */
export function parseDecimal(raw: string | null | undefined): number | null {
  if (raw === null || raw === undefined) return null;
  let s = raw.trim();
  if (s === '') return null;
  s = s.replace(/[\s\u00a0\u202f]/g, '');
  // "1.234,5" (dots as thousands separators, comma decimal) and "1,234.5" are both seen.
  if (s.includes(',') && s.includes('.')) {
    s =
      s.lastIndexOf(',') > s.lastIndexOf('.')
        ? s.replace(/\./g, '').replace(',', '.')
        : s.replace(/,/g, '');
  } else if (s.includes(',')) {
    if ((s.match(/,/g) ?? []).length > 1) return NaN;
    s = s.replace(',', '.');
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) return NaN;
  return Number(s);
}

export type IntegerCheck = { ok: true; value: number } | { ok: false; reason: string };

/** A whole number of places or children: "12", "12,0" and "12.0" are accepted, "12,5" is not. */
export function parsePositiveInteger(raw: string | null | undefined): IntegerCheck {
  const n = parseDecimal(raw);
  if (n === null) return { ok: false, reason: 'missing value' };
  if (Number.isNaN(n)) return { ok: false, reason: 'not a number' };
  if (!Number.isInteger(n)) return { ok: false, reason: 'not a whole number' };
  if (n <= 0) return { ok: false, reason: 'must be a positive integer' };
  return { ok: true, value: n };
}

const TRUE = new Set(['1', 'oui', 'o', 'yes', 'y', 'true', 'vrai', 'actif', 'active', 'x']);
const FALSE = new Set(['0', 'non', 'n', 'no', 'false', 'faux', 'inactif', 'inactive']);

/** "oui"/"non", "1"/"0", "true"/"false", "actif"/"inactif"; null when empty; undefined when unreadable. */
export function parseBoolean(raw: string | null | undefined): boolean | null | undefined {
  if (raw === null || raw === undefined || raw.trim() === '') return null;
  const s = raw.trim().toLowerCase();
  if (TRUE.has(s)) return true;
  if (FALSE.has(s)) return false;
  return undefined;
}

/** A year such as "2024" (or an ISO date "2024-09-01": its year). Null when empty, NaN when unreadable. */
export function parseYear(raw: string | null | undefined): number | null {
  if (raw === null || raw === undefined || raw.trim() === '') return null;
  const m =
    /^\s*(\d{4})(?:[-/]\d{1,2}[-/]\d{1,2})?\s*$/.exec(raw) ??
    /^\s*\d{1,2}\/\d{1,2}\/(\d{4})\s*$/.exec(raw);
  if (!m) return NaN;
  const y = Number(m[1]);
  return y >= 1900 && y <= 2100 ? y : NaN;
}

/** Lower case, accents removed, runs of non-letters as one space: for matching labels. */
export function normaliseLabel(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
