/**
 * One fictional département, from its plan to plain records: outline and communes (Voronoi
 * cells), names and codes, population and where it lives (places and demand grid), EPCI,
 * supply and roads. Each step draws from its own random stream, so changing one step leaves
 * the others as they were.
 */
import { buildBorders, type BorderNetwork } from './borders';
import { childminderBirthYears, generateBirths } from './births';
import { generateChildminders } from './childminders';
import { communeCode, epciCode } from './codes';
import { layDemandGrid, type CommuneCells } from './demand-grid';
import { generateEaje } from './eaje';
import { epciKind, partitionIntoEpcis } from './epci';
import { LocalFrame } from './frame';
import type { DepartementPlan } from './layout';
import { CommuneNames, RIVERS, departementName, epciName } from './names';
import { DepartementShape, selectDepartementSites } from './outline';
import { builtRadiusKm, generatePlaces, RingKm } from './places';
import { YEARS, generatePopulations } from './population';
import type { Random } from './random';
import { RoadBuilder } from './road-builder';
import { generateMainRoads, type CommuneLink, type RoadDraft } from './roads';
import { assignRoles, type CommuneLayout } from './settlements';
import { generateStreets, urbanSpeed } from './streets';
import { generateSupplyCounts } from './supply-counts';
import { supplyProfile } from './supply-profile';
import type { DemoPopulation, DemoTerritory, Position } from './types';
import { cellPolygon, unionOfCells } from './union';
import { JitteredVoronoi, smoothWarp } from './voronoi';

/** What a département contributes to the territory, roads without ids yet. */
export interface GeneratedDepartement extends Omit<
  DemoTerritory,
  'seed' | 'years' | 'roads' | 'demand'
> {
  roads: RoadDraft[];
  /** Road node ids used, from the first one given. */
  nodeCount: number;
  /** Demand cells by commune, in `communes` order. */
  cells: CommuneCells[];
  /** Chef-lieu position and road node id of the communes on the département's edge. */
  edgeNodes: { position: Position; nodeId: number }[];
}

/** Grid margin around the outline, in site spacings (warp, border noise, edge cells). */
const MARGIN_SPACINGS = 8;

export function generateDepartement(
  plan: DepartementPlan,
  random: Random,
  firstNodeId: number,
  usedDepartementNames: Set<string>,
): GeneratedDepartement {
  const n = plan.communes;
  const shape = DepartementShape.random(random.fork('shape'));
  const radiusKm = Math.min(
    Math.sqrt(plan.targetAreaKm2 / shape.unitAreaKm2),
    plan.maxRadiusKm / shape.maxFactor,
  );
  const areaKm2 = shape.unitAreaKm2 * radiusKm * radiusKm;
  const spacingKm = Math.sqrt(areaKm2 / n);
  const halfKm = radiusKm * shape.maxFactor + MARGIN_SPACINGS * spacingKm;
  const cols = Math.ceil((2 * halfKm) / spacingKm);
  const voronoi = new JitteredVoronoi(
    random.fork('sites'),
    cols,
    cols,
    spacingKm,
    (-cols * spacingKm) / 2,
    (-cols * spacingKm) / 2,
    smoothWarp(random.fork('warp'), spacingKm),
  );
  const sites = selectDepartementSites(voronoi, shape, radiusKm, n, random.fork('outline'));
  const frame = new LocalFrame(plan.centre[0], plan.centre[1]);
  const network = buildBorders(voronoi, sites, frame, random.fork('borders'));
  const { layout, links, onEdge } = communeLayout(voronoi, sites, network, areaKm2);

  const roles = assignRoles(layout, random.fork('roles'));
  const nameRandom = random.fork('names');
  const rivers = nameRandom.shuffle([...RIVERS]).slice(0, 4);
  const names = new CommuneNames(nameRandom, rivers);
  const communeNames = sites.map(() => names.next());
  // INSEE numbered communes in alphabetical order within a département: do the same.
  const sortKeys = communeNames.map(collationKey);
  const order = [...Array(n).keys()].sort(
    (a, b) => compare(sortKeys[a], sortKeys[b]) || compare(communeNames[a], communeNames[b]),
  );
  const codes = new Array<string>(n);
  order.forEach((i, k) => (codes[i] = communeCode(plan.code, k + 1)));

  const populations = generatePopulations(roles, random.fork('population'));
  const polygons = sites.map((s) => cellPolygon(network, s));
  const rings = polygons.map(
    (g) => new RingKm(g.coordinates[0][0].map((p) => frame.toKm(p as Position))),
  );
  const places = generatePlaces(
    layout,
    roles,
    populations.map((rows) => rows[rows.length - 1].total),
    rings,
    random.fork('places'),
  );
  // Facilities and childminders sit in the main settlement, not in its fields.
  layout.builtRadiusKm = Float64Array.from(places, (p) => builtRadiusKm(p.centre));
  const mean = (rows: DemoPopulation[], f: (p: DemoPopulation) => number) =>
    rows.reduce((s, p) => s + f(p), 0) / rows.length;
  const meanPopulation = populations.map((rows) => mean(rows, (p) => p.total));
  const meanChildren = populations.map((rows) => mean(rows, (p) => p.childrenUnder3));

  const { epciOf, centres } = partitionIntoEpcis(layout, roles, random.fork('epci'));
  const epciNameRandom = random.fork('epci-names');
  const usedEpciNames = new Set<string>();
  const membersOf: number[][] = centres.map(() => []);
  epciOf.forEach((e, i) => membersOf[e].push(i));
  const epcis = centres.map((centre, e) => {
    const members = membersOf[e];
    const population = members.reduce((s, i) => s + populations[i][YEARS.length - 1].total, 0);
    const kind = epciKind(e, population);
    return {
      code: epciCode(plan.index, e + 1),
      name: epciName(epciNameRandom, kind, communeNames[centre], rivers, usedEpciNames),
      kind,
      departementCode: plan.code,
      geometry: unionOfCells(
        network,
        members.map((i) => sites[i]),
      ),
    };
  });

  const profile = supplyProfile(
    roles,
    epciOf,
    centres.length,
    meanChildren,
    meanPopulation,
    random.fork('profile'),
  );
  const eaje = generateEaje(
    {
      departementCode: plan.code,
      layout,
      frame,
      roles,
      desert: profile.desert,
      thin: profile.thin,
      meanPopulation,
      communeCodes: codes,
      communeNames,
      epciNames: epciOf.map((e) => epcis[e].name),
      order,
    },
    random.fork('eaje'),
  );
  const generated = generateChildminders(
    {
      departementCode: plan.code,
      layout,
      frame,
      roles,
      meanPopulation,
      communeCodes: codes,
      profile,
    },
    plan.childminders,
    random.fork('childminders'),
  );
  const { mams } = generated;
  const birthYears = childminderBirthYears(generated.childminders, random.fork('ages'));
  const childminders = generated.childminders.map((a, k) => ({ ...a, birthYear: birthYears[k] }));
  const births = generateBirths(roles, populations, random.fork('births'));
  const supplyCounts = generateSupplyCounts(
    order,
    roles,
    profile.desert,
    populations,
    codes,
    random.fork('counts'),
  );

  // Chefs-lieux are the builder's first vertices: node ids firstNodeId + i, as edgeNodes say.
  const builder = new RoadBuilder();
  for (let i = 0; i < n; i++) builder.vertex(layout.x[i], layout.y[i]);
  const mainWays = generateMainRoads(layout, links, roles, builder, random.fork('roads'));
  const { urbanAreas, houses } = generateStreets(
    builder,
    layout,
    roles,
    places,
    rings,
    mainWays,
    random.fork('streets'),
  );
  builder.planarize();
  const { roads, nodeCount } = builder.edges(
    frame,
    firstNodeId,
    n,
    urbanSpeed(builder, urbanAreas),
  );
  const cells = layDemandGrid(places, houses, rings, frame, random.fork('grid'));

  const communes = order.map((i) => ({
    code: codes[i],
    name: communeNames[i],
    departementCode: plan.code,
    epciCode: epcis[epciOf[i]].code,
    geometry: polygons[i],
    population: populations[i],
    births: births[i],
  }));
  return {
    departements: [
      {
        code: plan.code,
        name: departementName(random.fork('departement-name'), rivers, usedDepartementNames),
        prefectureCode: codes[roles.indexOf('prefecture')],
        geometry: unionOfCells(network, sites),
      },
    ],
    epcis,
    communes,
    eaje,
    mams,
    childminders,
    supplyCounts,
    roads,
    nodeCount,
    cells: order.map((i) => cells[i]),
    edgeNodes: onEdge.map((i) => ({
      position: frame.toPosition(layout.x[i], layout.y[i]),
      nodeId: firstNodeId + i,
    })),
  };
}

/** A French name without accents or case, for alphabetical order ("Écueillé" next to "Ecu…"). */
function collationKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** Code-unit order: the same on every machine, unlike locale collation. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The communes in the local frame (indexed like `sites`), their neighbour links with the
 * Gabriel test, and the communes on the département's edge.
 */
function communeLayout(
  voronoi: JitteredVoronoi,
  sites: readonly number[],
  network: BorderNetwork,
  areaKm2: number,
): { layout: CommuneLayout; links: CommuneLink[]; onEdge: number[] } {
  const n = sites.length;
  const indexOf = new Map(sites.map((s, i) => [s, i]));
  const x = Float64Array.from(sites, (s) => voronoi.siteX[s]);
  const y = Float64Array.from(sites, (s) => voronoi.siteY[s]);
  const neighbours: number[][] = Array.from({ length: n }, () => []);
  const clearRadiusKm = new Float64Array(n).fill(Infinity);
  const links: CommuneLink[] = [];
  const edge = new Set<number>();
  for (const border of network.borders) {
    const l = border.left;
    const r = border.right;
    const gap = Math.hypot(
      voronoi.siteX[l] - voronoi.siteX[r],
      voronoi.siteY[l] - voronoi.siteY[r],
    );
    // The border stays beyond 80% of the half-gap from each site (see borders.ts): keep 70%.
    for (const s of [l, r]) {
      const i = indexOf.get(s);
      if (i !== undefined) clearRadiusKm[i] = Math.min(clearRadiusKm[i], 0.35 * gap);
    }
    const a = indexOf.get(l);
    const b = indexOf.get(r);
    if (a === undefined) continue;
    if (b === undefined) {
      edge.add(a);
      continue;
    }
    neighbours[a].push(b);
    neighbours[b].push(a);
    links.push({
      a: Math.min(a, b),
      b: Math.max(a, b),
      gabriel: isGabriel(voronoi, l, r, border.from, border.to),
    });
  }
  links.sort((p, q) => p.a - q.a || p.b - q.b);
  return {
    layout: { x, y, neighbours, clearRadiusKm, effectiveRadiusKm: Math.sqrt(areaKm2 / Math.PI) },
    links,
    onEdge: [...edge].sort((p, q) => p - q),
  };
}

/**
 * A link p–q is Gabriel when no other site lies in the circle of diameter pq; for Voronoi
 * neighbours only the two sites at the ends of their shared border can (the Delaunay apexes).
 */
function isGabriel(
  voronoi: JitteredVoronoi,
  p: number,
  q: number,
  v1: number,
  v2: number,
): boolean {
  const mx = (voronoi.siteX[p] + voronoi.siteX[q]) / 2;
  const my = (voronoi.siteY[p] + voronoi.siteY[q]) / 2;
  const r2 =
    ((voronoi.siteX[p] - voronoi.siteX[q]) ** 2 + (voronoi.siteY[p] - voronoi.siteY[q]) ** 2) / 4;
  for (const v of [v1, v2]) {
    const triple = voronoi.vertexSites[v];
    if (!triple) continue;
    for (const s of triple) {
      if (s !== p && s !== q && (voronoi.siteX[s] - mx) ** 2 + (voronoi.siteY[s] - my) ** 2 < r2)
        return false;
    }
  }
  return true;
}
