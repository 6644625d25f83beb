/**
 * The fictional demo territory generator: a pure function from options to plain data
 * (départements, EPCI, communes with population and the grid of where it lives, crèches, MAM,
 * childminders, home care and preschool counts, roads), deterministic from a seed. No I/O, no
 * clock, no `Math.random`.
 *
 * `generateTerritory()` gives the demo: one département `Z1` of 280 communes at sea in the Bay
 * of Biscay (45.8°N 5°W, where no real commune lies), ~300,000 inhabitants, ~2,000 active
 * childminders, 2019-2024. `generateTerritory({ communes: 35000, childminders: 250000 })` gives
 * a benchmark territory of 36 départements, in the open Atlantic further west.
 * Codes never collide with real ones (see codes.ts). The database loader is
 * server/src/features/demo.
 */
import { MAX_COMMUNES_PER_DEPARTEMENT, MAX_DEPARTEMENTS } from './codes';
import { demandColumns } from './demand-grid';
import { generateDepartement, type GeneratedDepartement } from './departement';
import { LocalFrame } from './frame';
import { gridNeighbours, planDepartements } from './layout';
import { YEARS } from './population';
import { Random } from './random';
import { roadBetween, type RoadDraft } from './roads';
import type { DemoTerritory, GenerateOptions } from './types';

export type * from './types';
export { ROAD_SPEED_KMH } from './roads';
export { demandCells, demandCellId, type DemoDemandCell } from './demand-grid';

export const DEFAULT_SEED = 42;
export const DEFAULT_COMMUNES = 280;
/** Active childminders per commune when `childminders` is not given (1,960 for 280). */
export const DEFAULT_CHILDMINDERS_PER_COMMUNE = 7;
export const MAX_COMMUNES = MAX_COMMUNES_PER_DEPARTEMENT * MAX_DEPARTEMENTS;

/** Options with defaults applied; throws a RangeError naming the bad option. */
export function resolveOptions(options: GenerateOptions = {}): Required<GenerateOptions> {
  const seed = options.seed ?? DEFAULT_SEED;
  const communes = options.communes ?? DEFAULT_COMMUNES;
  const childminders =
    options.childminders ?? Math.round(communes * DEFAULT_CHILDMINDERS_PER_COMMUNE);
  if (!Number.isSafeInteger(seed))
    throw new RangeError(`Invalid option seed: an integer is required (got ${seed})`);
  if (!Number.isInteger(communes) || communes < 1 || communes > MAX_COMMUNES) {
    throw new RangeError(
      `Invalid option communes: an integer from 1 to ${MAX_COMMUNES} is required (got ${communes})`,
    );
  }
  if (!Number.isInteger(childminders) || childminders < 0 || childminders > communes * 1000) {
    throw new RangeError(
      `Invalid option childminders: an integer from 0 to 1000 per commune is required (got ${childminders})`,
    );
  }
  return { seed, communes, childminders };
}

export function generateTerritory(options: GenerateOptions = {}): DemoTerritory {
  const { seed, communes, childminders } = resolveOptions(options);
  const random = new Random(seed);
  const plans = planDepartements(communes, childminders);
  const usedNames = new Set<string>();
  const parts: GeneratedDepartement[] = [];
  let nextNode = 1;
  for (const plan of plans) {
    const part = generateDepartement(
      plan,
      random.fork(`departement:${plan.code}`),
      nextNode,
      usedNames,
    );
    parts.push(part);
    nextNode += part.nodeCount;
  }

  const drafts: RoadDraft[] = parts.flatMap((p) => p.roads);
  // Benchmark territories: one nationale between grid-neighbour départements, between their
  // closest edge communes, so the whole network is one graph.
  const linkRandom = random.fork('links');
  for (const [i, j] of gridNeighbours(parts.length)) {
    drafts.push(closestLink(parts[i], parts[j], linkRandom));
  }

  let firstCommune = 0;
  const demand = demandColumns(
    parts.map((p) => {
      const communeIndex = p.communes.map((_, i) => firstCommune + i);
      firstCommune += p.communes.length;
      return { cells: p.cells, communeIndex };
    }),
  );

  return {
    seed,
    years: [...YEARS],
    departements: parts.flatMap((p) => p.departements),
    epcis: parts.flatMap((p) => p.epcis),
    communes: parts.flatMap((p) => p.communes),
    eaje: parts.flatMap((p) => p.eaje),
    mams: parts.flatMap((p) => p.mams),
    childminders: parts.flatMap((p) => p.childminders),
    supplyCounts: parts.flatMap((p) => p.supplyCounts),
    // Numbered in place: the benchmark territory has half a million of them.
    roads: drafts.map((road, k) => Object.assign(road, { id: k + 1 })),
    demand,
  };
}

function closestLink(a: GeneratedDepartement, b: GeneratedDepartement, random: Random): RoadDraft {
  let best: [number, number] = [0, 0];
  let bestD = Infinity;
  a.edgeNodes.forEach((p, i) =>
    b.edgeNodes.forEach((q, j) => {
      const d = (p.position[0] - q.position[0]) ** 2 + (p.position[1] - q.position[1]) ** 2;
      if (d < bestD) [best, bestD] = [[i, j], d];
    }),
  );
  const from = a.edgeNodes[best[0]];
  const to = b.edgeNodes[best[1]];
  const frame = new LocalFrame(
    (from.position[0] + to.position[0]) / 2,
    (from.position[1] + to.position[1]) / 2,
  );
  return roadBetween(
    frame,
    from.position,
    to.position,
    from.nodeId,
    to.nodeId,
    'nationale',
    random,
  );
}
