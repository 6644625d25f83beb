import type { RateMode } from './completeness';

/**
 * Berceau's rate beside the rate the Caf publishes for the same territory and year
 * (open data txcouv_pe_*), mode by mode, so that a planner sees where the two differ and why.
 * The Caf's columns map to the modes: `txcouv_eaje` (EAJE, PSU and hors PSU), `txcouv_am_ind`
 * (assistants maternels, MAM included), `txcouv_gad_ind` (garde à domicile), `txcouv_prescol`.
 */
export const CAF_RATE_COLUMNS: Readonly<Record<string, RateMode>> = Object.freeze({
  txcouv_eaje: 'eaje',
  txcouv_am_ind: 'am',
  txcouv_gad_ind: 'home_care',
  txcouv_prescol: 'preschool',
});

/** The modes compared: MAM places are part of the Caf's `am_ind`, as of Berceau's `am`. */
export type ComparedMode = 'eaje' | 'am' | 'home_care' | 'preschool';

export interface ModeComparison {
  mode: ComparedMode;
  berceau: number | null;
  caf: number | null;
  /** Berceau − Caf, in points; null when either is missing. */
  difference: number | null;
}

export interface CafComparison {
  /** The Caf's published rate (places per 100 children under 3). */
  rate: number;
  /** Berceau's rate − the Caf's, in points; null without Berceau's rate. */
  difference: number | null;
  modes: ModeComparison[];
  /**
   * The modes that explain the difference: those Berceau has no data for (`missing`) and those
   * whose rates differ by at least `tolerance` points, largest gap first.
   */
  differing: ComparedMode[];
}

/** Differences under this many points are rounding and vintage noise, not a reason. */
export const DEFAULT_COMPARISON_TOLERANCE = 0.5;

/**
 * Compare. `berceau` gives Berceau's rate per compared mode (places per 100 children); `caf` the
 * Caf's measures by column stem (`txcouv`, `txcouv_eaje`…); `missing` Berceau's modes without
 * data. Null when the Caf publishes no overall rate for the territory.
 */
export function compareWithCaf(
  berceauRate: number | null,
  berceau: Readonly<Record<ComparedMode, number | null>>,
  caf: Readonly<Record<string, number>>,
  missing: readonly RateMode[],
  tolerance = DEFAULT_COMPARISON_TOLERANCE,
): CafComparison | null {
  const rate = caf.txcouv;
  if (rate === undefined) return null;
  const modes: ModeComparison[] = (['eaje', 'am', 'home_care', 'preschool'] as const).map(
    (mode) => {
      const column = Object.keys(CAF_RATE_COLUMNS).find((c) => CAF_RATE_COLUMNS[c] === mode)!;
      const theirs = caf[column] ?? null;
      const ours = missing.includes(mode) ? null : berceau[mode];
      return {
        mode,
        berceau: ours,
        caf: theirs,
        difference: ours !== null && theirs !== null ? ours - theirs : null,
      };
    },
  );
  const differing = modes
    .filter(
      (m) =>
        missing.includes(m.mode) || (m.difference !== null && Math.abs(m.difference) >= tolerance),
    )
    .sort(
      (a, b) =>
        Math.abs(b.difference ?? Number.MAX_VALUE) - Math.abs(a.difference ?? Number.MAX_VALUE),
    )
    .map((m) => m.mode);
  return {
    rate,
    difference: berceauRate === null ? null : berceauRate - rate,
    modes,
    differing,
  };
}
