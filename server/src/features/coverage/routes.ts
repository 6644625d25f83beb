import { Router, type Response } from 'express';
import { LRUCache } from 'lru-cache';
import { stringify } from 'csv-stringify/sync';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Database } from '../../db/database';
import { fetchDataVersions } from '../../db/data-versions';
import { datasetsAmong, spreadsheetSafe } from '../../kernel';
import { RATE_MODE_LABELS, type RateMode } from '../../domain/coverage';
import { dataVersionEtag, ifNoneMatchMatches } from '../../http/conditional';
import { KeptAnswers } from '../../http/kept-answers';
import { parseRequest } from '../../http/validate';
import { viewerOf } from '../../http/viewer';
import { seesAnyExact } from '../../domain/accounts';
import { fetchFacilitiesInBbox, sourcesJson, type TerritoryListRow } from './repository';
import {
  customTerritoryQuery,
  facilitiesQuery,
  territoryDetailQuery,
  territoryListQuery,
  territoryParams,
  territoryAccessibility,
  territoryProperties,
  type FacilityCollection,
} from '../../../../contract';
import { customTerritoryDetail } from './custom-territory';
import {
  latestYear,
  listTerritories,
  territoryDetail,
  type TerritoryProperties,
} from './territories';
import type {
  AccessibilityMethodInfo,
  TerritoryAccessibility,
  TerritoryLevel,
} from '../../../../contract';
import type { Viewer } from '../../kernel';

/**
 * The accessibility figures of every territory of a level (the accessibility feature's, handed
 * in by the app); null when they cannot be computed (no roads, no demand grid).
 */
export type AccessibilityLookup = (q: {
  level: TerritoryLevel;
  year: number;
  viewer: Viewer;
  /** The département the answer is about (null: every loaded territory): its side of the data. */
  departement: string | null;
}) => Promise<{
  method: AccessibilityMethodInfo;
  figures: Map<string, TerritoryAccessibility>;
} | null>;

/** GET /api/territories, /api/territories/:level/:code, /api/facilities. */
export function coverageRoutes(db: Database, accessibility?: AccessibilityLookup): Router {
  const router = Router();
  // Public lists already sent, by ETag (data version, query, viewer: one body each): a crowd
  // asking for the same list gets its text without the query and the serialisation.
  const sentLists = new LRUCache<string, string[]>({
    maxSize: LIST_MEMORY_CHARACTERS,
    sizeCalculation: (slices) => slices.reduce((n, slice) => n + slice.length, 1),
  });
  // Détails and facilities already made, per data version, request and viewer (public answers
  // only): the détail of a département runs about ten queries.
  const keptAnswers = new KeptAnswers(ANSWER_MEMORY_CHARACTERS);
  /** The answer's text, kept per data version when `keep`, else made for this request. */
  const answerText = async (
    keep: boolean,
    request: unknown,
    viewer: Viewer,
    make: () => Promise<unknown>,
  ): Promise<string> => {
    if (!keep || seesAnyExact(viewer.exactFigures)) return JSON.stringify(await make());
    // The version is read before the data: a kept answer is never older than its key says.
    const { data } = await fetchDataVersions(db.knex);
    return keptAnswers.get(dataVersionEtag(data, { request, viewer }), make);
  };
  /** The figures asked for with `accessibility=true`, or none (undefined) when not asked. */
  const accessibilityOf = async (asked: boolean, q: Parameters<AccessibilityLookup>[0]) =>
    asked && accessibility ? await accessibility(q) : undefined;
  /** The answer's datasets and those the accessibility figures come from (grid, roads). */
  const withAccessSources = async <D extends { id: number }>(
    datasets: D[],
    access: Awaited<ReturnType<AccessibilityLookup>> | undefined,
  ): Promise<D[]> => {
    if (!access) return datasets;
    const known = new Set(datasets.map((d) => d.id));
    const more = access.method.sources.filter((id) => !known.has(id));
    if (more.length === 0) return datasets;
    const extra = (await datasetsAmong(db.knex, more)) as unknown as D[];
    return [...datasets, ...extra].sort((a, b) => a.id - b.id);
  };

  router.get('/territories', async (req, res) => {
    const q = parseRequest(req, 'query', territoryListQuery);
    if (q.format === 'csv') {
      const { rows, metadata } = await listTerritories(db.knex, {
        ...q,
        withGeometry: false,
        viewer: viewerOf(req),
      });
      const access = await accessibilityOf(q.accessibility, {
        level: q.level,
        year: metadata.year,
        viewer: viewerOf(req),
        departement: q.departement ?? null,
      });
      sendCsv(
        res,
        `territoires-${q.level}-${metadata.year}.csv`,
        rows.map((r) => ({
          ...JSON.parse(r.properties),
          sources: JSON.parse(sourcesJson(r)),
          ...(access !== undefined && { accessibility: access?.figures.get(r.code) ?? null }),
        })),
        metadata.datasets,
        access !== undefined,
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
    const keep = !q.accessibility && !seesAnyExact(viewer.exactFigures);
    const sent = keep ? sentLists.get(etag) : undefined;
    if (sent) {
      res.type('application/geo+json').set('ETag', etag);
      await pipeline(Readable.from(sent), res).catch((error) => {
        if (error?.code !== 'ERR_STREAM_PREMATURE_CLOSE') throw error;
      });
      return;
    }
    const { rows, metadata } = await listTerritories(db.knex, {
      ...q,
      withGeometry: true,
      viewer,
    });
    const access = await accessibilityOf(q.accessibility, {
      level: q.level,
      year: metadata.year,
      viewer,
      departement: q.departement ?? null,
    });
    res.type('application/geo+json').set('ETag', etag);
    const text = featureCollectionText(
      access === undefined
        ? metadata
        : {
            ...metadata,
            datasets: await withAccessSources(metadata.datasets, access),
            accessibility: access?.method ?? null,
          },
      rows,
      access === undefined ? undefined : (code) => access?.figures.get(code) ?? null,
    );
    const slices: string[] = [];
    const sending = keep ? keeping(text, slices) : text;
    const complete = await pipeline(Readable.from(sending), res).then(
      () => true,
      (error) => {
        // The client went away mid-answer: nothing to answer any more.
        if (error?.code !== 'ERR_STREAM_PREMATURE_CLOSE') throw error;
        return false;
      },
    );
    if (keep && complete) sentLists.set(etag, slices);
  });

  router.get('/territories/:level/:code', async (req, res) => {
    const { level, code } = parseRequest(req, 'params', territoryParams);
    const q = parseRequest(req, 'query', territoryDetailQuery);
    const viewer = viewerOf(req);
    // With accessibility figures the answer also rests on the accessibility feature's own
    // keeping: made at each request.
    const text = await answerText(!q.accessibility, { detail: { level, code, q } }, viewer, () =>
      territoryDetailAnswer(level, code, q, viewer),
    );
    res.type('application/json').send(text);
  });

  const territoryDetailAnswer = async (
    level: TerritoryLevel,
    code: string,
    q: ReturnType<typeof territoryDetailQuery.parse>,
    viewer: Viewer,
  ) => {
    const detail = await territoryDetail(db.knex, level, code, q.year, q.reference, viewer);
    const access = await accessibilityOf(q.accessibility, {
      level,
      year: detail.territory.year,
      viewer,
      departement: level === 'departement' ? code : detail.territory.departement_code,
    });
    const figures = access?.figures.get(code);
    return access === undefined
      ? detail
      : {
          ...detail,
          datasets: await withAccessSources(detail.datasets, access),
          accessibility: figures ? { ...figures, method: access!.method } : null,
        };
  };

  router.get('/territories/custom', async (req, res) => {
    const q = parseRequest(req, 'query', customTerritoryQuery);
    res.json(await customTerritoryDetail(db.knex, q.codes, q.year, q.reference, viewerOf(req)));
  });

  router.get('/facilities', async (req, res) => {
    const q = parseRequest(req, 'query', facilitiesQuery);
    const text = await answerText(true, { facilities: q }, viewerOf(req), () =>
      facilitiesAnswer(q),
    );
    res.type('application/geo+json').send(text);
  });

  const facilitiesAnswer = async (
    q: ReturnType<typeof facilitiesQuery.parse>,
  ): Promise<FacilityCollection> => {
    // What was open in the figures' year, so that the map never contradicts a commune's figure.
    const [minLon, minLat, maxLon, maxLat] = q.bbox;
    const centre = { lon: (minLon + maxLon) / 2, lat: (minLat + maxLat) / 2 };
    const year = q.year ?? (await latestYear(db.knex, q.departement, centre));
    const rows = await fetchFacilitiesInBbox(
      db.knex,
      q.bbox,
      q.type ? [q.type] : ['eaje', 'mam'],
      q.limit + 1,
      q.departement ?? null,
      year,
    );
    const truncated = rows.length > q.limit;
    return {
      type: 'FeatureCollection',
      metadata: { count: Math.min(rows.length, q.limit), truncated, limit: q.limit, year },
      features: rows.slice(0, q.limit).map(({ lon, lat, ...p }) => ({
        type: 'Feature',
        id: `${p.type}-${p.id}`,
        geometry: { type: 'Point', coordinates: [lon, lat] },
        properties: p,
      })),
    };
  };

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
  accessibilityOf?: (code: string) => TerritoryAccessibility | null,
  sliceSize = 1000,
): Generator<string> {
  yield `{"type":"FeatureCollection","metadata":${JSON.stringify(metadata)},"features":[`;
  for (let start = 0; start < rows.length; start += sliceSize) {
    const slice = rows.slice(start, start + sliceSize).map((r) => {
      const label = `[${round5(r.label_lon)},${round5(r.label_lat)}]`;
      // The properties' object, opened again for the two fields that are cheaper made here.
      const access = accessibilityOf
        ? `,"accessibility":${JSON.stringify(accessibilityOf(r.code))}`
        : '';
      const properties = `${r.properties.slice(0, -1)},"sources":${sourcesJson(r)},"label_point":${label}${access}}`;
      return `{"type":"Feature","id":${JSON.stringify(r.code)},"geometry":${r.geometry},"properties":${properties}}`;
    });
    yield (start > 0 ? ',' : '') + slice.join(',');
  }
  yield ']}';
}

/** Memory for the détails and facilities kept (characters). */
const ANSWER_MEMORY_CHARACTERS = 16 * 1024 * 1024;

/** Memory for the public lists kept (characters): the 35,000 communes of France fit. */
const LIST_MEMORY_CHARACTERS = 48 * 1024 * 1024;

/** The slices of `text` as they are sent, kept in `into`. */
function* keeping(text: Iterable<string>, into: string[]): Generator<string> {
  for (const slice of text) {
    into.push(slice);
    yield slice;
  }
}

/** Label coordinates to 5 decimals (~1 m). */
const round5 = (x: number) => Math.round(x * 1e5) / 1e5;

/** The CSV's columns: the served properties in the contract's order, but the label point. */
const CSV_COLUMNS = (
  Object.keys(territoryProperties.shape) as (keyof TerritoryProperties)[]
).filter((c) => c !== 'label_point' && c !== 'accessibility');
/** With `accessibility=true`: its fields flattened, `accessibility_<field>`. */
const ACCESSIBILITY_COLUMNS = Object.keys(
  territoryAccessibility.shape,
) as (keyof TerritoryAccessibility)[];

/**
 * CSV that French Excel opens correctly: UTF-8 with a BOM, `;` separator, decimal commas,
 * CRLF line ends. Sources are written by name and vintage, not by id.
 */
function sendCsv(
  res: Response,
  filename: string,
  rows: TerritoryProperties[],
  datasets: { id: number; name: string; vintage: string; fictional: boolean }[],
  withAccessibility: boolean,
) {
  const label = new Map(
    datasets.map((d) => [d.id, `${d.name} (${d.vintage})${d.fictional ? ' [fictif]' : ''}`]),
  );
  const cell = (v: unknown) => {
    if (typeof v === 'number') return String(v).replace('.', ',');
    if (typeof v === 'boolean') return v ? 'oui' : 'non';
    // The missing modes of the rate, by their French names ("assistants maternels, MAM").
    if (Array.isArray(v))
      return spreadsheetSafe(v.map((m) => RATE_MODE_LABELS[m as RateMode] ?? String(m)).join(', '));
    // Text (names, codes, classes) is never run by a spreadsheet; numbers stay numbers.
    return typeof v === 'string' ? spreadsheetSafe(v) : '';
  };
  const extra = withAccessibility ? ACCESSIBILITY_COLUMNS : [];
  const body = stringify(
    rows.map((r) => [
      ...CSV_COLUMNS.map((c) => {
        const v = r[c];
        if (c === 'sources')
          return spreadsheetSafe(
            (v as number[]).map((id) => label.get(id) ?? String(id)).join(' | '),
          );
        return cell(v);
      }),
      ...extra.map((c) => cell(r.accessibility?.[c])),
    ]),
    {
      header: true,
      columns: [...CSV_COLUMNS, ...extra.map((c) => `accessibility_${c}`)],
      delimiter: ';',
      record_delimiter: 'windows',
      bom: true,
    },
  );
  res.type('text/csv; charset=utf-8').attachment(filename).send(body);
}
