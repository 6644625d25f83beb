/**
 * A minimal `.osm.pbf` writer for tests: one OSMHeader blob and one zlib-compressed OSMData blob
 * holding DenseNodes and ways (granularity 100 nanodegrees). Enough to produce fixtures in the
 * real binary format from readable data.
 */
import zlib from 'node:zlib';
import { PbfWriter } from 'pbf';
import type { OsmData } from '../osm-xml';

function blob(type: string, payload: Uint8Array, compress: boolean): Uint8Array {
  const body = new PbfWriter();
  if (compress) {
    body.writeVarintField(2, payload.length);
    body.writeBytesField(3, zlib.deflateSync(payload));
  } else body.writeBytesField(1, payload);
  const blobBytes = body.finish();
  const header = new PbfWriter();
  header.writeStringField(1, type);
  header.writeVarintField(3, blobBytes.length);
  const headerBytes = header.finish();
  const out = new Uint8Array(4 + headerBytes.length + blobBytes.length);
  new DataView(out.buffer).setUint32(0, headerBytes.length, false);
  out.set(headerBytes, 4);
  out.set(blobBytes, 4 + headerBytes.length);
  return out;
}

const delta = (values: number[]) => values.map((v, i) => v - (i > 0 ? values[i - 1] : 0));

export function writeOsmPbf(data: OsmData): Uint8Array {
  const header = new PbfWriter();
  header.writeStringField(4, 'OsmSchema-V0.6');
  header.writeStringField(4, 'DenseNodes');
  header.writeStringField(16, 'berceau-test-writer');

  const strings = [''];
  const index = (s: string) => {
    let i = strings.indexOf(s);
    if (i < 0) i = strings.push(s) - 1;
    return i;
  };
  const ways = data.ways.map((w) => ({
    id: w.id,
    keys: Object.keys(w.tags).map(index),
    vals: Object.values(w.tags).map(index),
    refs: delta([...w.refs]),
  }));
  const ids = [...data.nodes.keys()];
  const lats = ids.map((id) => Math.round(data.nodes.get(id)![1] * 1e7));
  const lons = ids.map((id) => Math.round(data.nodes.get(id)![0] * 1e7));

  const block = new PbfWriter();
  block.writeMessage(
    1,
    (_: unknown, pbf: PbfWriter) => {
      for (const s of strings) pbf.writeBytesField(1, new TextEncoder().encode(s));
    },
    null,
  );
  block.writeMessage(
    2,
    (_: unknown, pbf: PbfWriter) => {
      pbf.writeMessage(
        2,
        (__: unknown, dense: PbfWriter) => {
          dense.writePackedSVarint(1, delta(ids));
          dense.writePackedSVarint(8, delta(lats));
          dense.writePackedSVarint(9, delta(lons));
        },
        null,
      );
    },
    null,
  );
  block.writeMessage(
    2,
    (_: unknown, pbf: PbfWriter) => {
      for (const w of ways) {
        pbf.writeMessage(
          3,
          (__: unknown, way: PbfWriter) => {
            way.writeVarintField(1, w.id);
            way.writePackedVarint(2, w.keys);
            way.writePackedVarint(3, w.vals);
            way.writePackedSVarint(8, w.refs);
          },
          null,
        );
      }
    },
    null,
  );
  const a = blob('OSMHeader', header.finish(), false);
  const b = blob('OSMData', block.finish(), true);
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
