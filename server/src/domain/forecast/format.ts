/** French number and range formatting for method texts and warnings (`80 %`, `0,97`, `2019–2024`). */

/** A number in French with at most `digits` decimals: 1 234,5. */
export function frNumber(x: number, digits = 0): string {
  // A formatter per call: a few per projection, not worth a module-level cache.
  return new Intl.NumberFormat('fr-FR', { maximumFractionDigits: digits }).format(x);
}

/** A share as a French percentage, narrow no-break space before the sign: 0.8 → "80 %". */
export function frPercent(share: number, digits = 0): string {
  return `${frNumber(share * 100, digits)}\u202f%`;
}

/** A signed French percentage: "+35 %", "−12 %" (true minus sign). */
export function frSignedPercent(share: number, digits = 0): string {
  const text = frPercent(Math.abs(share), digits);
  return share < 0 ? `\u2212${text}` : `+${text}`;
}

/** A span of years: "2019–2024", or "2024" when there is one. */
export function frYears(years: readonly number[]): string {
  if (years.length === 0) return '';
  const first = years[0];
  const last = years[years.length - 1];
  return first === last ? String(first) : `${first}\u2013${last}`;
}
