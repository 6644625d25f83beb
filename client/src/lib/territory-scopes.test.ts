import { describe, expect, it } from 'vitest';
import { formatTerritoryScopes, parseTerritoryScopes } from './territory-scopes';

describe('territory scopes typed by an admin', () => {
  it('reads a list of level:code and writes it back', () => {
    const scopes = parseTerritoryScopes('departement:18, epci:200000001 commune:2A004');
    expect(scopes).toEqual([
      { level: 'departement', code: '18' },
      { level: 'epci', code: '200000001' },
      { level: 'commune', code: '2A004' },
    ]);
    expect(formatTerritoryScopes(scopes as never)).toBe(
      'departement:18, epci:200000001, commune:2A004',
    );
  });

  it('names the piece it cannot read', () => {
    expect(parseTerritoryScopes('region:24')).toEqual({
      problem: expect.stringMatching(/^« region:24 » : écrivez niveau:code/),
    });
    expect(parseTerritoryScopes('18')).toHaveProperty('problem');
  });
});
