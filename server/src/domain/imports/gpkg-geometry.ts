/**
 * GeoPackage geometry blobs: a header (magic `GP`, version, flags, SRS id, optional envelope)
 * followed by ISO WKB. Only what the grid import needs: the SRS id and the extent of a polygon
 * cell. Pure.
 */

export type Extent = readonly [minX: number, minY: number, maxX: number, maxY: number];

export type BlobRead = { srsId: number; extent: Extent | null } | { error: string };

const ENVELOPE_BYTES = [0, 32, 48, 48, 64];

/** SRS id and extent (in the SRS's units) of a GeoPackage geometry blob; extent null when empty. */
export function readGpkgGeometry(blob: Uint8Array): BlobRead {
  if (blob.length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50)
    return { error: 'not a GeoPackage geometry (no GP header)' };
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const flags = blob[3];
  const little = (flags & 1) === 1;
  const envelope = (flags >> 1) & 7;
  const empty = (flags >> 4) & 1;
  if (envelope >= ENVELOPE_BYTES.length) return { error: `unknown envelope type ${envelope}` };
  const srsId = view.getInt32(4, little);
  if (empty) return { srsId, extent: null };
  if (envelope > 0) {
    const [minX, maxX, minY, maxY] = [0, 1, 2, 3].map((i) => view.getFloat64(8 + 8 * i, little));
    return { srsId, extent: [minX, minY, maxX, maxY] };
  }
  try {
    return { srsId, extent: wkbExtent(view, 8) };
  } catch (error) {
    return { error: `unreadable WKB: ${(error as Error).message}` };
  }
}

/** Extent of the coordinates of a WKB (Multi)Polygon starting at `offset` (2D, Z, M or ZM). */
function wkbExtent(view: DataView, offset: number): Extent {
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  let pos = offset;
  const readGeometry = () => {
    const little = view.getUint8(pos) === 1;
    const type = view.getUint32(pos + 1, little);
    pos += 5;
    const base = type % 1000;
    const dims =
      2 +
      (type >= 1000 && type < 2000 ? 1 : type >= 2000 && type < 3000 ? 1 : 0) +
      (type >= 3000 && type < 4000 ? 2 : 0);
    if (base === 6) {
      const parts = view.getUint32(pos, little);
      pos += 4;
      for (let i = 0; i < parts; i++) readGeometry();
      return;
    }
    if (base !== 3) throw new Error(`geometry type ${type} is not a polygon`);
    const rings = view.getUint32(pos, little);
    pos += 4;
    for (let r = 0; r < rings; r++) {
      const points = view.getUint32(pos, little);
      pos += 4;
      for (let p = 0; p < points; p++) {
        const x = view.getFloat64(pos, little);
        const y = view.getFloat64(pos + 8, little);
        box[0] = Math.min(box[0], x);
        box[1] = Math.min(box[1], y);
        box[2] = Math.max(box[2], x);
        box[3] = Math.max(box[3], y);
        pos += 8 * dims;
      }
    }
  };
  readGeometry();
  if (!Number.isFinite(box[0])) throw new Error('no coordinates');
  return [box[0], box[1], box[2], box[3]];
}
