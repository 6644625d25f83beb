/**
 * Which modes of the official rate a figure has data for. The CNAF/ONAPE rate adds EAJE places,
 * assistants maternels' places (at home and in MAM), garde à domicile and préscolarisation; a
 * figure computed without one of them is a lower bound, not a shortage: it is said incomplete,
 * with the missing modes named, and never measured against a reference that includes them.
 */

/** The modes of the rate, in the order they are named. */
export const RATE_MODES = ['eaje', 'am', 'mam', 'home_care', 'preschool'] as const;
export type RateMode = (typeof RATE_MODES)[number];

/** French names of the modes, for messages and CSV cells. */
export const RATE_MODE_LABELS: Readonly<Record<RateMode, string>> = Object.freeze({
  eaje: 'EAJE',
  am: 'assistants maternels',
  mam: 'MAM',
  home_care: 'garde à domicile',
  preschool: 'préscolarisation',
});

/**
 * The modes without data, in `RATE_MODES` order, from those with data. MAM places are the
 * places of the assistants maternels who work there, counted from the childminder list: the MAM
 * mode has data exactly when the childminder mode has (a MAM list alone adds no place).
 */
export function missingModes(withData: Iterable<RateMode>): RateMode[] {
  const present = new Set(withData);
  if (present.has('am')) present.add('mam');
  else present.delete('mam');
  return RATE_MODES.filter((m) => !present.has(m));
}

/**
 * Missing modes of a territory made of several parts (an EPCI or a département from its
 * communes): a mode is missing from the whole when it is missing from any part, since the sum
 * then lacks that part's places.
 */
export function missingOfParts(parts: Iterable<readonly RateMode[]>): RateMode[] {
  const missing = new Set<RateMode>();
  for (const p of parts) for (const m of p) missing.add(m);
  return RATE_MODES.filter((m) => missing.has(m));
}

/** "assistants maternels, MAM et garde à domicile" (empty string for none). */
export function modesInFrench(modes: readonly RateMode[]): string {
  const names = modes.map((m) => RATE_MODE_LABELS[m]);
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} et ${names[names.length - 1]}`;
}
