import type { SignedInUser } from './scope';

/**
 * Where a viewer sees childminder figures below the statistical-secrecy threshold as they are,
 * as one string that SQL reads too (`childminders_exact`, migration 019) and that caches can key
 * on: `'*'` everywhere (administrators: they import the very rows), `''` nowhere (the public,
 * always), else the space-separated tokens of the territories a planner or reviewer works on
 * (`d:<département>`, `e:<EPCI>`, `t:<EPT>`, `c:<commune>`), sorted. An EPT scope adds the
 * tokens of its member communes (`c:`): the rule reaches them, and no wider territory.
 */
export type ExactRule = string;

export const EXACT_NOWHERE: ExactRule = '';
export const EXACT_EVERYWHERE: ExactRule = '*';

const PREFIX = { departement: 'd', epci: 'e', ept: 't', commune: 'c' } as const;

/** The rule of a signed-in user (null: the public). */
export function exactRuleOf(
  user: Pick<SignedInUser, 'role' | 'territories' | 'eptCommunes'> | null,
): ExactRule {
  if (!user) return EXACT_NOWHERE;
  if (user.role === 'admin') return EXACT_EVERYWHERE;
  const tokens = user.territories.flatMap((t) => [
    `${PREFIX[t.level]}:${t.code}`,
    ...(t.level === 'ept' ? (user.eptCommunes?.[t.code] ?? []).map((c) => `c:${c}`) : []),
  ]);
  return [...new Set(tokens)].sort().join(' ');
}

/** A territory (or a site in a commune) whose childminder figures are asked about. */
export interface ExactPlace {
  level: 'commune' | 'epci' | 'ept' | 'departement';
  code: string;
  /** The commune's EPCI; for an EPCI, unused. */
  epci_code?: string | null;
  /** The commune's département, or the EPCI's seat's. */
  departement_code?: string | null;
}

/**
 * Whether `rule` shows `place` exactly: a commune when the rule names it, its EPCI or its
 * département; an EPCI when it names it or its seat's département; a département when it names
 * it; an EPT when it names it (an EPT scope; its communes by their own tokens). A territory
 * merely touching the user's is not covered: its figures describe people elsewhere. The same
 * rule as SQL's `childminders_exact` (migrations 019 and 023).
 */
export function exactCovers(rule: ExactRule, place: ExactPlace): boolean {
  if (rule === EXACT_EVERYWHERE) return true;
  if (rule === EXACT_NOWHERE) return false;
  const tokens = new Set(rule.split(' '));
  const has = (prefix: string, code: string | null | undefined) =>
    code != null && tokens.has(`${prefix}:${code}`);
  switch (place.level) {
    case 'commune':
      return has('c', place.code) || has('e', place.epci_code) || has('d', place.departement_code);
    case 'epci':
      return has('e', place.code) || has('d', place.departement_code);
    case 'departement':
      return has('d', place.code);
    case 'ept':
      // An EPT may cross a département line: only its own scope (or an admin) covers it.
      return has('t', place.code);
  }
}

/** Whether a viewer with `rule` sees any exact figure at all (its answers are then private). */
export function seesAnyExact(rule: ExactRule): boolean {
  return rule !== EXACT_NOWHERE;
}
