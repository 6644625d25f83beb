/**
 * Raw supply of one territory for one year: the places of each mode of care, as counted by the
 * SQL that gathers them (one row per commune and year). Places are counts of authorised places
 * at a given moment, not children cared for. AM places are agreement places (agrément) of
 * ACTIVE childminders only; the under-3 share is applied by `coverage()`, not here.
 */
export interface SupplyInput {
  /** EAJE places financed by the PSU (prestation de service unique). */
  placesEajePsu: number;
  /** EAJE places outside the PSU (mostly micro-crèches financed through PAJE / CMG). */
  placesEajeHorsPsu: number;
  /** Agreement places of active AM (assistant·e·s maternel·le·s) not working in a MAM. */
  placesAmHome: number;
  /**
   * Agreement places of active AM working in a MAM. MAM places are AM places: they are counted
   * once, here, and never again as a separate MAM capacity.
   */
  placesAmMam: number;
  /** Garde à domicile (a carer employed at the family's home). */
  placesHomeCare: number;
  /** Préscolarisation: 2-year-olds at école maternelle. */
  placesPreschool: number;
}

/** Supply and demand of one territory for one year. */
export interface CoverageInput extends SupplyInput {
  /**
   * Children under 3 (INSEE population aged 0-2, e.g. census `P21_POP0002`; may be fractional,
   * INSEE counts are weighted). `null` = no population data, which is not the same as 0.
   */
  childrenUnder3: number | null;
}

/** The place fields of a `SupplyInput`, in a fixed order. */
export const SUPPLY_FIELDS = [
  'placesEajePsu',
  'placesEajeHorsPsu',
  'placesAmHome',
  'placesAmMam',
  'placesHomeCare',
  'placesPreschool',
] as const satisfies readonly (keyof SupplyInput)[];

/** What is wrong with one field of a `CoverageInput`. */
export interface CoverageInputProblem {
  field: keyof CoverageInput;
  message: string;
}

/**
 * Every problem with an input (empty when it is valid): places are finite numbers >= 0;
 * children are null or a finite number >= 0. Fractional values are allowed (weighted INSEE
 * populations, sums of estimates).
 */
export function coverageInputProblems(input: CoverageInput): CoverageInputProblem[] {
  const problems: CoverageInputProblem[] = [];
  for (const field of SUPPLY_FIELDS) {
    if (!isCount(input[field]))
      problems.push({
        field,
        message: `must be a finite number >= 0 (got ${String(input[field])})`,
      });
  }
  const children = input.childrenUnder3;
  if (children !== null && !isCount(children)) {
    problems.push({
      field: 'childrenUnder3',
      message: `must be null or a finite number >= 0 (got ${String(children)})`,
    });
  }
  return problems;
}

/** Throws a RangeError naming every bad field; `where` says which input (e.g. "input #3"). */
export function assertValidInput(input: CoverageInput, where = 'coverage input'): void {
  const problems = coverageInputProblems(input);
  if (problems.length > 0) {
    throw new RangeError(
      `Invalid ${where}: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`,
    );
  }
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0;
}
