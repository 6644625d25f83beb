import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readOsmPbf, OsmFormatError } from './osm-pbf';
import { readOsmXml } from './osm-xml';

const fixture = (name: string) =>
  fs.readFileSync(path.join(import.meta.dirname, 'test/fixtures', name));
const all = () => true;

describe('OpenStreetMap readers', () => {
  it('the .osm.pbf and the .osm XML of the same extract decode to the same nodes and ways', () => {
    const xml = readOsmXml(fixture('roads-small.osm').toString('utf8'), all);
    const pbf = readOsmPbf(new Uint8Array(fixture('roads-small.osm.pbf')), all);
    expect(pbf.ways).toEqual(xml.ways);
    expect([...pbf.nodes.keys()]).toEqual([...xml.nodes.keys()]);
    for (const [id, [lon, lat]] of xml.nodes) {
      expect(pbf.nodes.get(id)![0]).toBeCloseTo(lon, 7);
      expect(pbf.nodes.get(id)![1]).toBeCloseTo(lat, 7);
    }
    expect(xml.ways.map((w) => w.id)).toEqual([100, 101, 102, 103, 104]);
  });

  it('keeps only the ways asked for', () => {
    const pbf = readOsmPbf(
      new Uint8Array(fixture('roads-small.osm.pbf')),
      (tags) => tags.highway === 'primary',
    );
    expect(pbf.ways.map((w) => [w.id, w.refs])).toEqual([[100, [1, 2, 3, 4]]]);
  });

  it('refuses a file that is not .osm.pbf', () => {
    expect(() => readOsmPbf(new Uint8Array(fixture('mams.csv')), all)).toThrow(OsmFormatError);
    expect(() => readOsmXml('<gpx></gpx>', all)).toThrow('not an OpenStreetMap XML file');
  });
});
