import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorAnswer } from '../../../contract';
import { createTestDatabase, databaseMode, startTestServer } from '../../test/database';
import { expectContract } from '../../test/contract';
import type { Database } from '../db/database';
import { loadDemo } from '../features/demo/service';
import { refreshCoverage } from '../kernel';
import type { TestServer } from '../../test/database';
import { signedIn, type Browser } from '../../test/sign-in';

/**
 * The bad-input battery: requests a careless user, a broken client or an attacker sends to every
 * endpoint. Each must answer a 4xx in the one error shape, log nothing above info (no stack for
 * the client's mistake) and write nothing (every table's row count and the data version are the
 * same after the whole battery).
 */

interface BadRequest {
  /** What is wrong, for the test's name. */
  what: string;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  /** Sent by a signed-in admin (cookies and CSRF token) rather than the public. */
  asAdmin?: boolean;
  /** A JSON body as text (sent as application/json unless `type` says otherwise). */
  body?: string;
  type?: string;
  status: number;
  code: string;
  /** The field the details must name, when the answer has per-field details. */
  field?: string;
}

const BBOX = '2.0,46.5,3.5,47.5';
/** An EAJE list with unknown communes and bad places (row 5: an unknown INSEE code). */
const BROKEN_EAJE = readFileSync(
  path.join(import.meta.dirname, '../features/imports/test/fixtures/eaje-broken-rows.csv'),
  'utf8',
);
/** The review of gap zones, imports, datasets and childminders' homes: refused, nothing written. */
const REVIEW_AND_ADMIN_CASES: BadRequest[] = [
  {
    what: 'a review against a negative version',
    method: 'PATCH',
    path: '/api/gap-zones/gz-3f1c0a9b7d21/review',
    asAdmin: true,
    body: JSON.stringify({ version: -1 }),
    status: 400,
    code: 'bad_request',
    field: 'body.version',
  },
  {
    what: 'a comment that is a number',
    method: 'POST',
    path: '/api/gap-zones/gz-3f1c0a9b7d21/comments',
    asAdmin: true,
    body: JSON.stringify({ text: 5 }),
    status: 400,
    code: 'bad_request',
    field: 'body.text',
  },
  {
    what: 'a decision dated the French way',
    method: 'POST',
    path: '/api/gap-zones/gz-3f1c0a9b7d21/decisions',
    asAdmin: true,
    body: JSON.stringify({ text: 'Ouvrir une MAM', decided_on: '14/03/2025' }),
    status: 400,
    code: 'bad_request',
    field: 'body.decided_on',
  },
  {
    what: 'an upload by the public',
    method: 'POST',
    path: '/api/imports?kind=eaje&fileName=eaje.csv',
    body: BROKEN_EAJE,
    type: 'application/octet-stream',
    status: 401,
    code: 'unauthenticated',
  },
  {
    what: 'an upload of an unknown kind',
    method: 'POST',
    path: '/api/imports?kind=crèches&fileName=eaje.csv',
    asAdmin: true,
    body: BROKEN_EAJE,
    type: 'application/octet-stream',
    status: 400,
    code: 'bad_request',
    field: 'query.kind',
  },
  {
    what: 'an upload named with a folder',
    method: 'POST',
    path: '/api/imports?kind=eaje&fileName=..%2F..%2Fetc%2Feaje.csv',
    asAdmin: true,
    body: BROKEN_EAJE,
    type: 'application/octet-stream',
    status: 400,
    code: 'bad_request',
    field: 'query.fileName',
  },
  {
    what: 'an empty upload',
    method: 'POST',
    path: '/api/imports?kind=eaje&fileName=eaje.csv',
    asAdmin: true,
    status: 400,
    code: 'bad_request',
    field: 'body',
  },
  {
    what: 'an upload of rows of unknown communes and places in words',
    method: 'POST',
    path: '/api/imports?kind=eaje&fileName=eaje.csv',
    asAdmin: true,
    body: BROKEN_EAJE,
    type: 'application/octet-stream',
    status: 400,
    code: 'bad_request',
    field: 'file.row.5.code_insee',
  },
  {
    what: 'an upload with a malformed checksum',
    method: 'POST',
    path: '/api/imports?kind=eaje&fileName=eaje.csv&checksum=abc',
    asAdmin: true,
    body: BROKEN_EAJE,
    type: 'application/octet-stream',
    status: 400,
    code: 'bad_request',
    field: 'query.checksum',
  },
  {
    what: 'the datasets listed to the public',
    path: '/api/datasets',
    status: 401,
    code: 'unauthenticated',
  },
  {
    what: 'an unknown dataset removed',
    method: 'DELETE',
    path: '/api/datasets/import:nope',
    asAdmin: true,
    status: 404,
    code: 'not_found',
  },
  {
    what: 'childminders’ homes asked by the public',
    path: '/api/childminders?level=departement&code=Z1',
    status: 401,
    code: 'unauthenticated',
  },
  {
    what: 'childminders of an unknown level',
    path: '/api/childminders?level=region&code=24',
    asAdmin: true,
    status: 400,
    code: 'bad_request',
    field: 'query.level',
  },
];
const iso = (body: unknown, what: string, field?: string): BadRequest => ({
  what,
  method: 'POST',
  path: '/api/isochrones',
  body: typeof body === 'string' ? body : JSON.stringify(body),
  status: 400,
  code: 'bad_request',
  field,
});
const origin = { lon: -5.0, lat: 45.8, mode: 'car' };

const user = (body: unknown): string => JSON.stringify(body);
const PASSWORD = 'une phrase de passe';
/** Sessions and accounts: the public is refused every write, an admin every bad body. */
const ACCOUNT_CASES: BadRequest[] = [
  {
    what: 'a sign-in without CSRF token',
    method: 'POST',
    path: '/api/session',
    body: user({ login: 'admin', password: PASSWORD }),
    status: 403,
    code: 'forbidden',
  },
  {
    what: 'a password change by the public',
    method: 'PUT',
    path: '/api/session/password',
    body: user({ currentPassword: 'x', newPassword: PASSWORD }),
    status: 401,
    code: 'unauthenticated',
  },
  {
    what: 'the users listed to the public',
    path: '/api/users',
    status: 401,
    code: 'unauthenticated',
  },
  {
    what: 'a user created by the public',
    method: 'POST',
    path: '/api/users',
    body: user({ login: 'eve', role: 'admin', password: PASSWORD }),
    status: 401,
    code: 'unauthenticated',
  },
  {
    what: 'a user changed by the public',
    method: 'PATCH',
    path: '/api/users/1',
    body: user({ role: 'admin' }),
    status: 401,
    code: 'unauthenticated',
  },
  {
    what: 'a user removed by the public',
    method: 'DELETE',
    path: '/api/users/1',
    status: 401,
    code: 'unauthenticated',
  },
  {
    what: 'a sign-in without password',
    asAdmin: true,
    method: 'POST',
    path: '/api/session',
    body: user({ login: 'admin' }),
    status: 400,
    code: 'bad_request',
    field: 'body.password',
  },
  {
    what: 'a sign-in with a number as login',
    asAdmin: true,
    method: 'POST',
    path: '/api/session',
    body: user({ login: 42, password: PASSWORD }),
    status: 400,
    code: 'bad_request',
    field: 'body.login',
  },
  {
    what: 'a new password too short',
    asAdmin: true,
    method: 'PUT',
    path: '/api/session/password',
    body: user({ currentPassword: PASSWORD, newPassword: 'court' }),
    status: 400,
    code: 'bad_request',
    field: 'body.newPassword',
  },
  {
    what: 'a user of an unknown role',
    asAdmin: true,
    method: 'POST',
    path: '/api/users',
    body: user({ login: 'eve', role: 'boss', password: PASSWORD }),
    status: 400,
    code: 'bad_request',
    field: 'body.role',
  },
  {
    what: 'a login with a space',
    asAdmin: true,
    method: 'POST',
    path: '/api/users',
    body: user({ login: 'e ve', role: 'admin', password: PASSWORD }),
    status: 400,
    code: 'bad_request',
    field: 'body.login',
  },
  {
    what: 'a territory of an unknown level',
    asAdmin: true,
    method: 'POST',
    path: '/api/users',
    body: user({
      login: 'eve',
      role: 'planner',
      territories: [{ level: 'region', code: '24' }],
      password: PASSWORD,
    }),
    status: 400,
    code: 'bad_request',
    field: 'body.territories.0.level',
  },
  {
    what: 'a planner without territory',
    asAdmin: true,
    method: 'POST',
    path: '/api/users',
    body: user({ login: 'eve', role: 'planner', password: PASSWORD }),
    status: 400,
    code: 'bad_request',
    field: 'body.territories',
  },
  {
    what: 'a taken login',
    asAdmin: true,
    method: 'POST',
    path: '/api/users',
    body: user({ login: 'ADMIN', role: 'admin', password: PASSWORD }),
    status: 409,
    code: 'conflict',
  },
  {
    what: 'a user id that is not a number',
    asAdmin: true,
    method: 'PATCH',
    path: '/api/users/abc',
    body: user({ role: 'admin' }),
    status: 400,
    code: 'bad_request',
    field: 'params.id',
  },
  {
    what: 'an unknown field in a user change',
    asAdmin: true,
    method: 'PATCH',
    path: '/api/users/1',
    body: user({ isAdmin: true }),
    status: 400,
    code: 'bad_request',
  },
  {
    what: 'an unknown user',
    asAdmin: true,
    method: 'DELETE',
    path: '/api/users/999',
    status: 404,
    code: 'not_found',
  },
  {
    what: 'the last admin removed',
    asAdmin: true,
    method: 'DELETE',
    path: '/api/users/1',
    status: 409,
    code: 'conflict',
  },
];

const BATTERY: BadRequest[] = [
  // Malformed URLs: percent-escapes that do not decode, in API paths and the client's.
  {
    what: 'a bad escape at the root',
    path: '/%zz',
    status: 400,
    code: 'bad_request',
    field: 'path',
  },
  {
    what: 'a cut UTF-8 sequence in a tile layer',
    path: '/api/tiles/%E0%A4%A/1/1/1.mvt',
    status: 400,
    code: 'bad_request',
    field: 'path',
  },
  {
    what: 'a bad escape in a territory code',
    path: '/api/territories/commune/%E0%A4%A',
    status: 400,
    code: 'bad_request',
    field: 'path',
  },
  {
    what: 'a bad escape in an asset path',
    path: '/assets/%zz.js',
    status: 400,
    code: 'bad_request',
    field: 'path',
  },
  {
    what: 'a bad escape under /api',
    path: '/api/%',
    status: 400,
    code: 'bad_request',
    field: 'path',
  },
  // Lists.
  {
    what: 'an unknown level',
    path: '/api/territories?level=region',
    status: 400,
    code: 'bad_request',
    field: 'query.level',
  },
  {
    what: 'no level',
    path: '/api/territories',
    status: 400,
    code: 'bad_request',
    field: 'query.level',
  },
  {
    what: 'a year that is a word',
    path: '/api/territories?level=epci&year=abc',
    status: 400,
    code: 'bad_request',
    field: 'query.year',
  },
  {
    what: 'a fractional year',
    path: '/api/territories?level=epci&year=2024.5',
    status: 400,
    code: 'bad_request',
    field: 'query.year',
  },
  {
    what: 'a year out of range',
    path: '/api/territories?level=epci&year=99999',
    status: 400,
    code: 'bad_request',
    field: 'query.year',
  },
  {
    what: 'a year without data',
    path: '/api/territories?level=epci&year=1990',
    status: 404,
    code: 'year_not_available',
  },
  {
    what: 'a year given twice',
    path: '/api/territories?level=epci&year=2023&year=2024',
    status: 400,
    code: 'bad_request',
    field: 'query.year',
  },
  {
    what: 'an unknown reference',
    path: '/api/territories?level=epci&reference=world',
    status: 400,
    code: 'bad_request',
    field: 'query.reference',
  },
  {
    what: 'an unknown format',
    path: '/api/territories?level=epci&format=xlsx',
    status: 400,
    code: 'bad_request',
    field: 'query.format',
  },
  {
    what: 'an unknown parameter',
    path: '/api/territories?level=epci&colour=red',
    status: 400,
    code: 'bad_request',
    field: 'query',
  },
  {
    what: 'SQL in the level',
    path: "/api/territories?level=commune'--",
    status: 400,
    code: 'bad_request',
    field: 'query.level',
  },
  {
    what: 'SQL in the département',
    path: "/api/territories?level=commune&departement=18'%20OR%20'1'='1",
    status: 400,
    code: 'bad_request',
    field: 'query.departement',
  },
  {
    what: 'a département in lower case',
    path: '/api/territories?level=commune&departement=2a',
    status: 400,
    code: 'bad_request',
    field: 'query.departement',
  },
  {
    what: 'a département not loaded',
    path: '/api/territories?level=commune&departement=18',
    status: 404,
    code: 'not_found',
  },
  // Details.
  {
    what: 'an unknown level in a detail',
    path: '/api/territories/region/18',
    status: 400,
    code: 'bad_request',
    field: 'params.level',
  },
  {
    what: 'SQL in a territory code',
    path: "/api/territories/commune/1';DROP%20TABLE%20commune;--",
    status: 400,
    code: 'bad_request',
    field: 'params.code',
  },
  {
    what: 'a code too long',
    path: `/api/territories/commune/${'9'.repeat(40)}`,
    status: 400,
    code: 'bad_request',
    field: 'params.code',
  },
  {
    what: 'an unknown territory',
    path: '/api/territories/commune/Z1999',
    status: 404,
    code: 'not_found',
  },
  {
    what: 'a bad year in a detail',
    path: '/api/territories/epci/000001001?year=-1',
    status: 400,
    code: 'bad_request',
    field: 'query.year',
  },
  {
    what: 'an unknown parameter in a detail',
    path: '/api/territories/epci/000001001?format=csv',
    status: 400,
    code: 'bad_request',
    field: 'query',
  },
  // Facilities.
  {
    what: 'no bbox',
    path: '/api/facilities',
    status: 400,
    code: 'bad_request',
    field: 'query.bbox',
  },
  {
    what: 'a bbox of three numbers',
    path: '/api/facilities?bbox=1,2,3',
    status: 400,
    code: 'bad_request',
    field: 'query.bbox',
  },
  {
    what: 'a bbox upside down',
    path: '/api/facilities?bbox=3,48,2,47',
    status: 400,
    code: 'bad_request',
    field: 'query.bbox',
  },
  {
    what: 'a bbox beyond the poles',
    path: '/api/facilities?bbox=2,95,3,96',
    status: 400,
    code: 'bad_request',
    field: 'query.bbox',
  },
  {
    what: 'a bbox of words',
    path: '/api/facilities?bbox=a,b,c,d',
    status: 400,
    code: 'bad_request',
    field: 'query.bbox',
  },
  {
    what: 'a bbox with SQL',
    path: '/api/facilities?bbox=2,46,3,47);DELETE%20FROM%20eaje;--',
    status: 400,
    code: 'bad_request',
    field: 'query.bbox',
  },
  {
    what: 'an unknown facility type',
    path: `/api/facilities?bbox=${BBOX}&type=creche`,
    status: 400,
    code: 'bad_request',
    field: 'query.type',
  },
  {
    what: 'a limit of zero',
    path: `/api/facilities?bbox=${BBOX}&limit=0`,
    status: 400,
    code: 'bad_request',
    field: 'query.limit',
  },
  {
    what: 'a huge limit',
    path: `/api/facilities?bbox=${BBOX}&limit=99999999`,
    status: 400,
    code: 'bad_request',
    field: 'query.limit',
  },
  // Isochrones.
  iso({ ...origin, minutes: [] }, 'no band', 'body.minutes'),
  iso({ ...origin, minutes: [20, 10] }, 'bands out of order', 'body.minutes'),
  iso({ ...origin, minutes: [10, 10] }, 'a repeated band', 'body.minutes'),
  iso({ ...origin, minutes: [0] }, 'a band of zero minutes', 'body.minutes.0'),
  iso({ ...origin, minutes: [61] }, 'a band beyond an hour', 'body.minutes.0'),
  iso({ ...origin, minutes: [1, 2, 3, 4, 5, 6, 7] }, 'seven bands', 'body.minutes'),
  iso({ ...origin, minutes: ['10'] }, 'a band as text', 'body.minutes.0'),
  iso({ ...origin, minutes: [10], mode: 'plane' }, 'an unknown mode', 'body.mode'),
  iso({ ...origin, lon: 200, minutes: [10] }, 'a longitude beyond 180', 'body.lon'),
  iso(
    { ...origin, lat: '46; DROP TABLE road_edge', minutes: [10] },
    'SQL as the latitude',
    'body.lat',
  ),
  iso({ ...origin, minutes: [10], year: '2024' }, 'a year as text', 'body.year'),
  iso({ ...origin, minutes: [10], admin: true }, 'an unknown field', 'body'),
  iso({ ...origin, lon: 150, minutes: [10] }, 'a point outside the territories', 'body.lon'),
  iso([1, 2], 'a list instead of an object', 'body'),
  {
    ...iso({ ...origin, minutes: [10] }, 'JSON sent as text/plain (not read)', 'body.minutes'),
    type: 'text/plain',
  },
  {
    what: 'JSON cut short',
    method: 'POST',
    path: '/api/isochrones',
    body: '{"lon":',
    status: 400,
    code: 'invalid_json',
  },
  {
    what: 'a bare string as the body',
    method: 'POST',
    path: '/api/isochrones',
    body: '"lon"',
    status: 400,
    code: 'invalid_json',
  },
  {
    what: 'a body of 2 MB',
    method: 'POST',
    path: '/api/isochrones',
    body: JSON.stringify({ ...origin, minutes: [10], pad: 'x'.repeat(2 * 1024 * 1024) }),
    status: 413,
    code: 'bad_request',
  },
  // Times to the nearest place.
  {
    what: 'an unknown nearest level',
    path: '/api/travel/nearest?level=epci',
    status: 400,
    code: 'bad_request',
    field: 'query.level',
  },
  {
    what: 'an unknown target',
    path: '/api/travel/nearest?level=grid&target=school',
    status: 400,
    code: 'bad_request',
    field: 'query.target',
  },
  {
    what: 'min_places of zero',
    path: '/api/travel/nearest?level=grid&min_places=0',
    status: 400,
    code: 'bad_request',
    field: 'query.min_places',
  },
  {
    what: 'min_places as a word',
    path: '/api/travel/nearest?level=grid&min_places=many',
    status: 400,
    code: 'bad_request',
    field: 'query.min_places',
  },
  {
    what: 'an unknown travel mode',
    path: '/api/travel/nearest?level=grid&mode=bike',
    status: 400,
    code: 'bad_request',
    field: 'query.mode',
  },
  // Tiles.
  {
    what: 'an unknown layer',
    path: '/api/tiles/nope/8/130/90.mvt',
    status: 404,
    code: 'not_found',
  },
  {
    what: 'SQL as the layer',
    path: '/api/tiles/communes;DELETE/8/130/90.mvt',
    status: 404,
    code: 'not_found',
  },
  {
    what: 'a zoom beyond the pyramid',
    path: '/api/tiles/departements/99/0/0.mvt',
    status: 400,
    code: 'bad_request',
    field: 'params.z',
  },
  {
    what: 'x beyond the zoom',
    path: '/api/tiles/departements/2/4/0.mvt',
    status: 400,
    code: 'bad_request',
    field: 'params.x',
  },
  {
    what: 'a negative y',
    path: '/api/tiles/departements/2/0/-1.mvt',
    status: 400,
    code: 'bad_request',
    field: 'params.y',
  },
  {
    what: 'a fractional zoom',
    path: '/api/tiles/departements/1.5/0/0.mvt',
    status: 400,
    code: 'bad_request',
    field: 'params.z',
  },
  {
    what: 'a zoom below the layer',
    path: '/api/tiles/communes/2/1/1.mvt',
    status: 400,
    code: 'bad_request',
    field: 'params.z',
  },
  {
    what: 'a parameter the layer does not take',
    path: '/api/tiles/roads/8/130/90.mvt?year=2024',
    status: 400,
    code: 'bad_request',
    field: 'query',
  },
  {
    what: 'a bad tile year',
    path: '/api/tiles/communes/8/130/90.mvt?year=20x4',
    status: 400,
    code: 'bad_request',
    field: 'query.year',
  },
  {
    what: 'a bad tile reference',
    path: '/api/tiles/gaps/8/130/90.mvt?reference=moon',
    status: 400,
    code: 'bad_request',
    field: 'query.reference',
  },
  // Anything else.
  // The review of gap zones: the request is checked before the caller, so the public sees
  // these 400s and 404s; a well-formed request of the public is a 401.
  ...(
    [
      [
        'a review status not in the list',
        'PATCH',
        'review',
        { version: 0, status: 'validee' },
        'body.status',
      ],
      [
        'a review change without its version',
        'PATCH',
        'review',
        { status: 'confirmee' },
        'body.version',
      ],
      [
        'a review version that is not a whole number',
        'PATCH',
        'review',
        { version: 1.5, status: 'confirmee' },
        'body.version',
      ],
      ['an empty comment', 'POST', 'comments', { text: '  ' }, 'body.text'],
      [
        'a comment over 4000 characters',
        'POST',
        'comments',
        { text: 'é'.repeat(4001) },
        'body.text',
      ],
      ['a decision without a date', 'POST', 'decisions', { text: 'MAM' }, 'body.decided_on'],
      [
        'a decision dated 31/02',
        'POST',
        'decisions',
        { text: 'MAM', decided_on: '2025-02-31' },
        'body.decided_on',
      ],
      [
        'a decision linked to something unknown',
        'POST',
        'decisions',
        { text: 'MAM', decided_on: '2025-03-14', link: { kind: 'ville', ref: '1' } },
        'body.link.kind',
      ],
    ] as const
  ).map(([what, method, part, body, field]): BadRequest => ({
    what,
    method,
    path: `/api/gap-zones/gz-000000000000/${part}`,
    body: JSON.stringify(body),
    status: 400,
    code: 'bad_request',
    field,
  })),
  {
    what: 'a zone id of the wrong form',
    path: '/api/gap-zones/zone-1/review',
    status: 400,
    code: 'bad_request',
    field: 'params.id',
  },
  {
    what: 'an unknown zone',
    method: 'PATCH',
    path: '/api/gap-zones/gz-000000000000/review',
    body: JSON.stringify({ version: 0, status: 'confirmee' }),
    status: 404,
    code: 'not_found',
  },
  {
    what: 'the comité list asked by the public',
    path: '/api/gap-zones/reviews',
    status: 401,
    code: 'unauthenticated',
  },
  {
    what: 'a review filter asked by the public',
    path: '/api/gap-zones?review_status=confirmee',
    status: 401,
    code: 'unauthenticated',
  },
  {
    what: 'a review filter with an unknown status',
    path: '/api/gap-zones?review_status=finie',
    status: 400,
    code: 'bad_request',
    field: 'query.review_status',
  },
  // Saved scenarios: the request is checked before the caller; a well-formed request of the
  // public is a 401; an admin's bad changes are refused naming the change, nothing saved.
  ...(
    [
      [
        'a saved scenario without a name',
        'POST',
        '/api/scenarios',
        { name: ' ', changes: [] },
        'body.name',
      ],
      [
        'a saved scenario with an unknown change',
        'POST',
        '/api/scenarios',
        { name: 'x', changes: [{ op: 'move', facility: 'eaje-1' }] },
        'body.changes.0.op',
      ],
      [
        'a scenario change without its version',
        'PUT',
        '/api/scenarios/1',
        { name: 'x', changes: [{ op: 'close', facility: 'eaje-1' }] },
        'body.version',
      ],
      ['a scenario id of the wrong form', 'GET', '/api/scenarios/sc-1', undefined, 'params.id'],
      ['a scenario id of zero', 'DELETE', '/api/scenarios/0', undefined, 'params.id'],
    ] as const
  ).map(([what, method, path, body, field]): BadRequest => ({
    what,
    method,
    path,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    status: 400,
    code: 'bad_request',
    field,
  })),
  {
    what: 'the saved scenarios asked by the public',
    path: '/api/scenarios',
    status: 401,
    code: 'unauthenticated',
  },
  {
    what: 'a scenario saved by the public',
    method: 'POST',
    path: '/api/scenarios',
    body: JSON.stringify({ name: 'x', changes: [{ op: 'close', facility: 'eaje-1' }] }),
    status: 401,
    code: 'unauthenticated',
  },
  {
    what: 'a saved scenario whose point is in no loaded commune',
    method: 'POST',
    path: '/api/scenarios',
    asAdmin: true,
    body: JSON.stringify({
      name: 'x',
      changes: [{ op: 'add', kind: 'mam', lon: -60, lat: 10, places: 16 }],
    }),
    status: 400,
    code: 'bad_request',
    field: 'body.changes.0.lon',
  },
  {
    what: 'a saved scenario closing an unknown facility',
    method: 'POST',
    path: '/api/scenarios',
    asAdmin: true,
    body: JSON.stringify({ name: 'x', changes: [{ op: 'close', facility: 'mam-999999' }] }),
    status: 400,
    code: 'bad_request',
    field: 'body.changes.0.facility',
  },
  {
    what: 'an unknown saved scenario',
    path: '/api/scenarios/999999',
    asAdmin: true,
    status: 404,
    code: 'not_found',
  },
  { what: 'an unknown API route', path: '/api/admin', status: 404, code: 'not_found' },
  { what: 'GET on a POST endpoint', path: '/api/isochrones', status: 404, code: 'not_found' },
  {
    what: 'POST on a GET endpoint',
    method: 'POST',
    path: '/api/territories?level=epci',
    body: '{}',
    status: 404,
    code: 'not_found',
  },
  ...ACCOUNT_CASES,
  ...REVIEW_AND_ADMIN_CASES,
];

/** Every table's row count and the data version: what a request must not change. */
async function snapshot(db: Database): Promise<Record<string, number | string>> {
  const tables = await db
    .knex('information_schema.tables')
    .where({ table_schema: 'public', table_type: 'BASE TABLE' })
    .pluck('table_name');
  const counts: Record<string, number | string> = {};
  for (const table of tables.sort()) {
    counts[table] = Number((await db.knex(table).count({ n: '*' }))[0].n);
  }
  const versions = await db.knex.raw(`SELECT max(imported_at)::text AS v FROM dataset`);
  counts['dataset.imported_at'] = versions.rows[0].v;
  return counts;
}

describe(`the bad-input battery (${databaseMode})`, () => {
  let db: Database;
  let server: TestServer;
  let clientDir: string;
  let admin: Browser;
  const logged: { level: number; msg: string }[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadDemo(db, { seed: 42 });
    // A built client, so that paths outside /api reach the static files and the index.
    clientDir = await fs.mkdtemp(path.join(os.tmpdir(), 'berceau-client-'));
    await fs.writeFile(path.join(clientDir, 'index.html'), '<!doctype html><title>Berceau</title>');
    const logger = pino(
      { level: 'info' },
      { write: (line: string) => void logged.push(JSON.parse(line)) },
    );
    server = await startTestServer(db, clientDir, null, { logger });
    admin = await signedIn(db, server.baseUrl, { login: 'admin', role: 'admin' });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await db?.close();
    await fs.rm(clientDir, { recursive: true, force: true });
  });

  it(`holds at least 60 cases across every endpoint`, () => {
    expect(BATTERY.length).toBeGreaterThanOrEqual(60);
    const endpoints = new Set(BATTERY.map((c) => c.path.split(/[?/]/)[2]));
    for (const e of ['territories', 'facilities', 'isochrones', 'travel', 'tiles']) {
      expect(endpoints).toContain(e);
    }
  });

  it('answers each with a 4xx in the one error shape, writes nothing, logs no failure', async () => {
    const before = await snapshot(db);
    const failures: string[] = [];
    for (const c of BATTERY) {
      const res = await (
        c.asAdmin ? admin.fetch : (p: string, i: RequestInit) => fetch(`${server.baseUrl}${p}`, i)
      )(c.path, {
        method: c.method ?? 'GET',
        headers:
          c.body === undefined ? undefined : { 'content-type': c.type ?? 'application/json' },
        body: c.body,
      });
      const text = await res.text();
      const where = `${c.what}: ${c.method ?? 'GET'} ${c.path.slice(0, 80)} → ${res.status}`;
      try {
        expect(res.status, where).toBe(c.status);
        expect(res.headers.get('content-type'), where).toMatch(/^application\/json/);
        // Error answers carry the security headers too.
        expect(res.headers.get('x-content-type-options'), where).toBe('nosniff');
        expect(res.headers.get('content-security-policy'), where).toContain(
          "frame-ancestors 'none'",
        );
        const body = expectContract(errorAnswer, JSON.parse(text));
        expect(body.error.code, where).toBe(c.code);
        if (c.field) {
          const fields = Array.isArray(body.error.details)
            ? body.error.details.map((d) => d.field)
            : [];
          expect(fields, `${where}: ${text.slice(0, 300)}`).toContain(c.field);
        }
      } catch (error) {
        failures.push(
          (error as Error).message.split('\n')[0] + ` (${where}: ${text.slice(0, 200)})`,
        );
      }
    }
    expect(failures).toEqual([]);
    expect(await snapshot(db)).toEqual(before);
    expect(logged.filter((l) => l.level >= 40)).toEqual([]);
  }, 120_000);

  // After the battery, which must find the data untouched: this one renames an EPCI.
  it('a CSV export writes a name a spreadsheet would run as a formula as text', async () => {
    const [epci] = await db.knex('epci').orderBy('code').limit(1).pluck('code');
    const name = '=HYPERLINK("http://example.org";"clic")';
    await db.knex.transaction(async (trx) => {
      await trx('epci').where({ code: epci }).update({ name });
      await refreshCoverage(trx);
    });
    const res = await fetch(`${server.baseUrl}/api/territories?level=epci&format=csv`);
    expect(res.status).toBe(200);
    const lines = (await res.text()).split('\r\n');
    const header = lines[0].replace(/^\uFEFF/, '').split(';');
    const row = lines.find((l) => l.startsWith(`${epci};`))!;
    expect(row).toContain(`;"'=HYPERLINK(""http://example.org"";""clic"")";`);
    // Numbers are not touched: the children count is a plain number with a decimal comma.
    const children = row.split(';')[header.indexOf('children_under3')];
    expect(children).toMatch(/^\d+(,\d+)?$/);
  });
});
