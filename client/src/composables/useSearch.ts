import { computed, ref, type Ref } from 'vue';
import { buildSearchIndex, searchTerritories, type SearchEntry } from '../lib/search';

/** Search over the loaded territory names (lib/search.ts), recomputed as the query changes. */
export function useSearch(entries: Ref<SearchEntry[]>, limit = 8) {
  const query = ref('');
  const index = computed(() => buildSearchIndex(entries.value));
  const results = computed(() => searchTerritories(index.value, query.value, limit));
  return { query, results };
}
