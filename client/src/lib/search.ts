/**
 * Accent- and case-insensitive search over territory names: "vierzon" finds "Vierzon",
 * "coeur de france" finds "Communauté de communes Cœur de France", "st amand" finds
 * "Saint-Amand-Montrond".
 */
export interface SearchEntry {
  level: 'commune' | 'epci' | 'ept' | 'departement';
  code: string;
  name: string;
}

export interface SearchResult extends SearchEntry {
  score: number;
}

const LIGATURES: Record<string, string> = { œ: 'oe', Œ: 'oe', æ: 'ae', Æ: 'ae', ß: 'ss' };

/**
 * Lower case, accents and ligatures removed, punctuation (hyphens, apostrophes) turned into
 * spaces, "saint"/"sainte" abbreviated the way people type them ("st", "ste").
 */
export function normalizeName(s: string): string {
  return s
    .replace(/[œŒæÆß]/g, (c) => LIGATURES[c])
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\b(saint|sainte)\b/g, (w) => (w === 'saint' ? 'st' : 'ste'))
    .trim();
}

export interface SearchIndex {
  entries: { entry: SearchEntry; key: string; words: string[] }[];
}

export function buildSearchIndex(entries: SearchEntry[]): SearchIndex {
  return {
    entries: entries.map((entry) => {
      const key = normalizeName(entry.name);
      return { entry, key, words: key.split(' ') };
    }),
  };
}

/**
 * Matches, best first: the whole name (100), the start of the name (80), the start of a word
 * (60), every query word starting a word of the name (50), anywhere (30); an exact code (90).
 * Ties: EPCI before communes, then shorter names, then alphabetical.
 */
export function searchTerritories(index: SearchIndex, query: string, limit = 10): SearchResult[] {
  const q = normalizeName(query);
  if (q === '') return [];
  const qWords = q.split(' ');
  const results: SearchResult[] = [];
  for (const { entry, key, words } of index.entries) {
    let score = 0;
    if (key === q) score = 100;
    else if (entry.code.toLowerCase() === query.trim().toLowerCase()) score = 90;
    else if (key.startsWith(q)) score = 80;
    else if (key.includes(` ${q}`)) score = 60;
    else if (qWords.every((w) => words.some((k) => k.startsWith(w)))) score = 50;
    else if (key.includes(q)) score = 30;
    if (score > 0) results.push({ ...entry, score });
  }
  const levelRank = { departement: 0, epci: 1, ept: 2, commune: 3 };
  results.sort(
    (a, b) =>
      b.score - a.score ||
      levelRank[a.level] - levelRank[b.level] ||
      a.name.length - b.name.length ||
      a.name.localeCompare(b.name, 'fr'),
  );
  return results.slice(0, limit);
}
