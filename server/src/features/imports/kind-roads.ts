/**
 * `import roads`: OpenStreetMap `.osm.pbf` or `.osm` XML → routable road edges (class, speed
 * limit, setting, one-way, geometry). The file is about the ways it has: an extract imported again (same file
 * name) replaces the edges of those ways; edges of ways it no longer has are kept and reported
 * (removed with --replace). Identical edges are left as they are.
 */
import path from 'node:path';
import { buildRoadEdges, DEFAULT_SPEED_KMH } from '../../domain/imports/roads';
import { readOsmPbf } from './osm-pbf';
import { readOsmXml } from './osm-xml';
import { FileFormatError, vintageOf, type ImportPlan, type PlanInput } from './plan';
import { absentListRows, removeListRows } from './absent-rows';
import { runQuery, writeBatches } from '../../kernel/territory-writers';
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
  if (built.waysKept === 0)
    throw new FileFormatError(
      `no road for cars in the file (${osm.ways.length} highway way(s) of a known class, ${nodes.size} node(s)): is it the extract of your territory?`,
    );
  const edges = built.rows.map((r) => r.value);
  // Every highway way of the file, kept or not: a way that stopped being a road for cars
  // (access=private…) is in the file, and its old edges go.
  const wayIds = osm.ways.map((w) => String(w.id));
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
    tables: ['road_edge'],
    absent: (t, datasetId) =>
      absentListRows(
        t,
        'road_edge',
        datasetId,
        wayIds,
        'road edges of a previous import of this extract whose OpenStreetMap way it no longer has',
      ),
    async write(t, datasetId, context) {
      await runQuery(t, 'create_road_stage');
      await t.raw('TRUNCATE import_road_stage');
      await writeBatches(
        t,
        'stage_road_edges',
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
        {},
        (done) => input.progress('writing road edges', done, edges.length),
      );
      const communes = await runQuery<{ code: string }>(t, 'road_communes', {
        dataset_id: datasetId,
      });
      context.reestimate(communes.map((c) => c.code));
      if (context.replace)
        context.removed(
          'road_edge',
          await removeListRows(t, 'road_edge', datasetId, context.absent.keys),
        );
      const [{ removed }] = await runQuery<{ removed: number }>(t, 'merge_road_edges', {
        dataset_id: datasetId,
        way_ids: JSON.stringify(wayIds),
      });
      context.removed('road_edge', Number(removed));
      const [{ added }] = await runQuery<{ added: number }>(t, 'insert_staged_road_edges', {
        dataset_id: datasetId,
      });
      return {
        roadEdges: edges.length,
        roadEdgesWritten: Number(added),
        oneway: edges.filter((e) => e.oneway).length,
        lengthKm: Math.round(edges.reduce((s, e) => s + e.lengthM, 0) / 1000),
      };
    },
  };
}
