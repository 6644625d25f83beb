/**
 * The colour scale of the coverage rate (places per 100 children under 3).
 *
 * Five classes with fixed bounds, so that maps of different years and territories compare:
 * under 40, 40 to under 55, 55 to under 70, 70 to under 85, 85 and more. The middle class holds
 * the national references of the last 15 years (56,6 in 2015, 58,8 in 2020, 60,9 in 2023), so
 * it is the neutral colour; orange reads "short of places", purple "better covered".
 * The palette is ColorBrewer PuOr (5 classes), safe for the common colour-vision deficiencies
 * and printable in grey levels.
 *
 * A territory with too few children (small population) is hatched, never coloured as an
 * extreme; a territory without data is grey; one whose rate is withheld by statistical secrecy
 * (too few childminders) is blue-grey; one whose figure lacks a mode of the rate (class
 * `incomplete`: a lower bound, not a shortage) is pale and cross-hatched in dark blue.
 */
export const COVERAGE_BREAKS = [40, 55, 70, 85] as const;
export const COVERAGE_COLORS = ['#e66101', '#fdb863', '#f7f7f7', '#b2abd2', '#5e3c99'] as const;
export const NO_DATA_COLOR = '#9e9e9e';
export const SMALL_POPULATION_COLOR = '#d9d9d9';
/** A territory whose rate is withheld by statistical secrecy (too few childminders to show). */
export const SECRET_COLOR = '#b3c3d1';
/** Under the cross-hatching of a figure that lacks a mode of the rate (class `incomplete`). */
export const INCOMPLETE_COLOR = '#eef2fa';

/** Nominal ends of the open first and last classes, used only to place marks on the legend. */
const LEGEND_MIN = 25;
const LEGEND_MAX = 100;

export interface CoverageClassItem {
  index: number;
  /** Lower bound (inclusive), null for the first class. */
  min: number | null;
  /** Upper bound (exclusive), null for the last class. */
  max: number | null;
  color: string;
  label: string;
}

const fr = (x: number) => String(x).replace('.', ',');

/** The legend items, lowest class first. */
export function coverageClasses(): CoverageClassItem[] {
  const bounds: (number | null)[] = [null, ...COVERAGE_BREAKS, null];
  return COVERAGE_COLORS.map((color, index) => {
    const min = bounds[index];
    const max = bounds[index + 1];
    const label =
      min === null
        ? `moins de ${fr(max!)}`
        : max === null
          ? `${fr(min)} et plus`
          : `${fr(min)} à moins de ${fr(max)}`;
    return { index, min, max, color, label };
  });
}

/** Index of the class of a rate (0 to 4); null for a missing rate. Bounds belong to the class above. */
export function coverageClassIndex(rate: number | null | undefined): number | null {
  if (typeof rate !== 'number' || !Number.isFinite(rate)) return null;
  let i = 0;
  while (i < COVERAGE_BREAKS.length && rate >= COVERAGE_BREAKS[i]) i++;
  return i;
}

export interface RateStyleInput {
  coverage_rate: number | null;
  small_population?: boolean;
  childminders_secret?: boolean;
  coverage_class?: string;
}

/** The fill colour of one territory, with the incomplete, small-population and no-data cases. */
export function coverageColor(t: RateStyleInput): string {
  if (t.coverage_class === 'incomplete') return INCOMPLETE_COLOR;
  if (t.small_population) return SMALL_POPULATION_COLOR;
  if (t.childminders_secret) return SECRET_COLOR;
  const i = coverageClassIndex(t.coverage_rate);
  return i === null ? NO_DATA_COLOR : COVERAGE_COLORS[i];
}

/**
 * Position (0 to 1) of a rate along the legend bar made of five equal boxes, linear inside each
 * box: where the national reference mark is drawn. Clamped to the bar.
 */
export function legendPosition(rate: number): number {
  const bounds = [LEGEND_MIN, ...COVERAGE_BREAKS, LEGEND_MAX];
  const n = COVERAGE_COLORS.length;
  if (rate <= bounds[0]) return 0;
  if (rate >= bounds[n]) return 1;
  const i = coverageClassIndex(rate)!;
  const within = (rate - bounds[i]) / (bounds[i + 1] - bounds[i]);
  return (i + within) / n;
}

/**
 * The same scale as a MapLibre expression over feature properties `coverage_rate`,
 * `coverage_class`, `small_population` and `childminders_secret` (the hatchings are separate
 * layers on top).
 */
export function coverageFillExpression(): unknown[] {
  const step: unknown[] = ['step', ['to-number', ['get', 'coverage_rate']], COVERAGE_COLORS[0]];
  COVERAGE_BREAKS.forEach((b, i) => step.push(b, COVERAGE_COLORS[i + 1]));
  return [
    'case',
    ['==', ['get', 'coverage_class'], 'incomplete'],
    INCOMPLETE_COLOR,
    ['==', ['get', 'small_population'], true],
    SMALL_POPULATION_COLOR,
    ['==', ['get', 'childminders_secret'], true],
    SECRET_COLOR,
    ['==', ['typeof', ['get', 'coverage_rate']], 'number'],
    step,
    NO_DATA_COLOR,
  ];
}

/** "#e66101" → [230, 97, 1] (deck.gl colours, PNG legend). */
export function hexToRgb(hex: string): [number, number, number] {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new RangeError(`Not a #rrggbb colour: ${hex}`);
  return [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)];
}
