/**
 * OpenStreetMap XML (`.osm`) reader over a streaming SAX parser: nodes with their position,
 * ways with their node references and tags.
 */
import { SaxesParser } from 'saxes';
import type { OsmWay } from '../../domain/imports/roads';

export interface OsmData {
  /** Node id → [lon, lat] (WGS84). */
  nodes: Map<number, [number, number]>;
  ways: OsmWay[];
}

export function readOsmXml(
  text: string,
  keepWay: (tags: Record<string, string>) => boolean,
): OsmData {
  const nodes = new Map<number, [number, number]>();
  const ways: OsmWay[] = [];
  const parser = new SaxesParser();
  let way: { id: number; refs: number[]; tags: Record<string, string> } | null = null;
  let sawOsm = false;
  parser.on('opentag', (tag) => {
    const a = tag.attributes as Record<string, string>;
    switch (tag.name) {
      case 'osm':
        sawOsm = true;
        break;
      case 'node':
        nodes.set(Number(a.id), [Number(a.lon), Number(a.lat)]);
        break;
      case 'way':
        way = { id: Number(a.id), refs: [], tags: {} };
        break;
      case 'nd':
        way?.refs.push(Number(a.ref));
        break;
      case 'tag':
        if (way) way.tags[a.k] = a.v;
        break;
    }
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'way' && way) {
      if (keepWay(way.tags)) ways.push(way);
      way = null;
    }
  });
  parser.write(text).close();
  if (!sawOsm) throw new Error('not an OpenStreetMap XML file (no <osm> element)');
  return { nodes, ways };
}
