import { describe, expect, it } from 'vitest';
import { resolveSupplyColumns } from './supply-schema';

const SSD = [
  'geo_point_2d',
  'nom',
  'type_daccueil',
  'nbr_place',
  'gestionnaire',
  'adresse',
  'ville',
  'code_insee',
];

describe('columns of supply lists', () => {
  it('recognises the Seine-Saint-Denis EAJE export without a mapping file', () => {
    const r = resolveSupplyColumns('eaje', SSD, null);
    expect(r).toEqual({
      ok: true,
      value: {
        schema: 'Seine-Saint-Denis, liste des EAJE (Opendatasoft)',
        columns: {
          geo_point: 'geo_point_2d',
          nom: 'nom',
          type: 'type_daccueil',
          places: 'nbr_place',
          gestionnaire: 'gestionnaire',
          adresse: 'adresse',
          code_insee: 'code_insee',
        },
      },
    });
  });

  it('reads the canonical columns and their usual spellings', () => {
    const r = resolveSupplyColumns(
      'childminders',
      ['ID', 'Code_INSEE', 'places_agrement', 'actif', 'Latitude', 'Longitude'],
      null,
    );
    expect(r.ok && r.value.columns).toEqual({
      id: 'ID',
      code_insee: 'Code_INSEE',
      places_agrement: 'places_agrement',
      actif: 'actif',
      lat: 'Latitude',
      lon: 'Longitude',
    });
  });

  it('names the missing required fields of an unknown file', () => {
    expect(resolveSupplyColumns('mams', ['nom', 'commune'], null)).toEqual({
      ok: false,
      reason:
        'unrecognised columns: missing places, nb_assistants, code_insee (schema "Berceau (colonnes canoniques)"; file has nom, commune). Rename the columns or give a mapping file (--mapping) — see docs/data.md',
    });
  });

  it('refuses a mapping to an unknown field or from a column the file does not have', () => {
    expect(resolveSupplyColumns('eaje', ['Nom'], { Nom: 'name' })).toEqual({
      ok: false,
      reason:
        'mapping: "name" is not a field of eaje (fields: id, nom, type, financement, places, gestionnaire, type_gestionnaire, adresse, code_insee, lat, lon, geo_point, ouverture, fermeture)',
    });
    expect(resolveSupplyColumns('eaje', ['Nom'], { Capacité: 'places' })).toEqual({
      ok: false,
      reason: 'mapping: column "Capacité" is not in the file',
    });
  });
});
