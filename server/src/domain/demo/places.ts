/**
 * Where the people of each commune live: its chef-lieu (the main village, bourg or town),
 * hamlets spread over its land, and a few scattered houses along its roads (placed later, by
 * streets.ts, once the roads exist). Each place is a density bump: a peak density by role and a
 * spread σ such that peak × πσ² is its population (a Gaussian), stretched along a direction
 * (villages often line a road). The demand grid (demand-grid.ts) lays them on 200 m cells.
 *
 * Shares of a commune's inhabitants (latest year): prefecture 97% in its centre, 1.5% in
 * hamlets; towns and suburbs ~93%; bourgs 85%, 10% in hamlets; villages 55-86%, hamlets 10-35%
 * of 35-90 people each, and 4-10% in scattered houses.
 */
import type { PointKm } from './frame';
import type { Random } from './random';
import type { CommuneLayout, SettlementRole } from './settlements';

export interface Place {
  /** Centre, km in the département's frame. */
  x: number;
  y: number;
  population: number;
  /** Spread of the Gaussian bump, km (before stretching). */
  sigmaKm: number;
  /** Ratio of the spread along `angle` to the spread across it (1: round). */
  stretch: number;
  /** Direction of the long axis, radians from east. */
  angle: number;
}

export interface CommunePlaces {
  centre: Place;
  hamlets: Place[];
  /** Inhabitants of scattered houses (placed along the roads by streets.ts). */
  scattered: number;
}

/** A commune's outline in the frame (km): one closed ring. */
export class RingKm {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
  readonly areaKm2: number;

  constructor(readonly points: readonly PointKm[]) {
    this.minX = Math.min(...points.map((p) => p.x));
    this.maxX = Math.max(...points.map((p) => p.x));
    this.minY = Math.min(...points.map((p) => p.y));
    this.maxY = Math.max(...points.map((p) => p.y));
    let twice = 0;
    for (let i = 0; i + 1 < points.length; i++)
      twice += points[i].x * points[i + 1].y - points[i + 1].x * points[i].y;
    this.areaKm2 = Math.abs(twice) / 2;
  }

  /** Even-odd point in ring. */
  contains(x: number, y: number): boolean {
    if (x < this.minX || x > this.maxX || y < this.minY || y > this.maxY) return false;
    const p = this.points;
    let inside = false;
    for (let i = 0, j = p.length - 2; i < p.length - 1; j = i++) {
      if (
        p[i].y > y !== p[j].y > y &&
        x < ((p[j].x - p[i].x) * (y - p[i].y)) / (p[j].y - p[i].y) + p[i].x
      )
        inside = !inside;
    }
    return inside;
  }

  /** A uniform point inside, by rejection from the bounding box (null after `tries`). */
  sample(random: Random, tries = 30): PointKm | null {
    for (let k = 0; k < tries; k++) {
      const x = random.range(this.minX, this.maxX);
      const y = random.range(this.minY, this.maxY);
      if (this.contains(x, y)) return { x, y };
    }
    return null;
  }
}

/** Peak density of a centre by role, inhabitants per km² (a bourg's core, a town's centre). */
const PEAK_DENSITY: Record<SettlementRole, number> = {
  prefecture: 4_500,
  town: 2_600,
  suburb: 1_700,
  bourg: 1_600,
  village: 900,
};
/** Peak density of a hamlet, inhabitants per km². */
const HAMLET_DENSITY = 600;
/** Cells are laid out to this many σ from a place's centre (the bump is ~5% of its peak there). */
export const PLACE_CUT_SIGMAS = 1.7;

/** Share of inhabitants in hamlets and in scattered houses, by role. */
function outsideShares(role: SettlementRole, random: Random): [number, number] {
  switch (role) {
    case 'prefecture':
      return [0.015, 0.01];
    case 'town':
    case 'suburb':
      return [random.range(0.03, 0.05), random.range(0.02, 0.03)];
    case 'bourg':
      return [random.range(0.08, 0.12), random.range(0.04, 0.06)];
    case 'village':
      return [random.range(0.1, 0.35), random.range(0.04, 0.1)];
  }
}

/** The places of each commune (layout order), from its latest population. */
export function generatePlaces(
  layout: CommuneLayout,
  roles: readonly SettlementRole[],
  inhabitants: readonly number[],
  rings: readonly RingKm[],
  random: Random,
): CommunePlaces[] {
  return roles.map((role, i) => {
    const total = inhabitants[i];
    const [hamletShare, scatteredShare] = outsideShares(role, random);
    const scattered = total * scatteredShare;
    const ring = rings[i];
    const wanted = Math.min(
      6,
      1 + Math.floor(ring.areaKm2 / 4),
      Math.round((total * hamletShare) / random.range(35, 90)),
    );
    const sizes = Array.from({ length: wanted }, () => random.logNormal(1, 0.5));
    const sizeSum = sizes.reduce((s, v) => s + v, 0);
    const centreSigma = (p: number) => Math.sqrt(p / (PEAK_DENSITY[role] * Math.PI));
    // Hamlets keep away from the centre's built-up area and from each other.
    const away = Math.max(0.8, 2 * centreSigma(total) + 0.2);
    const hamlets: Place[] = [];
    for (const size of sizes) {
      const population = (total * hamletShare * size) / sizeSum;
      let placed: PointKm | null = null;
      for (let k = 0; k < 40 && !placed; k++) {
        const p = ring.sample(random, 1);
        if (!p) continue;
        if (Math.hypot(p.x - layout.x[i], p.y - layout.y[i]) < away) continue;
        if (hamlets.some((h) => Math.hypot(p.x - h.x, p.y - h.y) < 0.7)) continue;
        // Not on the commune's edge: a hamlet belongs to its commune.
        const margin = [0, 1, 2, 3].every((q) =>
          ring.contains(
            p.x + 0.15 * Math.cos((q * Math.PI) / 2),
            p.y + 0.15 * Math.sin((q * Math.PI) / 2),
          ),
        );
        if (margin) placed = p;
      }
      if (!placed) continue;
      hamlets.push({
        x: placed.x,
        y: placed.y,
        population,
        sigmaKm: Math.max(0.08, Math.sqrt(population / (HAMLET_DENSITY * Math.PI))),
        stretch: random.range(1, 1.8),
        angle: random.range(0, Math.PI),
      });
    }
    const centrePopulation = total - scattered - hamlets.reduce((s, h) => s + h.population, 0);
    const centre: Place = {
      x: layout.x[i],
      y: layout.y[i],
      population: centrePopulation,
      sigmaKm: centreSigma(centrePopulation),
      stretch: role === 'village' ? random.range(1, 2.2) : random.range(1, 1.4),
      angle: random.range(0, Math.PI),
    };
    return { centre, hamlets, scattered };
  });
}

/** Radius of a place's built-up area, km: where its cells and streets stop. */
export function builtRadiusKm(place: Place): number {
  return PLACE_CUT_SIGMAS * place.sigmaKm * Math.sqrt(place.stretch);
}
