import { defineStore } from 'pinia';
import { DEFAULT_STATE, type SharedState } from '../lib/url-state';

/**
 * What several screens share: the département shown, the year, the reference of the gap classes
 * and the selected territory (the signed-in user will join them). Every screen reads and writes
 * them here rather than through props; `useUrlState` mirrors them in the address bar.
 */
export const useDashboardStore = defineStore('dashboard', {
  state: (): SharedState => ({
    departement: DEFAULT_STATE.departement,
    year: DEFAULT_STATE.year,
    reference: DEFAULT_STATE.reference,
    selected: DEFAULT_STATE.selected,
  }),
});
