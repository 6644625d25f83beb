import { describe, expect, it } from 'vitest';
import {
  checkCommuneCode,
  departementOfCommune,
  normaliseCommuneCode,
  retiredReason,
  type CommuneReference,
} from './commune-codes';
import { buildTerritoryReference, referenceRows, type CogData } from './reference';

/** A slice of the COG: Baugy (18023) absorbed 18123 and 18239 in 2019; Marseille's 1st arrondissement. */
const cog: CogData = {
  communes: [
    {
      code: '18023',
      nom: 'Baugy',
      type: 'commune-actuelle',
      departement: '18',
      population: 1598,
      anciensCodes: ['18123', '18239'],
    },
    { code: '18123', nom: 'Laverdines', type: 'commune-deleguee', chefLieu: '18023' },
    {
      code: '18033',
      nom: 'Bourges',
      type: 'commune-actuelle',
      departement: '18',
      population: 64186,
    },
    {
      code: '2A004',
      nom: 'Ajaccio',
      type: 'commune-actuelle',
      departement: '2A',
      population: 75000,
    },
    {
      code: '13055',
      nom: 'Marseille',
      type: 'commune-actuelle',
      departement: '13',
      population: 870000,
    },
    {
      code: '13201',
      nom: 'Marseille 1er Arrondissement',
      type: 'arrondissement-municipal',
      commune: '13055',
    },
  ],
  epci: [
    { code: '241800507', nom: 'CA Bourges Plus', type: 'CA', membres: [{ code: '18033' }] },
    {
      code: '200054807',
      nom: 'Métropole d’Aix-Marseille-Provence',
      type: 'METRO',
      membres: [{ code: '13055' }],
    },
  ],
  departements: [
    { code: '18', nom: 'Cher', chefLieu: '18033' },
    { code: '13', nom: 'Bouches-du-Rhône', chefLieu: '13055' },
    { code: '2A', nom: 'Corse-du-Sud', chefLieu: '2A004' },
  ],
  label: 'COG test',
  populationYear: 2023,
};
const ref = buildTerritoryReference(cog);
const communes: CommuneReference = ref.communes;

describe('INSEE commune codes', () => {
  it('restores the leading zero a spreadsheet dropped, and says so', () => {
    expect(normaliseCommuneCode('1001')).toEqual({
      code: '01001',
      note: 'leading zero restored (1001 → 01001)',
    });
    expect(normaliseCommuneCode(' 2a004 ')).toEqual({ code: '2A004' });
    expect(normaliseCommuneCode('Bourges')).toEqual({
      error: 'not an INSEE commune code (5 characters, e.g. 18033 or 2A004)',
    });
  });

  it('knows the département of Corsican and overseas codes', () => {
    expect([
      departementOfCommune('2A004'),
      departementOfCommune('97411'),
      departementOfCommune('18033'),
    ]).toEqual(['2A', '974', '18']);
  });

  it('names the current commune of a retired code (merger, municipal arrondissement)', () => {
    const merged = checkCommuneCode('18239', communes);
    expect(merged).toEqual({ status: 'retired', code: '18239', current: ['18023'] });
    expect(retiredReason(merged as { code: string; current: readonly string[] }, communes)).toBe(
      'retired INSEE code 18239: now 18023 Baugy (COG test)',
    );
    expect(checkCommuneCode('13201', communes)).toEqual({
      status: 'retired',
      code: '13201',
      current: ['13055'],
    });
    expect(checkCommuneCode('18999', communes)).toEqual({ status: 'unknown', code: '18999' });
  });

  it('maps EPCI types to ours and finds the reference rows of one département', () => {
    expect(ref.epcis.get('200054807')).toEqual({
      name: 'Métropole d’Aix-Marseille-Provence',
      kind: 'MET',
      departementCode: '13',
    });
    const rows = referenceRows(cog, ref, '18');
    expect(rows.communes.map((c) => [c.code, c.epciCode, c.population])).toEqual([
      ['18023', null, 1598],
      ['18033', '241800507', 64186],
    ]);
    expect(rows.history).toEqual([
      { oldCode: '18123', communeCode: '18023', oldName: 'Laverdines' },
      { oldCode: '18239', communeCode: '18023', oldName: null },
    ]);
    expect(() => referenceRows(cog, ref, '99')).toThrow('Unknown département "99" in COG test');
  });
});
