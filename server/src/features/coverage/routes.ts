import { Router, type Response } from 'express';
import { stringify } from 'csv-stringify/sync';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Database } from '../../db/database';
import { fetchDataVersions } from '../../db/data-versions';
import { spreadsheetSafe } from '../../kernel';
import { dataVersionEtag, ifNoneMatchMatches } from '../../http/conditional';
import { parseRequest } from '../../http/validate';
import { viewerOf } from '../../http/viewer';
import { fetchFacilitiesInBbox, sourcesJson, type TerritoryListRow } from './repository';
import {
  facilitiesQuery,
  territoryDetailQuery,
  territoryListQuery,
  territoryParams,
  territoryProperties,
  type FacilityCollection,
} from '../../../../contract';
import { listTerritories, territoryDetail, type TerritoryProperties } from './territories';

/** GET /api/territories, /api/territories/:level/:code, /api/facilities. */
export function coverageRoutes(db: Database): Router {
  const router = Router();

  router.get('/territories', async (req, res) => {
    const q = parseRequest(req, 'query', territoryListQuery);
    if (q.format === 'csv') {
      const { rows, metadata } = await listTerritories(db.knex, {
        ...q,
        withGeometry: false,
        viewer: viewerOf(req),
      });
      sendCsv(
        res,
        `territoires-${q.level}-${metadata.year}.csv`,
        rows.map((r) => ({ ...JSON.parse(r.properties), sources: JSON.parse(sourcesJson(r)) })),
        metadata.datasets,
      );
      return;
    }
    // Streamed in slices, its ETag taken from the data version: the body of 35,000 communes
    // (28 MB) is never held as one string, and no hash of it is awaited before the first byte.
    const viewer = viewerOf(req);
    const etag = dataVersionEtag((await fetchDataVersions(db.knex)).data, { list: q, viewer });
    if (ifNoneMatchMatches(req.get('If-None-Match'), etag)) {
      res.status(304).set('ETag', etag).end();
      return;
    }
    const { rows, metadata } = await listTerritories(db.knex, {
      ...q,
      withGeometry: true,
      viewer,
    });
    res.type('application/geo+json').set('ETag', etag);
    await pipeline(Readable.from(featureCollectionText(metadata, rows)), res).catch((error) => {
      // The client went away mid-answer: nothing to answer any more.
      if (error?.code !== 'ERR_STREAM_PREMATURE_CLOSE') throw error;
    });
  });

  router.get('/territories/:level/:code', async (req, res) => {
    const { level, code } = parseRequest(req, 'params', territoryParams);
    const q = parseRequest(req, 'query', territoryDetailQuery);
    res.json(await territoryDetail(db.knex, level, code, q.year, q.reference, viewerOf(req)));
  });

  router.get('/facilities', async (req, res) => {
    const q = parseRequest(req, 'query', facilitiesQuery);
    const rows = await fetchFacilitiesInBbox(
      db.knex,
      q.bbox,
      q.type ? [q.type] : ['eaje', 'mam'],
      q.limit + 1,
      q.departement ?? null,
    );
    const truncated = rows.length > q.limit;
    const answer: FacilityCollection = {
      type: 'FeatureCollection',
      metadata: { count: Math.min(rows.length, q.limit), truncated, limit: q.limit },
      features: rows.slice(0, q.limit).map(({ lon, lat, ...p }) => ({
        type: 'Feature',
        id: `${p.type}-${p.id}`,
        geometry: { type: 'Point', coordinates: [lon, lat] },
        properties: p,
      })),
    };
    res.type('application/geo+json').json(answer);
  });

  return router;
}

/**
 * The FeatureCollection's text, in slices of a thousand features. Outlines and properties arrive
 * as JSON text from PostgreSQL (sql/queries/territories/list.sql) and are spliced in, not parsed
 * and serialised again. The metadata comes first, as in every other collection of the API.
 */
function* featureCollectionText(
  metadata: unknown,
  rows: TerritoryListRow[],
  sliceSize = 1000,
): Generator<string> {
  yield `{"type":"FeatureCollection","metadata":${JSON.stringify(metadata)},"features":[`;
  for (let start = 0; start < rows.length; start += sliceSize) {
    const slice = rows.slice(start, start + sliceSize).map((r) => {
      const label = `[${round5(r.label_lon)},${round5(r.label_lat)}]`;
      // The properties' object, opened again for the two fields that are cheaper made here.
      const properties = `${r.properties.slice(0, -1)},"sources":${sourcesJson(r)},"label_point":${label}}`;
      return `{"type":"Feature","id":${JSON.stringify(r.code)},"geometry":${r.geometry},"properties":${properties}}`;
    });
    yield (start > 0 ? ',' : '') + slice.join(',');
  }
  yield ']}';
}

/** Label coordinates to 5 decimals (~1 m). */
const round5 = (x: number) => Math.round(x * 1e5) / 1e5;

/** The CSV's columns: the served properties in the contract's order, but the label point. */
const CSV_COLUMNS = (
  Object.keys(territoryProperties.shape) as (keyof TerritoryProperties)[]
).filter((c) => c !== 'label_point');

/**
 * CSV that French Excel opens correctly: UTF-8 with a BOM, `;` separator, decimal commas,
 * CRLF line ends. Sources are written by name and vintage, not by id.
 */
function sendCsv(
  res: Response,
  filename: string,
  rows: TerritoryProperties[],
  datasets: { id: number; name: string; vintage: string; fictional: boolean }[],
) {
  const label = new Map(
    datasets.map((d) => [d.id, `${d.name} (${d.vintage})${d.fictional ? ' [fictif]' : ''}`]),
  );
  const body = stringify(
    rows.map((r) =>
      CSV_COLUMNS.map((c) => {
        const v = r[c];
        if (c === 'sources')
          return spreadsheetSafe(
            (v as number[]).map((id) => label.get(id) ?? String(id)).join(' | '),
          );
        if (typeof v === 'number') return String(v).replace('.', ',');
        if (typeof v === 'boolean') return v ? 'oui' : 'non';
        // Text (names, codes, classes) is never run by a spreadsheet; numbers stay numbers.
        return typeof v === 'string' ? spreadsheetSafe(v) : '';
      }),
    ),
    {
      header: true,
      columns: CSV_COLUMNS as string[],
      delimiter: ';',
      record_delimiter: 'windows',
      bom: true,
    },
  );
  res.type('text/csv; charset=utf-8').attachment(filename).send(body);
}
