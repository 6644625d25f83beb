import { describe, expect, it } from 'vitest';
import { ref } from 'vue';
import type { SearchEntry } from '../lib/search';
import { useSearch } from './useSearch';

describe('useSearch', () => {
  it('recomputes results when the query or the entries change', () => {
    const entries = ref<SearchEntry[]>([{ level: 'commune', code: '18279', name: 'Vierzon' }]);
    const { query, results } = useSearch(entries);
    query.value = 'VIER';
    expect(results.value.map((r) => r.name)).toEqual(['Vierzon']);
    entries.value = [
      ...entries.value,
      { level: 'epci', code: '200000001', name: 'CC Vierzon-Sologne-Berry' },
    ];
    expect(results.value.map((r) => r.name)).toEqual(['Vierzon', 'CC Vierzon-Sologne-Berry']);
  });
});
