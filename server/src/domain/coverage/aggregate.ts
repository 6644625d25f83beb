import { assertValidInput, SUPPLY_FIELDS, type CoverageInput } from './inputs';

/** The sum of several territories' inputs, with how complete its population is. */
export interface AggregatedInput extends CoverageInput {
  /** How many inputs were summed. */
  parts: number;
  /**
   * How many of them had no population data (`childrenUnder3: null`). Their places are in the
   * sum but their children are not, so when this is > 0 and < parts the rate is overstated:
   * show it next to the rate.
   */
  partsWithoutPopulation: number;
}

/**
 * The inputs of a larger territory (EPCI, département, region) from those of its parts
 * (usually communes): places and children are SUMMED, mode by mode. Rates are never averaged:
 * the rate of the whole is computed afterwards by `coverage()` from these sums, so every child
 * weighs the same wherever it lives (see docs/coverage.md for a worked example).
 *
 * Children are null only when every part is null (or there is no part); otherwise the known
 * children are summed and `partsWithoutPopulation` says how many parts were missing.
 * Throws a RangeError if a part is invalid (see `coverageInputProblems`).
 */
export function sumInputs(inputs: CoverageInput[]): AggregatedInput {
  const sum: AggregatedInput = {
    placesEajePsu: 0,
    placesEajeHorsPsu: 0,
    placesAmHome: 0,
    placesAmMam: 0,
    placesHomeCare: 0,
    placesPreschool: 0,
    childrenUnder3: null,
    parts: inputs.length,
    partsWithoutPopulation: 0,
  };
  inputs.forEach((input, i) => {
    assertValidInput(input, `input #${i}`);
    for (const field of SUPPLY_FIELDS) sum[field] += input[field];
    if (input.childrenUnder3 === null) sum.partsWithoutPopulation++;
    else sum.childrenUnder3 = (sum.childrenUnder3 ?? 0) + input.childrenUnder3;
  });
  return sum;
}
