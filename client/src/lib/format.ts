/**
 * French number formatting (`45,3`, `1 234`), through Intl so that separators are the ones
 * French readers expect (a narrow no-break space for thousands, a comma for decimals).
 * A missing value is written "n.d." (non disponible), never 0.
 */
export const MISSING = 'n.d.';

const formatters = new Map<string, Intl.NumberFormat>();
function formatter(min: number, max: number): Intl.NumberFormat {
  const key = `${min}-${max}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: min, maximumFractionDigits: max });
    formatters.set(key, f);
  }
  return f;
}

function isNumber(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/** A number with exactly `digits` decimals: `formatDecimal(45.25, 1)` → "45,3". */
export function formatDecimal(value: number | null | undefined, digits = 1): string {
  return isNumber(value) ? formatter(digits, digits).format(value) : MISSING;
}

/** A coverage rate in places per 100 children, one decimal: "45,3". */
export function formatRate(value: number | null | undefined): string {
  return formatDecimal(value, 1);
}

/** A count (children, places): whole numbers, with at most one decimal when fractional. */
export function formatCount(value: number | null | undefined): string {
  if (!isNumber(value)) return MISSING;
  const rounded = Math.round(value * 10) / 10;
  return formatter(0, Number.isInteger(rounded) ? 0 : 1).format(rounded);
}

/** A difference with its sign: "+3,2", "−5,0" (true minus sign), "0,0". */
export function formatSignedRate(value: number | null | undefined): string {
  if (!isNumber(value)) return MISSING;
  const text = formatDecimal(Math.abs(value), 1);
  const rounded = Math.round(value * 10) / 10;
  if (rounded > 0) return `+${text}`;
  if (rounded < 0) return `\u2212${text}`;
  return text;
}

/** Plain text for CSV cells: a decimal comma, no thousands separator (Excel parses it). */
export function csvNumber(value: number | null | undefined): string {
  if (!isNumber(value)) return '';
  return String(value).replace('.', ',');
}

/** One line for a territory under the pointer: "Vierzon : 45,3 places pour 100 enfants". */
export function territorySummary(p: {
  name: string;
  coverage_rate: number | null;
  small_population?: boolean;
  childminders_secret?: boolean;
}): string {
  if (p.childminders_secret && p.coverage_rate === null)
    return `${p.name} : taux non diffusé (secret statistique, trop peu d’assistants maternels)`;
  if (p.small_population)
    return `${p.name} : petite population (taux instable ${formatRate(p.coverage_rate)})`;
  if (p.coverage_rate === null) return `${p.name} : pas de donnée`;
  return `${p.name} : ${formatRate(p.coverage_rate)} places pour 100 enfants`;
}
