import type { z } from 'zod';
import type { referenceKind, territoryLevel } from '../../../contract';
import { NotFound } from '../domain/errors';

/** The territory levels every figure is given at. */
export type Level = z.output<typeof territoryLevel>;
/** The table holding each level's outlines: the only names a level reaches SQL as. */
export const LEVEL_TABLE: Readonly<Record<Level, string>> = {
  commune: 'commune',
  epci: 'epci',
  ept: 'ept',
  departement: 'departement',
};

/** Which rate gap classes are measured against: the national one, or the département's. */
export type ReferenceKind = z.output<typeof referenceKind>;

const NOTHING_LOADED = 'No territory is loaded yet: load the demo or import a territory';

/** Nothing to answer from: no territory at all is loaded. */
export function noTerritoryLoaded(): NotFound {
  return new NotFound(NOTHING_LOADED, { code: 'no_data' });
}

/** A département filter naming a département that is not loaded. */
export function departementNotLoaded(departement: string): NotFound {
  return new NotFound(`No département ${departement} is loaded`, {
    details: { field: 'query.departement' },
  });
}
