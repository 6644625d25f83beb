/**
 * The metric CRS a territory is measured and gridded in: Lambert-93 (EPSG:2154) in metropolitan
 * France, the local systems overseas (Guadeloupe and Martinique EPSG:5490, Guyane EPSG:2972,
 * La Réunion EPSG:2975, Mayotte EPSG:4471). Pure.
 */
const OVERSEAS: Record<string, number> = {
  '971': 5490,
  '972': 5490,
  '973': 2972,
  '974': 2975,
  '976': 4471,
};

/** EPSG code for a département, or null for a territory without one here (975, 977, 978…). */
export function metricSrid(departementCode: string): number | null {
  if (/^(\d{2}|2[AB])$/.test(departementCode)) return 2154;
  return OVERSEAS[departementCode] ?? null;
}
