import type { SessionUser } from '../stores/session';

type Scope = SessionUser['territories'][number];
const LEVELS = new Set(['departement', 'epci', 'ept', 'commune']);

/** `departement:18, epci:200000001, ept:200057867` → scopes; the first bad piece named in French otherwise. */
export function parseTerritoryScopes(text: string): Scope[] | { problem: string } {
  const scopes: Scope[] = [];
  for (const piece of text.split(/[,\s]+/).filter(Boolean)) {
    const [level, code, ...rest] = piece.split(':');
    if (!LEVELS.has(level) || !code || rest.length > 0 || !/^[0-9A-Z]{2,9}$/.test(code)) {
      return {
        problem: `« ${piece} » : écrivez niveau:code, par exemple departement:18, epci:200000001, ept:200057867 ou commune:18033`,
      };
    }
    scopes.push({ level: level as Scope['level'], code });
  }
  return scopes;
}

export function formatTerritoryScopes(scopes: readonly Scope[]): string {
  return scopes.map((s) => `${s.level}:${s.code}`).join(', ');
}
