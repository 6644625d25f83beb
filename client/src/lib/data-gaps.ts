/**
 * What a loaded territory lacks, from the datasets behind the figures shown. A real département
 * imported with its outlines only has no children under 3 (rates "n.d.") and no supply list:
 * its places then read 0, which must not be taken for "no place here".
 */
export interface DataGaps {
  /** No INSEE children-under-3 file: rates cannot be computed. */
  population: boolean;
  /** No EAJE, childminder or home-care/preschool list: places read 0 for want of data. */
  supply: boolean;
}

/**
 * Dataset kinds that bring places (see the `dataset.kind` check in sql/migrations). Not `mam`:
 * a MAM's places are its assistants maternels' agreement places, counted from the childminder
 * list (docs/coverage.md), so a MAM list alone adds none.
 */
const PLACE_KINDS: readonly string[] = ['eaje', 'childminders', 'supply_counts'];

/** The gaps of the datasets shown; null while they are not known (nothing to warn about yet). */
export function dataGaps(datasets: readonly { kind: string }[] | null): DataGaps | null {
  if (!datasets || datasets.length === 0) return null;
  const kinds = new Set(datasets.map((d) => d.kind));
  const gaps = {
    population: !kinds.has('population'),
    supply: !PLACE_KINDS.some((k) => kinds.has(k)),
  };
  return gaps.population || gaps.supply ? gaps : null;
}
