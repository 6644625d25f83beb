/**
 * Regenerates the binary fixtures from readable sources:
 *   roads-small.osm.pbf                     ← roads-small.osm
 *   boundaries-admin-express-lambert93.zip  ← the four Cher communes below (Lambert-93 squares)
 *
 *   npx tsx server/src/features/imports/test/make-binary-fixtures.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { readOsmXml } from '../osm-xml';
import { writeOsmPbf } from './osm-pbf-writer';
import { LAMBERT_93_PRJ, zippedShapefile } from './shapefile-writer';

const dir = path.join(import.meta.dirname, 'fixtures');
const osm = readOsmXml(fs.readFileSync(path.join(dir, 'roads-small.osm'), 'utf8'), () => true);
fs.writeFileSync(path.join(dir, 'roads-small.osm.pbf'), writeOsmPbf(osm));

const square = (x0: number, y0: number, x1: number, y1: number): [number, number][][] => [
  [
    [x0, y0],
    [x0, y1],
    [x1, y1],
    [x1, y0],
    [x0, y0],
  ],
];
const commune = (
  code: string,
  nom: string,
  population: string,
  epci: string,
  ring: [number, number][][],
) => ({
  rings: ring,
  fields: {
    ID: `COMMUNE_000000000975${code.slice(2)}`,
    NOM: nom,
    INSEE_COM: code,
    POPULATION: population,
    SIREN_EPCI: epci,
  },
});
fs.writeFileSync(
  path.join(dir, 'boundaries-admin-express-lambert93.zip'),
  zippedShapefile(
    'COMMUNE',
    [
      commune('18033', 'Bourges', '64186', '241800507', square(650000, 6660000, 656000, 6668000)),
      commune('18004', 'Allogny', '1142', '200066330', square(640000, 6678000, 646000, 6684000)),
      commune('18005', 'Allouis', '1036', '200066330', square(630000, 6672000, 636000, 6677000)),
      commune('18023', 'Baugy', '1598', '200032514', square(675000, 6662000, 680000, 6667000)),
    ],
    LAMBERT_93_PRJ,
  ),
);
console.log(`wrote ${dir}/roads-small.osm.pbf and boundaries-admin-express-lambert93.zip`);
