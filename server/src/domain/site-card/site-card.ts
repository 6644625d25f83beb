/**
 * The site card: what a point offers and lacks, and what a project opened there would add.
 * Pure: the caller gathers the demand cells, the places and the car times (minutes) from and to
 * the point; this module counts within each band and adds the project to the floating catchment.
 *
 * Adding one site to a 2SFCA, E2SFCA or gravity computation changes nothing of the other sites'
 * ratios (a pair's weight depends on its time only), so the new accessibility is the old one plus
 * the new site's share: A'_i = A_i + w_i,new × S_new / Σ_k P_k w_k,new. With 3SFCA the selection
 * weights of every site change: the caller must recompute in full (it refuses the method).
 */
import { pairWeights, type AccessMethod, type WeightSpec } from '../accessibility';
import { projectPlaces, type SiteProject } from './project';

/** The travel-time bands of the card (minutes by car, inclusive). */
export const SITE_CARD_BANDS_MIN = [5, 10, 15, 20] as const;
/** The band the project's effect on access to a formal place is read at (DREES's convention). */
export const NEWLY_WITHIN_MIN = 15;

export type CardMode = 'eaje' | 'mam' | 'am';

/** One demand location (a cell's part in a commune). */
export interface CardCell {
  children: number;
  communeCode: string;
  estimated: boolean;
  /** Minutes by car from the cell to the point; null beyond the search. */
  toPoint_min: number | null;
  /** Minutes to the nearest formal place (EAJE or MAM) today; null beyond the search. */
  nearestFormal_min: number | null;
  /** Accessibility today: places within reach per child. */
  access: number;
}

/** A site of places (an EAJE, a MAM, the childminders at home of a commune). */
export interface CardSupply {
  mode: CardMode;
  places: number;
  /** Minutes by car from the point to the site; null beyond the search. */
  fromPoint_min: number | null;
}

/** The childminders at home of a commune the viewer may see, at its label point. */
export interface CardChildminders {
  count: number;
  fromPoint_min: number | null;
}

export interface SiteCardInput {
  cells: readonly CardCell[];
  supply: readonly CardSupply[];
  childminders: readonly CardChildminders[];
  /** The accessibility computation the cells' `access` comes from. */
  accessibility: { method: AccessMethod; weights: WeightSpec; maxMinutes: number };
  project: SiteProject;
  amUnder3Share: number;
  /** Childminders at home within this many minutes may join the MAM (their places move). */
  drawRadius_min: number;
}

export interface CardBand {
  minutes: number;
  children: number;
  /** Some of these children come from the estimated grid, not INSEE's. */
  childrenEstimated: boolean;
  places: Record<CardMode, number>;
  childmindersAtHome: number;
}

export interface CommuneAccessChange {
  code: string;
  children: number;
  /** Places within reach per 100 children, before and after the project. */
  before: number;
  after: number;
}

export interface SiteCard {
  bands: CardBand[];
  project: {
    placesAtOnce: number;
    placesCounted: number;
    mode: 'eaje' | 'mam';
    /** Children with no formal place within each band today who would have the project. */
    newlyWithin: { minutes: number; children: number }[];
    /** Children competing for its places (Σ P_i w_i): what its places are shared among. */
    weightedChildren: number;
    communes: CommuneAccessChange[];
    /** Childminders at home within `drawRadius_min` who could join it (a MAM only). */
    childmindersNearby: number;
    /**
     * Places that may only move from homes to the MAM: min(childminders, nearby) × their
     * agreements (under-3 share); 0 for a micro-crèche, whose staff are not childminders.
     */
    placesPossiblyDrawn: number;
  };
  /** A'_i: accessibility of every cell with the project (places per child), index = cell. */
  accessAfter: Float64Array;
}

const within = (m: number | null, limit: number) => m !== null && m <= limit;

/** The card of a point; RangeError for a project outside the rules or 3SFCA. */
export function siteCard(input: SiteCardInput): SiteCard {
  const { cells, accessibility } = input;
  if (accessibility.method === '3sfca') {
    throw new RangeError('the site card adds a site to 2SFCA, E2SFCA or gravity only, not 3SFCA');
  }
  const placed = projectPlaces(input.project, input.amUnder3Share);

  const bands: CardBand[] = SITE_CARD_BANDS_MIN.map((minutes) => {
    let children = 0;
    let childrenEstimated = false;
    for (const c of cells) {
      if (!within(c.toPoint_min, minutes)) continue;
      children += c.children;
      if (c.estimated) childrenEstimated = true;
    }
    const places: Record<CardMode, number> = { eaje: 0, mam: 0, am: 0 };
    for (const s of input.supply) if (within(s.fromPoint_min, minutes)) places[s.mode] += s.places;
    let childmindersAtHome = 0;
    for (const a of input.childminders) {
      if (within(a.fromPoint_min, minutes)) childmindersAtHome += a.count;
    }
    return { minutes, children, childrenEstimated, places, childmindersAtHome };
  });

  const newlyWithin = SITE_CARD_BANDS_MIN.map((minutes) => {
    let children = 0;
    for (const c of cells) {
      if (within(c.toPoint_min, minutes) && !within(c.nearestFormal_min, minutes)) {
        children += c.children;
      }
    }
    return { minutes, children };
  });

  // The new site's weights, its competing children and its share to each cell.
  const cost = Float64Array.from(cells, (c) => c.toPoint_min ?? Infinity);
  const w = new Float64Array(cells.length);
  pairWeights(accessibility.weights, cost, accessibility.maxMinutes, w);
  let weightedChildren = 0;
  cells.forEach((c, i) => (weightedChildren += c.children * w[i]));
  const ratio = weightedChildren > 0 ? placed.placesCounted / weightedChildren : 0;
  const accessAfter = Float64Array.from(cells, (c, i) => c.access + w[i] * ratio);

  const byCommune = new Map<
    string,
    { children: number; before: number; after: number; hit: boolean }
  >();
  cells.forEach((c, i) => {
    const t = byCommune.get(c.communeCode) ?? { children: 0, before: 0, after: 0, hit: false };
    t.children += c.children;
    t.before += c.children * c.access;
    t.after += c.children * accessAfter[i];
    if (w[i] > 0 && c.children > 0) t.hit = true;
    byCommune.set(c.communeCode, t);
  });
  const communes: CommuneAccessChange[] = [];
  for (const [code, t] of byCommune) {
    if (!t.hit || t.children <= 0) continue;
    communes.push({
      code,
      children: t.children,
      before: (100 * t.before) / t.children,
      after: (100 * t.after) / t.children,
    });
  }
  communes.sort((a, b) => b.after - b.before - (a.after - a.before) || (a.code < b.code ? -1 : 1));

  let childmindersNearby = 0;
  for (const a of input.childminders) {
    if (within(a.fromPoint_min, input.drawRadius_min)) childmindersNearby += a.count;
  }
  const placesPossiblyDrawn =
    input.project.kind === 'mam'
      ? Math.min(
          Math.min(input.project.childminders, childmindersNearby) *
            input.project.placesPerAgreement *
            input.amUnder3Share,
          placed.placesCounted,
        )
      : 0;

  return {
    bands,
    project: {
      ...placed,
      newlyWithin,
      weightedChildren,
      communes,
      childmindersNearby,
      placesPossiblyDrawn,
    },
    accessAfter,
  };
}
