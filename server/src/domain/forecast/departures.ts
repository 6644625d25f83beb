import { DEFAULT_AM_UNDER3_SHARE } from '../coverage';
import { frNumber, frPercent } from './format';
import type { ForecastWarning } from './types';

/**
 * Departures of childminders (assistants maternels, AM) from their ages, by a simple documented
 * rule: an active AM leaves in the year she reaches `retirementAge`, and her agreement places
 * leave the supply from that year on. AM with no known age are counted apart, never guessed.
 * Output is aggregate (counts and places per year): no person appears in it.
 */

/** One active AM, as much of her as the rule needs. */
export interface ActiveChildminder {
  /** Year of birth, when the file gives it (wins over `age`). */
  birthYear?: number | null;
  /** Age in completed years in `agesAsOfYear`, when the file gives an age instead. */
  age?: number | null;
  /** Agreement places (agrément), 1 to 6. */
  agreementPlaces: number;
  /** Works in a MAM: her places leave `placesAmMam` rather than `placesAmHome`. */
  inMam?: boolean;
}

export interface DeparturesInput {
  /** The year of the list of active AM ("now", given). */
  baseYear: number;
  childminders: readonly ActiveChildminder[];
  /** The year the ages were recorded (the file's vintage); needed when a row gives `age`. */
  agesAsOfYear?: number;
}

export interface DeparturesOptions {
  /**
   * Age at which an AM is taken to stop (default 63): the average age at which women in France
   * take their pension was 63 in 2021 (PLFSS, programme de qualité et d'efficience "Retraites",
   * indicator 1-8; 62 years 8 months for everyone at the end of 2022, DREES). See docs/forecasts.md.
   */
  retirementAge?: number;
  /** Years after the base year to project (default 5). */
  horizonYears?: number;
  /** Share of AM places used by children under 3 (default 0.81, as in the coverage rate). */
  amUnder3Share?: number;
}

export const DEFAULT_RETIREMENT_AGE = 63;
export const DEFAULT_DEPARTURE_HORIZON_YEARS = 5;

/** Count of AM and their agreement places. */
export interface ChildminderTally {
  count: number;
  agreementPlaces: number;
}

/** Departures of one projected year. */
export interface DeparturesYear {
  year: number;
  departures: number;
  agreementPlacesLost: number;
  /** Agreement places × the under-3 share: what the coverage rate loses. */
  under3PlacesLost: number;
  /** Of which AM working in a MAM. */
  mam: ChildminderTally;
  /** From the first projected year to this one, included. */
  cumulative: {
    departures: number;
    agreementPlacesLost: number;
    under3PlacesLost: number;
    homeAgreementPlacesLost: number;
    mamAgreementPlacesLost: number;
  };
}

export interface ChildminderDepartures {
  kind: 'projection';
  quantity: 'childminder_departures';
  baseYear: number;
  retirementAge: number;
  amUnder3Share: number;
  active: ChildminderTally;
  knownAge: ChildminderTally;
  /** AM whose age the file does not give: not projected, said. */
  unknownAge: ChildminderTally;
  /** Still active at or past the retirement age in the base year: counted as leaving next year. */
  atOrPastRetirementAge: ChildminderTally;
  years: DeparturesYear[];
  warnings: ForecastWarning[];
  methodText: string;
}

/** Projects the departures of active AM per year, from the base year + 1 to + `horizonYears`. */
export function projectChildminderDepartures(
  input: DeparturesInput,
  options: DeparturesOptions = {},
): ChildminderDepartures {
  const retirementAge = options.retirementAge ?? DEFAULT_RETIREMENT_AGE;
  const horizonYears = options.horizonYears ?? DEFAULT_DEPARTURE_HORIZON_YEARS;
  const share = options.amUnder3Share ?? DEFAULT_AM_UNDER3_SHARE;
  const { baseYear, agesAsOfYear } = input;
  const bad = (what: string, rule: string, got: unknown) =>
    new RangeError(`Invalid departures ${what} ${rule} (got ${String(got)})`);
  if (!Number.isInteger(baseYear)) throw bad('input: baseYear', 'must be an integer', baseYear);
  if (!Number.isInteger(retirementAge) || retirementAge < 50 || retirementAge > 80)
    throw bad('option: retirementAge', 'must be an integer from 50 to 80', retirementAge);
  if (!Number.isInteger(horizonYears) || horizonYears < 1)
    throw bad('option: horizonYears', 'must be an integer >= 1', horizonYears);
  if (!(share >= 0 && share <= 1))
    throw bad('option: amUnder3Share', 'must be a number from 0 to 1', share);
  if (agesAsOfYear !== undefined && !Number.isInteger(agesAsOfYear))
    throw bad('input: agesAsOfYear', 'must be an integer', agesAsOfYear);
  if (!Array.isArray(input.childminders))
    throw bad('input: childminders', 'must be a list', input.childminders);

  const tally = (): ChildminderTally => ({ count: 0, agreementPlaces: 0 });
  const active = tally();
  const knownAge = tally();
  const unknownAge = tally();
  const past = tally();
  const lastYear = baseYear + horizonYears;
  const byYear = new Map<number, { home: ChildminderTally; mam: ChildminderTally }>();
  for (let y = baseYear + 1; y <= lastYear; y++) byYear.set(y, { home: tally(), mam: tally() });

  input.childminders.forEach((am, i) => {
    const where = `input: childminders[${i}]`;
    const places = am?.agreementPlaces;
    if (!Number.isInteger(places) || places < 1 || places > 6)
      throw bad(`${where}.agreementPlaces`, 'must be an integer from 1 to 6', places);
    add(active, places);
    const birthYear = birthYearOf(am, where, baseYear, agesAsOfYear, bad);
    if (birthYear === null) {
      add(unknownAge, places);
      return;
    }
    add(knownAge, places);
    // She leaves in the year she reaches the age; if that is already past, next year.
    let leaves = birthYear + retirementAge;
    if (leaves <= baseYear) {
      add(past, places);
      leaves = baseYear + 1;
    }
    const slot = byYear.get(leaves);
    if (slot) add(am.inMam ? slot.mam : slot.home, places);
  });

  const cumulative = {
    departures: 0,
    agreementPlacesLost: 0,
    under3PlacesLost: 0,
    homeAgreementPlacesLost: 0,
    mamAgreementPlacesLost: 0,
  };
  const years: DeparturesYear[] = [...byYear].map(([year, { home, mam }]) => {
    const departures = home.count + mam.count;
    const agreementPlacesLost = home.agreementPlaces + mam.agreementPlaces;
    cumulative.departures += departures;
    cumulative.agreementPlacesLost += agreementPlacesLost;
    cumulative.under3PlacesLost += agreementPlacesLost * share;
    cumulative.homeAgreementPlacesLost += home.agreementPlaces;
    cumulative.mamAgreementPlacesLost += mam.agreementPlaces;
    return {
      year,
      departures,
      agreementPlacesLost,
      under3PlacesLost: agreementPlacesLost * share,
      mam: { ...mam },
      cumulative: { ...cumulative },
    };
  });

  const warnings: ForecastWarning[] = [];
  if (unknownAge.count > 0)
    warnings.push({
      code: 'unknown_age',
      message: `${frNumber(unknownAge.count)} assistante${unknownAge.count > 1 ? 's' : ''} maternelle${unknownAge.count > 1 ? 's' : ''} sur ${frNumber(active.count)} (${frNumber(unknownAge.agreementPlaces)} places d’agrément) sans âge connu : leurs départs ne sont pas projetés, les pertes sont donc sous-estimées.`,
    });
  if (past.count > 0)
    warnings.push({
      code: 'past_retirement_age',
      message: `${frNumber(past.count)} assistante${past.count > 1 ? 's' : ''} maternelle${past.count > 1 ? 's' : ''} encore en activité à ${retirementAge} ans ou plus en ${baseYear} : comptée${past.count > 1 ? 's' : ''} comme partant en ${baseYear + 1}.`,
    });

  const unknownText =
    unknownAge.count > 0 ? ` ; ${frNumber(unknownAge.count)} AM d’âge inconnu non projetées` : '';
  return {
    kind: 'projection',
    quantity: 'childminder_departures',
    baseYear,
    retirementAge,
    amUnder3Share: share,
    active,
    knownAge,
    unknownAge,
    atOrPastRetirementAge: past,
    years,
    warnings,
    methodText: `Projection : départ de chaque assistante maternelle l’année de ses ${retirementAge} ans, places d’agrément comptées à ${frPercent(share)} pour les moins de 3 ans${unknownText}`,
  };
}

function add(t: ChildminderTally, places: number): void {
  t.count += 1;
  t.agreementPlaces += places;
}

/** Her year of birth, from `birthYear` or from `age` in `agesAsOfYear`; null when unknown. */
function birthYearOf(
  am: ActiveChildminder,
  where: string,
  baseYear: number,
  agesAsOfYear: number | undefined,
  bad: (what: string, rule: string, got: unknown) => RangeError,
): number | null {
  if (am.birthYear !== undefined && am.birthYear !== null) {
    // An agreement needs an adult; nobody works past 100.
    if (
      !Number.isInteger(am.birthYear) ||
      am.birthYear > baseYear - 16 ||
      am.birthYear < baseYear - 100
    )
      throw bad(
        `${where}.birthYear`,
        `must be an integer from ${baseYear - 100} to ${baseYear - 16}`,
        am.birthYear,
      );
    return am.birthYear;
  }
  if (am.age !== undefined && am.age !== null) {
    if (!Number.isInteger(am.age) || am.age < 16 || am.age > 100)
      throw bad(`${where}.age`, 'must be an integer from 16 to 100', am.age);
    if (agesAsOfYear === undefined)
      throw bad('input: agesAsOfYear', 'is needed when a childminder has an age', agesAsOfYear);
    // Born in agesAsOfYear − age or the year before: the later year, she reaches the age then.
    return agesAsOfYear - am.age;
  }
  return null;
}
