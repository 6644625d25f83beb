import type { AccessibilityTerritory } from '../api/types';
import { formatCount, formatRate } from './format';

/**
 * The accessibility layer's classes (places within reach per 100 children, docs/accessibility.md)
 * and the French wording of a territory's accessibility beside its official rate. Pure.
 */
export interface AccessRateClass {
  id: string;
  label: string;
  /** Lower bound (inclusive); the class holds rates below the next class's. */
  min: number;
  color: string;
}

/** Red where no place is within reach, to blue where places are plenty (60 ≈ the national rate). */
export const ACCESS_RATE_CLASSES: readonly AccessRateClass[] = [
  { id: 'none', label: 'aucune place à portée', min: 0, color: '#b2182b' },
  { id: 'lt20', label: 'moins de 20 places pour 100 enfants', min: 1e-9, color: '#ef8a62' },
  { id: '20-40', label: '20 à 40', min: 20, color: '#fddbc7' },
  { id: '40-60', label: '40 à 60', min: 40, color: '#d1e5f0' },
  { id: '60-80', label: '60 à 80', min: 60, color: '#67a9cf' },
  { id: 'ge80', label: '80 et plus', min: 80, color: '#2166ac' },
];

/** The class of a rate (places per 100 children; 0 or less: none within reach). */
export function accessRateClass(rate: number): AccessRateClass {
  let found = ACCESS_RATE_CLASSES[0];
  for (const c of ACCESS_RATE_CLASSES) if (rate >= c.min) found = c;
  return found;
}

/** MapLibre expression colouring `accessibility_rate` with the classes above. */
export function accessRateFillExpression(): unknown[] {
  const expr: unknown[] = [
    'step',
    ['to-number', ['get', 'accessibility_rate']],
    ACCESS_RATE_CLASSES[0].color,
  ];
  for (const c of ACCESS_RATE_CLASSES.slice(1)) expr.push(c.min, c.color);
  return expr;
}

/**
 * Why the accessibility rate differs from the places counted inside the lines, in French: the
 * places of the territory used by families from outside, and those its families use outside.
 */
export function leakageSentences(a: AccessibilityTerritory): string[] {
  const out: string[] = [];
  if (a.children <= 0) return ['Aucun enfant de moins de 3 ans sur la grille de ce territoire.'];
  out.push(
    `Sur ses ${formatCount(a.places)} places, ${formatCount(a.places_used_by_residents)} vont à ses propres familles et ${formatCount(a.places_used_by_outsiders)} à des familles venues d’ailleurs.`,
  );
  out.push(
    `Ses familles trouvent ${formatCount(a.places_used_outside)} places à portée hors du territoire.`,
  );
  if (a.places_unreached > 0)
    out.push(`${formatCount(a.places_unreached)} places ne sont à portée d’aucun enfant.`);
  return out;
}

/** "62,3" with the estimate's label where the grid is estimated. */
export function accessibilityRateText(a: AccessibilityTerritory): string {
  return `${formatRate(a.accessibility_rate)}${a.estimated ? ' (estimé)' : ''}`;
}
