/**
 * A small OpenStreetMap `.osm.pbf` reader: the format is a sequence of (BlobHeader, Blob)
 * pairs; OSMData blobs hold zlib-compressed PrimitiveBlocks with a string table and groups of
 * nodes (plain or DenseNodes) and ways. Relations, metadata and history are skipped.
 * Field numbers from the OSM-binary `fileformat.proto` and `osmformat.proto`.
 */
import zlib from 'node:zlib';
import { PbfReader } from 'pbf';
import type { OsmWay } from '../../domain/imports/roads';
import type { OsmData } from './osm-xml';
import { FileFormatError } from './plan';

/** Features this reader does not implement; a file requiring them is refused. */
const SUPPORTED_FEATURES = new Set(['OsmSchema-V0.6', 'DenseNodes', 'HistoricalInformation']);

export class OsmFormatError extends FileFormatError {}

/**
 * Decode a whole `.osm.pbf` file. `onProgress(bytesDone, bytesTotal)` is called per blob.
 * Only ways for which `keepWay(tags)` is true are kept (nodes are all kept: ways come last).
 */
export function readOsmPbf(
  bytes: Uint8Array,
  keepWay: (tags: Record<string, string>) => boolean,
  onProgress?: (done: number, total: number) => void,
): OsmData {
  const nodes = new Map<number, [number, number]>();
  const ways: OsmWay[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 0;
  let sawHeader = false;
  while (pos < bytes.length) {
    if (pos + 4 > bytes.length) throw new OsmFormatError('truncated file (blob header length)');
    const headerLength = view.getUint32(pos, false);
    pos += 4;
    if (headerLength > 64 * 1024 || pos + headerLength > bytes.length)
      throw new OsmFormatError('not an .osm.pbf file (invalid blob header length)');
    let header: { type: string; datasize: number };
    try {
      header = readBlobHeader(bytes.subarray(pos, pos + headerLength));
    } catch (error) {
      throw new OsmFormatError(
        `not an .osm.pbf file (unreadable blob header: ${(error as Error).message})`,
      );
    }
    pos += headerLength;
    if (pos + header.datasize > bytes.length) throw new OsmFormatError('truncated file (blob)');
    const data = readBlob(bytes.subarray(pos, pos + header.datasize));
    pos += header.datasize;
    if (header.type === 'OSMHeader') {
      sawHeader = true;
      const required = readRequiredFeatures(data);
      const missing = required.filter((f) => !SUPPORTED_FEATURES.has(f));
      if (missing.length)
        throw new OsmFormatError(`the file requires unsupported features: ${missing.join(', ')}`);
    } else if (header.type === 'OSMData') {
      if (!sawHeader)
        throw new OsmFormatError('no OSMHeader block before the data: not an .osm.pbf file?');
      readPrimitiveBlock(data, nodes, ways, keepWay);
    }
    onProgress?.(pos, bytes.length);
  }
  if (!sawHeader) throw new OsmFormatError('no OSMHeader block: not an .osm.pbf file');
  return { nodes, ways };
}

function readBlobHeader(buf: Uint8Array): { type: string; datasize: number } {
  const pbf = new PbfReader(buf);
  const h = { type: '', datasize: 0 };
  for (let tag; (tag = pbf.nextField());) {
    if (tag === 1) h.type = pbf.readString();
    else if (tag === 3) h.datasize = pbf.readVarint();
  }
  if (!h.type) throw new OsmFormatError('blob header without a type: not an .osm.pbf file');
  return h;
}

function readBlob(buf: Uint8Array): Uint8Array {
  const pbf = new PbfReader(buf);
  for (let tag; (tag = pbf.nextField());) {
    if (tag === 1) return pbf.readBytes();
    if (tag === 3) return zlib.inflateSync(pbf.readBytes());
    if (tag === 4 || tag === 5 || tag === 6 || tag === 7)
      throw new OsmFormatError('compression other than zlib is not supported (lzma, lz4, zstd)');
  }
  throw new OsmFormatError('empty blob');
}

function readRequiredFeatures(buf: Uint8Array): string[] {
  const pbf = new PbfReader(buf);
  const out: string[] = [];
  for (let tag; (tag = pbf.nextField());) if (tag === 4) out.push(pbf.readString());
  return out;
}

function readPrimitiveBlock(
  buf: Uint8Array,
  nodes: Map<number, [number, number]>,
  ways: OsmWay[],
  keepWay: (tags: Record<string, string>) => boolean,
) {
  const pbf = new PbfReader(buf);
  const strings: string[] = [];
  const groups: [number, number][] = [];
  let granularity = 100;
  let latOffset = 0;
  let lonOffset = 0;
  for (let tag; (tag = pbf.nextField());) {
    if (tag === 1) {
      const end = pbf.readVarint() + pbf.pos;
      while (pbf.pos < end) {
        const t = pbf.nextField(end);
        if (t === 1) strings.push(pbf.readString());
      }
    } else if (tag === 2) {
      const length = pbf.readVarint();
      groups.push([pbf.pos, pbf.pos + length]);
      pbf.pos += length;
    } else if (tag === 17) granularity = pbf.readVarint();
    else if (tag === 19) latOffset = pbf.readVarint(true);
    else if (tag === 20) lonOffset = pbf.readVarint(true);
  }
  const coord = (offset: number, v: number) => (offset + granularity * v) / 1e9;
  for (const [start, end] of groups) {
    pbf.pos = start;
    for (let tag; (tag = pbf.nextField(end));) {
      if (tag === 2) {
        const dEnd = pbf.readVarint() + pbf.pos;
        const ids: number[] = [],
          lats: number[] = [],
          lons: number[] = [];
        for (let t; (t = pbf.nextField(dEnd));) {
          if (t === 1) pbf.readPackedSVarint(ids);
          else if (t === 8) pbf.readPackedSVarint(lats);
          else if (t === 9) pbf.readPackedSVarint(lons);
        }
        let id = 0,
          lat = 0,
          lon = 0;
        for (let i = 0; i < ids.length; i++) {
          id += ids[i];
          lat += lats[i];
          lon += lons[i];
          nodes.set(id, [coord(lonOffset, lon), coord(latOffset, lat)]);
        }
      } else if (tag === 1) {
        const nEnd = pbf.readVarint() + pbf.pos;
        let id = 0,
          lat = 0,
          lon = 0;
        for (let t; (t = pbf.nextField(nEnd));) {
          if (t === 1) id = pbf.readSVarint();
          else if (t === 8) lat = pbf.readSVarint();
          else if (t === 9) lon = pbf.readSVarint();
        }
        nodes.set(id, [coord(lonOffset, lon), coord(latOffset, lat)]);
      } else if (tag === 3) {
        const wEnd = pbf.readVarint() + pbf.pos;
        let id = 0;
        const keys: number[] = [],
          vals: number[] = [],
          refs: number[] = [];
        for (let t; (t = pbf.nextField(wEnd));) {
          if (t === 1) id = pbf.readVarint();
          else if (t === 2) pbf.readPackedVarint(keys);
          else if (t === 3) pbf.readPackedVarint(vals);
          else if (t === 8) pbf.readPackedSVarint(refs);
        }
        const tags: Record<string, string> = {};
        for (let i = 0; i < keys.length; i++) tags[strings[keys[i]]] = strings[vals[i]];
        if (!keepWay(tags)) continue;
        let ref = 0;
        for (let i = 0; i < refs.length; i++) refs[i] = ref += refs[i];
        ways.push({ id, refs, tags });
      }
    }
  }
}
