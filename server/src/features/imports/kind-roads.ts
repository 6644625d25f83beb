/**
 * `import roads`: OpenStreetMap `.osm.pbf` or `.osm` XML → routable road edges (class, speed
 * limit, setting, one-way, geometry). Re-importing the same file replaces its edges.
 */
import path from 'node:path';
import { buildRoadEdges, DEFAULT_SPEED_KMH } from '../../domain/imports/roads';
import { readOsmPbf } from './osm-pbf';
import { readOsmXml } from './osm-xml';
import { FileFormatError, vintageOf, type ImportPlan, type PlanInput } from './plan';
import { deleteDatasetRows, writeBatches } from './repository';
import { decodeText } from '../../kernel/text-file';

const isRoad = (tags: Record<string, string>) => DEFAULT_SPEED_KMH[tags.highway] !== undefined;

export async function planRoads(input: PlanInput): Promise<ImportPlan> {
  const { options } = input;
  const bytes = input.bytes!;
  const fileName = path.basename(input.fileName!);
  const xml =
    /\.osm$/i.test(fileName) ||
    /^\s*<\?xml|^\s*<osm/.test(new TextDecoder().decode(bytes.subarray(0, 100)));
  let osm;
  try {
    osm = xml
      ? readOsmXml(decodeText(bytes).text, isRoad)
      : readOsmPbf(bytes, isRoad, (done, total) =>
          input.progress('reading OpenStreetMap', done, total),
        );
  } catch (error) {
    if (error instanceof FileFormatError) throw error;
    throw new FileFormatError(`unreadable OpenStreetMap file: ${(error as Error).message}`);
  }
  const nodes = osm.nodes;
  const built = buildRoadEdges(osm.ways, (id) => nodes.get(id));
  const edges = built.rows.map((r) => r.value);
  const name = fileName.replace(/\.osm(\.pbf)?$/i, '').toLowerCase();
  return {
    rowsRead: built.waysKept,
    rowsValid: edges.length,
    log: built.log,
    detected: {
      format: xml ? 'OpenStreetMap XML' : 'OpenStreetMap PBF',
      nodes: String(nodes.size),
      ways: `${built.waysKept} roads for cars (${osm.ways.length} highway ways read)`,
    },
    notes: [`${edges.length} edges from ${built.waysKept} ways`],
    records: null,
    columns: [],
    dataset: {
      key: `import:roads:${name}`,
      kind: 'roads',
      name: `Réseau routier OpenStreetMap (${fileName})`,
      source: options.source ?? `OpenStreetMap (${fileName})`,
      sourceUrl: 'https://www.openstreetmap.org',
      licence: options.licence ?? 'ODbL 1.0, © les contributeurs d’OpenStreetMap',
      vintage: vintageOf(options, fileName, 'non précisé'),
    },
    async write(t, datasetId) {
      await deleteDatasetRows(t, 'road_edge', datasetId);
      const roadEdges = await writeBatches(
        t,
        'insert_road_edges',
        edges.map((e) => ({
          source: e.source,
          target: e.target,
          road_class: e.roadClass,
          speed_kmh: e.speedLimitKmh,
          setting: e.setting,
          oneway: e.oneway,
          length_m: e.lengthM,
          osm_id: e.osmId,
          coordinates: e.coordinates,
        })),
        { dataset_id: datasetId },
        (done) => input.progress('writing road edges', done, edges.length),
      );
      return {
        roadEdges,
        oneway: edges.filter((e) => e.oneway).length,
        lengthKm: Math.round(edges.reduce((s, e) => s + e.lengthM, 0) / 1000),
      };
    },
  };
}
