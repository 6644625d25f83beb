import type { ScenarioBody, SiteSelectionAnswer } from '../api/types';

/**
 * A what-if scenario as the address bar keeps it: `#scenario=<JSON>` in the link's hash (the
 * query is the shared state's, rewritten by useUrlState), so that a link shares it whole.
 */
export type ScenarioSpec = Pick<ScenarioBody, 'name' | 'changes'>;

const PREFIX = '#scenario=';

export function scenarioHash(spec: ScenarioSpec): string {
  return `${PREFIX}${encodeURIComponent(JSON.stringify(spec))}`;
}

/** The scenario of a hash; null when there is none or it cannot be read. */
export function scenarioFromHash(hash: string): ScenarioSpec | null {
  if (!hash.startsWith(PREFIX)) return null;
  try {
    const value = JSON.parse(decodeURIComponent(hash.slice(PREFIX.length)));
    if (typeof value?.name !== 'string' || !Array.isArray(value.changes)) return null;
    return { name: value.name, changes: value.changes };
  } catch {
    return null;
  }
}

/** The optimiser's new sites as a scenario: a MAM of `places` children at each. */
export function scenarioOfSelection(answer: SiteSelectionAnswer, places = 16): ScenarioSpec {
  return {
    name: `${answer.sites.length} MAM à ${answer.minutes} min (${answer.model.toUpperCase()})`,
    changes: answer.sites.map((s) => ({
      op: 'add' as const,
      kind: 'mam' as const,
      lon: s.lon,
      lat: s.lat,
      places,
    })),
  };
}
