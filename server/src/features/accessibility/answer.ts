import type { z } from 'zod';
import type {
  AccessibilityAnswer,
  AccessibilityCellCollection,
  accessibilityBody,
} from '../../../../contract';
import { parseWeights, resolveAccessOptions, type WeightSpec } from '../../domain/accessibility';
import { InvalidInput, NotFound } from '../../domain/errors';
import { datasetsAmong, departementNotLoaded, sideOf, type Viewer } from '../../kernel';
import { cellAccessibility, type AccessibilityRun, type AccessibilityService } from './service';
import { fetchCellOutlines, type TerritoryLevel } from './repository';
import { roundChildren, roundRate } from './cell-tiles';
import { TERRITORY_LEVELS, territoryAccessibility, type TerritoryAccess } from './territories';

/** A request as the contract parsed it (defaults applied). */
export type AccessibilityQuery = z.output<typeof accessibilityBody>;

/** The weights text checked against the method; a problem names `body.weights`. */
export function requestedWeights(method: AccessibilityQuery['method'], text?: string) {
  if (text === undefined) return undefined;
  let weights: WeightSpec;
  try {
    weights = parseWeights(text);
    resolveAccessOptions({ method, weights });
  } catch (error) {
    if (!(error instanceof RangeError || error instanceof TypeError)) throw error;
    const message = error.message;
    throw new InvalidInput(`Invalid request: body.weights: ${message}`, {
      details: [{ field: 'body.weights', message }],
    });
  }
  return weights;
}

/** How a run was made, as answers name it beside the figures. */
export function runMetadata(run: AccessibilityRun) {
  return {
    year: run.year,
    method: run.method,
    weights: run.weights,
    max_minutes: run.maxMinutes,
    travel_mode: 'car' as const,
    modes: run.modes,
    demand: run.estimated ? ('estimated' as const) : ('grid' as const),
    cells: run.cells.length,
    sites: run.sites.length,
    cells_off_network: run.offNetwork.cells,
    fictional: run.fictional,
    sources: run.datasetIds,
  };
}

/** POST /api/accessibility: every territory's figures for the parameters asked for. */
export async function accessibilityAnswer(
  service: AccessibilityService,
  q: AccessibilityQuery,
  viewer: Viewer,
  signal?: AbortSignal,
): Promise<AccessibilityAnswer> {
  const weights = requestedWeights(q.method, q.weights);
  const run = await service.run(
    {
      fictional: await sideOfAnswer(service, q.departement ?? null),
      year: q.year,
      method: q.method,
      weights,
      maxMinutes: q.minutes,
      modes: q.modes,
      exact: viewer.exactFigures,
    },
    signal,
  );
  const levels = q.level ? [q.level] : TERRITORY_LEVELS;
  let territories = await territoryAccessibility(service, run, levels);
  if (q.departement) {
    const inside = new Set(
      run.cells.filter((c) => c.departement_code === q.departement).map((c) => c.commune_code),
    );
    const epcis = new Set(
      run.cells.filter((c) => c.departement_code === q.departement).map((c) => c.epci_code),
    );
    const epts = new Set(
      run.cells.filter((c) => c.departement_code === q.departement).map((c) => c.ept_code),
    );
    territories = territories.filter((t) =>
      t.level === 'commune'
        ? inside.has(t.code)
        : t.level === 'epci'
          ? epcis.has(t.code)
          : t.level === 'ept'
            ? epts.has(t.code)
            : t.code === q.departement,
    );
  }
  return {
    metadata: { ...runMetadata(run), datasets: await datasetsAmong(service.knex, run.datasetIds) },
    territories,
  };
}

/**
 * The side of the data an answer about `departement` (or, without one, about every loaded
 * territory) is computed over: kernel/fiction.ts. NotFound for a département not loaded.
 */
export async function sideOfAnswer(
  service: AccessibilityService,
  departement: string | null,
): Promise<boolean> {
  const fictional = await sideOf(service.knex, departement);
  if (fictional === null) throw departementNotLoaded(departement!);
  return fictional;
}

/** A territory's accessibility figures without its name and level (they are the caller's). */
export type TerritoryAccessFields = Omit<TerritoryAccess, 'level' | 'code' | 'name'>;

/**
 * The default computation's figures of every territory of a level, by code, for the territory
 * list and detail; null when it cannot be made (no roads, no demand grid, no territory).
 */
export async function accessibilityByCode(
  service: AccessibilityService,
  q: { level: TerritoryLevel; year: number; viewer: Viewer; departement: string | null },
): Promise<{
  method: ReturnType<typeof runMetadata>;
  figures: Map<string, TerritoryAccessFields>;
} | null> {
  let run: AccessibilityRun;
  try {
    run = await service.run({
      fictional: await sideOfAnswer(service, q.departement),
      year: q.year,
      exact: q.viewer.exactFigures,
    });
  } catch (error) {
    if (error instanceof NotFound) return null;
    throw error;
  }
  const figures = new Map<string, TerritoryAccessFields>();
  for (const t of await territoryAccessibility(service, run, [q.level])) {
    const fields: Partial<TerritoryAccess> = { ...t };
    delete fields.level;
    delete fields.code;
    delete fields.name;
    figures.set(t.code, fields as TerritoryAccessFields);
  }
  return { method: runMetadata(run), figures };
}

/**
 * GET /api/accessibility/cells: the populated cells (of one département) with their
 * accessibility, for the map layer "Accessibilité (carroyage)" (default parameters).
 */
export async function accessibilityCellsAnswer(
  service: AccessibilityService,
  q: { year?: number; departement?: string },
  viewer: Viewer,
): Promise<AccessibilityCellCollection> {
  const fictional = await sideOfAnswer(service, q.departement ?? null);
  const year = await service.year(q.year, fictional, 'query.year');
  const { run, cells } = await cellAccessibility(service, {
    fictional,
    year,
    exact: viewer.exactFigures,
  });
  const outlines = new Map(
    (await fetchCellOutlines(service.knex, q.departement ?? null)).map((o) => [
      `${o.cell_id}@${o.commune_code}`,
      o.geometry,
    ]),
  );
  const features: AccessibilityCellCollection['features'] = [];
  for (const c of cells) {
    const id = `${c.cell_id}@${c.commune_code}`;
    const geometry = outlines.get(id);
    if (geometry === undefined) continue;
    features.push({
      type: 'Feature',
      id,
      geometry: JSON.parse(geometry),
      properties: {
        cell_id: c.cell_id,
        commune_code: c.commune_code,
        children: roundChildren(c.children),
        accessibility_rate: roundRate(c.access),
        estimated: c.estimated,
      },
    });
  }
  return {
    type: 'FeatureCollection',
    metadata: { ...runMetadata(run), datasets: await datasetsAmong(service.knex, run.datasetIds) },
    features,
  };
}
