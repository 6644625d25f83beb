/**
 * Codes of the fictional territory, chosen so they can never collide with real ones:
 * - département: a letter then a digit or letter (`Z1`…`Z9`, `ZA`…`ZZ`, then `Y1`…): every real
 *   département code starts with a digit (`01`…`95`, `2A`, `2B`, `971`…`976`);
 * - commune: département code + 3 digits (`Z1001`), hence at most 999 communes per département;
 * - EPCI: `000` + département index (3 digits, from 001) + sequence (3 digits): real SIREN
 *   numbers never start with `000`;
 * - facilities: `Z1-EAJE-0001`, `Z1-MAM-0001`, `Z1-AM-0001`.
 */

const FIRST = 'ZYXW';
const SECOND = '123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Most communes a fictional département holds (3-digit commune numbers). */
export const MAX_COMMUNES_PER_DEPARTEMENT = 999;
/** Most fictional départements (`Z1`…`WZ`). */
export const MAX_DEPARTEMENTS = FIRST.length * SECOND.length;

/** Code of the département at `index` (0-based): 0 → `Z1`, 9 → `ZA`, 35 → `Y1`. */
export function departementCode(index: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= MAX_DEPARTEMENTS) {
    throw new RangeError(`departementCode: index ${index} outside 0..${MAX_DEPARTEMENTS - 1}`);
  }
  return FIRST[Math.floor(index / SECOND.length)] + SECOND[index % SECOND.length];
}

/** Code of commune number `n` (1..999) of a département: `Z1` and 7 → `Z1007`. */
export function communeCode(departement: string, n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > MAX_COMMUNES_PER_DEPARTEMENT) {
    throw new RangeError(`communeCode: number ${n} outside 1..${MAX_COMMUNES_PER_DEPARTEMENT}`);
  }
  return departement + String(n).padStart(3, '0');
}

/** SIREN-like code of EPCI number `n` (1..999) of the département at `index` (0-based). */
export function epciCode(index: number, n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 999)
    throw new RangeError(`epciCode: number ${n} outside 1..999`);
  return `000${String(index + 1).padStart(3, '0')}${String(n).padStart(3, '0')}`;
}

/** Stable id of facility number `n` (from 1) of a kind: `Z1-EAJE-0001`. */
export function facilityId(departement: string, kind: 'EAJE' | 'MAM' | 'AM', n: number): string {
  return `${departement}-${kind}-${String(n).padStart(4, '0')}`;
}
