/**
 * Column schemas of supply lists (EAJE, MAM, childminders): the canonical Berceau columns,
 * the known public schemas recognised automatically, and user mapping files
 * (`{ "column in file": "canonical field" }`). Pure.
 */
import { findColumn } from './table';

export type SupplyKind = 'eaje' | 'mams' | 'childminders';

/** Canonical fields of each kind (the documented CSV schema, docs/data.md). */
export const CANONICAL_FIELDS: Record<SupplyKind, readonly string[]> = {
  eaje: [
    'id',
    'nom',
    'type',
    'financement',
    'places',
    'gestionnaire',
    'type_gestionnaire',
    'adresse',
    'code_insee',
    'lat',
    'lon',
    'geo_point',
    'ouverture',
    'fermeture',
  ],
  mams: [
    'id',
    'nom',
    'places',
    'nb_assistants',
    'adresse',
    'code_insee',
    'lat',
    'lon',
    'geo_point',
    'ouverture',
    'fermeture',
  ],
  childminders: [
    'id',
    'code_insee',
    'places_agrement',
    'actif',
    'mam_id',
    'lat',
    'lon',
    'debut',
    'fin',
    'annee_naissance',
    'creche_familiale',
  ],
};

const REQUIRED: Record<SupplyKind, readonly string[]> = {
  eaje: ['nom', 'places', 'code_insee'],
  mams: ['nom', 'places', 'nb_assistants', 'code_insee'],
  childminders: ['id', 'code_insee', 'places_agrement'],
};

interface KnownSchema {
  name: string;
  /** Columns whose presence identifies the schema. */
  signature: readonly string[];
  /** canonical field → column in the file. */
  columns: Record<string, string>;
}

/** Public schemas recognised without a mapping file. */
const KNOWN: Record<SupplyKind, readonly KnownSchema[]> = {
  eaje: [
    {
      name: 'Seine-Saint-Denis, liste des EAJE (Opendatasoft)',
      signature: ['geo_point_2d', 'type_daccueil', 'nbr_place', 'code_insee'],
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
  ],
  mams: [],
  childminders: [],
};

/** Extra spellings accepted for the canonical columns (GeoJSON point coordinates included). */
const ALIASES: Record<string, readonly string[]> = {
  lat: ['lat', 'latitude', 'y_wgs84', '_geometry_lat'],
  lon: ['lon', 'lng', 'longitude', 'x_wgs84', '_geometry_lon'],
  code_insee: ['code_insee', 'codeinsee', 'insee', 'codgeo', 'code_commune', 'depcom'],
  places: ['places', 'nb_places', 'capacite'],
  annee_naissance: ['annee_naissance', 'annee_de_naissance', 'naissance', 'birth_year'],
  creche_familiale: ['creche_familiale', 'id_creche_familiale', 'creche_familiale_id'],
};

export interface ResolvedColumns {
  schema: string;
  /** canonical field → column of the file (absent fields are missing). */
  columns: Partial<Record<string, string>>;
}

export type ColumnResolution = { ok: true; value: ResolvedColumns } | { ok: false; reason: string };

/**
 * Match the file's columns: with a mapping file when given, else a known schema, else the
 * canonical column names. Fails naming the missing required fields.
 */
export function resolveSupplyColumns(
  kind: SupplyKind,
  fileColumns: readonly string[],
  mapping: Record<string, string> | null,
): ColumnResolution {
  const canonical = CANONICAL_FIELDS[kind];
  let resolved: ResolvedColumns;
  if (mapping) {
    const columns: Record<string, string> = {};
    for (const [fileColumn, field] of Object.entries(mapping)) {
      if (!canonical.includes(field))
        return {
          ok: false,
          reason: `mapping: "${field}" is not a field of ${kind} (fields: ${canonical.join(', ')})`,
        };
      const found = findColumn(fileColumns, [fileColumn]);
      if (found === null)
        return { ok: false, reason: `mapping: column "${fileColumn}" is not in the file` };
      columns[field] = found;
    }
    // Point coordinates of a GeoJSON file need no mapping.
    for (const f of ['lat', 'lon'] as const) {
      const synthetic = findColumn(fileColumns, [`_geometry_${f}`]);
      if (!columns[f] && synthetic) columns[f] = synthetic;
    }
    resolved = { schema: 'mapping file', columns };
  } else {
    const known = KNOWN[kind].find((s) =>
      s.signature.every((c) => findColumn(fileColumns, [c]) !== null),
    );
    if (known) {
      const columns: Record<string, string> = {};
      for (const [field, c] of Object.entries(known.columns)) {
        const found = findColumn(fileColumns, [c]);
        if (found) columns[field] = found;
      }
      resolved = { schema: known.name, columns };
    } else {
      const columns: Record<string, string> = {};
      for (const field of canonical) {
        const found = findColumn(fileColumns, ALIASES[field] ?? [field]);
        if (found) columns[field] = found;
      }
      resolved = { schema: 'Berceau (colonnes canoniques)', columns };
    }
  }
  const missing = REQUIRED[kind].filter((f) => !resolved.columns[f]);
  if (missing.length > 0) {
    return {
      ok: false,
      reason:
        `unrecognised columns: missing ${missing.join(', ')} (schema "${resolved.schema}"; file has ${fileColumns.join(', ')}). ` +
        'Rename the columns or give a mapping file (--mapping) — see docs/data.md',
    };
  }
  if (!resolved.columns.geo_point && !(resolved.columns.lat && resolved.columns.lon)) {
    // Not an error: rows are placed at their commune (approximate location).
    delete resolved.columns.lat;
    delete resolved.columns.lon;
  }
  return { ok: true, value: resolved };
}
