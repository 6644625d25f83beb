/**
 * A rate rounded for display or the API (the computation itself never rounds): half away from
 * zero at `digits` decimals (0 to 10; default 1, as CNAF publishes rates). Binary noise is
 * removed first, so 69.89999999999999 gives 69.9 and 1.005 at 2 digits gives 1.01, not 1.00.
 * Null stays null (no rate is not a rate of 0).
 */
export function roundRate(x: number, digits?: number): number;
export function roundRate(x: number | null, digits?: number): number | null;
export function roundRate(x: number | null, digits = 1): number | null {
  if (!Number.isInteger(digits) || digits < 0 || digits > 10) {
    throw new RangeError(`roundRate: digits must be an integer from 0 to 10 (got ${digits})`);
  }
  if (x === null) return null;
  if (!Number.isFinite(x)) throw new RangeError(`roundRate: expected a finite number (got ${x})`);
  // 15 significant digits drop the last-bit noise of float arithmetic; shifting the decimal
  // exponent in the string form avoids multiplying by 10^digits (which would add noise back).
  const clean = Math.abs(Number(x.toPrecision(15)));
  const rounded = Math.round(shift(clean, digits));
  const result = shift(rounded, -digits);
  return result === 0 ? 0 : Math.sign(x) * result;
}

function shift(value: number, exponent: number): number {
  const [mantissa, e = '0'] = String(value).split('e');
  return Number(`${mantissa}e${Number(e) + exponent}`);
}
