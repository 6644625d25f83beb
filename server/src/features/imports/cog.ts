/**
 * The official geography (COG) shipped by `@etalab/decoupage-administratif`: read once per
 * process from the package's JSON files (its own index.js reads them relative to the working
 * directory, so they are read here by path).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  buildTerritoryReference,
  type CogData,
  type TerritoryReference,
} from '../../domain/imports/reference';

const PACKAGE = '@etalab/decoupage-administratif';
/** Year of the legal populations in the package (populations légales 2023, in force on 1 January 2026). */
export const COG_POPULATION_YEAR = 2023;

export interface Cog {
  data: CogData;
  reference: TerritoryReference;
  version: string;
}

let loaded: Cog | null = null;

export function loadCog(): Cog {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const dir = path.dirname(require.resolve(`${PACKAGE}/package.json`));
  const read = (name: string) =>
    JSON.parse(fs.readFileSync(path.join(dir, 'data', `${name}.json`), 'utf8'));
  const version = read('../package').version as string;
  const data: CogData = {
    communes: read('communes'),
    epci: read('epci'),
    ept: read('ept'),
    departements: read('departements'),
    label: `COG 2026 (${PACKAGE} ${version})`,
    populationYear: COG_POPULATION_YEAR,
  };
  loaded = { data, reference: buildTerritoryReference(data), version };
  return loaded;
}
