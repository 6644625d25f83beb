/**
 * Statistical secrecy for childminders (assistants maternels): which territories' childminder
 * figures a public view must withhold. A childminder is a person; a territory where one or two
 * of them work publishes, through its count, places, MAM membership and history, figures about
 * those people. Official statistics never publish such a count: they merge it or write
 * "moins de N". See docs/coverage.md, "Statistical secrecy".
 *
 * Two rules, applied to each year on its own:
 * - **primary**: a territory with between 1 and threshold − 1 active childminders (all of them,
 *   or those working at home) is secret. Zero is published: it describes no one, and a zone
 *   blanche must show;
 * - **complementary**: a public territory's figure minus its public members' figures gives the
 *   sum of its secret members. When that sum, for either count, is itself between 1 and
 *   threshold − 1, the public member with the fewest childminders is made secret too, until
 *   the sum is 0 or at least the threshold. Repeated over every parent until nothing changes.
 */

/** INSEE's frequency rule: no figure is published on fewer than 3 units. */
export const DEFAULT_SECRECY_THRESHOLD = 3;

/** A territory for one year, with the counts its public figures are made of. */
export interface SecrecyArea {
  /** Unique among the areas given, e.g. `commune|18033`. */
  id: string;
  /**
   * The level (`commune`, `epci`…): a parent's members are summed level by level, since its
   * communes and its EPCI each add up to it on their own.
   */
  level: string;
  /** Active childminders working there that year, at home and in a MAM. */
  childminders: number;
  /** Of them, those working at home (their figures are nowhere else public). */
  childmindersAtHome: number;
  /**
   * The areas whose figure sums this one's with others (a commune's EPCI and département, an
   * EPCI's département), by id; ids of areas not given are ignored.
   */
  parents: readonly string[];
}

/** Why an area's childminder figures are withheld. */
export type SecrecyReason = 'small' | 'complementary';

/**
 * The areas whose childminder figures a public view withholds, with the reason: `small` (fewer
 * than `threshold`: shown as "moins de N") or `complementary` (withheld so that a small
 * neighbour cannot be found by subtraction). Areas not in the map are public.
 * Throws RangeError on a threshold below 1 or a negative or fractional count.
 */
export function secretAreas(
  areas: readonly SecrecyArea[],
  threshold: number = DEFAULT_SECRECY_THRESHOLD,
): Map<string, SecrecyReason> {
  if (!Number.isInteger(threshold) || threshold < 1) {
    throw new RangeError(`secrecy threshold must be a whole number ≥ 1, got ${threshold}`);
  }
  for (const a of areas) {
    for (const n of [a.childminders, a.childmindersAtHome]) {
      if (!Number.isInteger(n) || n < 0) {
        throw new RangeError(`childminder counts of ${a.id} must be whole numbers ≥ 0, got ${n}`);
      }
    }
  }
  const isSmall = (n: number) => n >= 1 && n < threshold;
  const counts = (a: SecrecyArea) => [a.childminders, a.childmindersAtHome];

  const secret = new Map<string, SecrecyReason>();
  for (const a of areas) if (counts(a).some(isSmall)) secret.set(a.id, 'small');
  if (secret.size === 0) return secret;

  const byId = new Map(areas.map((a) => [a.id, a]));
  // Per parent and member level: the members that add up to the parent.
  const members = new Map<string, { parentId: string; list: SecrecyArea[] }>();
  for (const a of areas) {
    for (const p of a.parents) {
      if (!byId.has(p)) continue;
      const key = `${p}\u0000${a.level}`;
      const group = members.get(key) ?? { parentId: p, list: [] };
      group.list.push(a);
      members.set(key, group);
    }
  }

  let changed = true;
  while (changed) {
    changed = false;
    for (const { parentId, list } of members.values()) {
      if (secret.has(parentId)) continue; // nothing is subtracted from a withheld figure
      for (let k = 0; k < 2; k++) {
        const residual = () =>
          list.filter((m) => secret.has(m.id)).reduce((s, m) => s + counts(m)[k], 0);
        while (isSmall(residual())) {
          const candidate = list
            .filter((m) => !secret.has(m.id) && counts(m)[k] > 0)
            .sort((a, b) => counts(a)[k] - counts(b)[k] || (a.id < b.id ? -1 : 1))[0];
          if (!candidate) break; // the members do not add up to the parent: nothing to subtract
          secret.set(candidate.id, 'complementary');
          changed = true;
        }
      }
    }
  }
  return secret;
}
