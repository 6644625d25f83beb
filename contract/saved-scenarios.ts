import { z } from 'zod';
import { bodyYear, errorAnswer, strictRequest } from './common';
import type { ApiEndpoint, ApiResponse } from './endpoints';
import { scenarioChange } from './scenario';

/**
 * Scenarios saved in the database by the people who make them (docs/site-finder.md, "Saving and
 * sharing"): the same changes as POST /api/scenario's body, a name, a year and a time, an
 * author and a version. Signed-in users read the scenarios touching their territories (admins
 * all); planners and admins save them; their author or an admin changes or deletes them.
 */

export const savedScenarioParams = strictRequest({
  id: z.coerce
    .number<string | number>({ error: 'must be a scenario id such as 18' })
    .int('must be a scenario id such as 18')
    .positive('must be a scenario id such as 18')
    .max(2_147_483_647, 'must be a scenario id such as 18'),
});

const savedFields = {
  name: z
    .string({ error: 'must name the scenario' })
    .trim()
    .min(1, 'must name the scenario')
    .max(80, 'must be at most 80 characters'),
  changes: z.array(scenarioChange).min(1, 'must list at least one change').max(20),
  /** Children gaining or losing a crèche or MAM within this many minutes by car. */
  minutes: z.number().int().min(5).max(30).default(15),
  /** The year evaluated; absent or null: the latest loaded year, whenever it is opened. */
  year: bodyYear.nullable().default(null),
};

export const savedScenarioBody = strictRequest(savedFields);

export const savedScenarioUpdateBody = strictRequest({
  ...savedFields,
  /** The version read with the scenario: a change made meanwhile by someone else is a 409. */
  version: z
    .number({ error: 'must be the version read with the scenario' })
    .int('must be a whole number')
    .min(1, 'must be 1 or more'),
});

const person = z.strictObject({ id: z.number().int().nullable(), name: z.string() });

export const savedScenario = z
  .strictObject({
    id: z.number().int(),
    name: z.string(),
    year: z.number().int().nullable(),
    minutes: z.number().int(),
    changes: z.array(scenarioChange),
    /** The territories its changes touch (who may read it follows from them). */
    communes: z.array(z.string()),
    epcis: z.array(z.string()),
    departements: z.array(z.string()),
    /** Its author (id null once the account is gone), by the name they had then. */
    author: person,
    version: z.number().int(),
    created_at: z.string(),
    updated_at: z.string(),
    /** Whether the caller may change or delete it (its author, or an admin). */
    editable: z.boolean(),
    /** The link that opens it on the "Projet de MAM" screen. */
    link: z.string(),
  })
  .meta({ id: 'SavedScenario' });

export const savedScenarioList = z
  .strictObject({ scenarios: z.array(savedScenario) })
  .meta({ id: 'SavedScenarioList' });

export type SavedScenario = z.output<typeof savedScenario>;
export type SavedScenarioList = z.output<typeof savedScenarioList>;
export type SavedScenarioBody = z.input<typeof savedScenarioBody>;
export type SavedScenarioUpdateBody = z.input<typeof savedScenarioUpdateBody>;

const error = (description: string, code: string, message: string): ApiResponse => ({
  description,
  content: { 'application/json': { schema: errorAnswer, example: { error: { code, message } } } },
});
const anonymous = error('Not signed in', 'unauthenticated', 'Sign in to do this');
const badBody = error(
  'Invalid body: unknown change, facility unknown, point in no loaded commune (details name the field)',
  'bad_request',
  'Invalid request: body.name: must name the scenario',
);
const notFound = error('No saved scenario of that id', 'not_found', 'No saved scenario 18');
const unavailable = error(
  'Database unreachable or too slow',
  'database_unavailable',
  'The database cannot be reached; retry in 5 seconds',
);

const SCENARIO_EXAMPLE: SavedScenario = {
  id: 1,
  name: 'Deux MAM au nord',
  year: null,
  minutes: 15,
  changes: [{ op: 'add', kind: 'mam', lon: 2.4, lat: 47.08, places: 16 }],
  communes: ['99012'],
  epcis: ['200000001'],
  departements: ['99'],
  author: { id: 2, name: 'Marc Petit (Caf)' },
  version: 1,
  created_at: '2025-03-14T10:02:11.000Z',
  updated_at: '2025-03-14T10:02:11.000Z',
  editable: true,
  link: '/projet-mam?scenario=1',
};

/** The saved scenarios' endpoints, for the API's endpoint list (contract/endpoints.ts). */
export const SAVED_SCENARIO_ENDPOINTS: readonly ApiEndpoint[] = [
  {
    method: 'get',
    path: '/api/scenarios',
    summary:
      'The saved scenarios touching the signed-in user’s territories (every one for an admin), the last changed first',
    responses: {
      200: {
        description: 'OK',
        content: {
          'application/json': {
            schema: savedScenarioList,
            example: { scenarios: [SCENARIO_EXAMPLE] },
          },
        },
      },
      401: anonymous,
      503: unavailable,
    },
  },
  {
    method: 'post',
    path: '/api/scenarios',
    summary:
      'Save a scenario (planners and admins; its author is the signed-in user); evaluate it with POST /api/scenario',
    request: {
      body: {
        schema: savedScenarioBody,
        example: {
          name: 'Deux MAM au nord',
          changes: [{ op: 'add', kind: 'mam', lon: 2.4, lat: 47.08, places: 16 }],
          minutes: 15,
        } satisfies SavedScenarioBody,
      },
    },
    responses: {
      201: {
        description: 'Saved',
        content: { 'application/json': { schema: savedScenario, example: SCENARIO_EXAMPLE } },
      },
      400: badBody,
      401: anonymous,
      403: error(
        'Not a planner or admin, a change outside the user’s territories, or no or wrong CSRF token',
        'forbidden',
        'This needs the role planner or admin; you are reviewer',
      ),
      503: unavailable,
    },
  },
  {
    method: 'get',
    path: '/api/scenarios/{id}',
    summary: 'A saved scenario (signed-in users whose territories it touches; admins all)',
    request: { params: savedScenarioParams },
    parameterExamples: { id: 1 },
    responses: {
      200: {
        description: 'OK',
        content: { 'application/json': { schema: savedScenario, example: SCENARIO_EXAMPLE } },
      },
      400: error(
        'Not a scenario id',
        'bad_request',
        'Invalid request: params.id: must be a scenario id such as 18',
      ),
      401: anonymous,
      403: error(
        'The scenario touches none of the user’s territories',
        'forbidden',
        'This is outside the territories you work on',
      ),
      404: notFound,
      503: unavailable,
    },
  },
  {
    method: 'put',
    path: '/api/scenarios/{id}',
    summary: 'Rename or change a saved scenario (its author or an admin), against the version read',
    request: {
      params: savedScenarioParams,
      body: {
        schema: savedScenarioUpdateBody,
        example: {
          name: 'Deux MAM au nord (révisé)',
          changes: [{ op: 'add', kind: 'mam', lon: 2.4, lat: 47.08, places: 12 }],
          minutes: 15,
          version: 99,
        } satisfies SavedScenarioUpdateBody,
      },
    },
    parameterExamples: { id: 1 },
    responses: {
      200: {
        description: 'Changed, with its new version',
        content: {
          'application/json': {
            schema: savedScenario,
            example: { ...SCENARIO_EXAMPLE, name: 'Deux MAM au nord (révisé)', version: 2 },
          },
        },
      },
      400: badBody,
      401: anonymous,
      403: error(
        'Neither its author nor an admin, or no or wrong CSRF token',
        'forbidden',
        'Only its author or an admin may change this scenario',
      ),
      404: notFound,
      409: error(
        'Changed by someone else since it was read (send the version read)',
        'conflict',
        'Scenario 1 changed since version 99 was read (it is at version 2): read it again',
      ),
      503: unavailable,
    },
  },
  {
    method: 'delete',
    path: '/api/scenarios/{id}',
    summary: 'Delete a saved scenario (its author or an admin)',
    request: { params: savedScenarioParams },
    parameterExamples: { id: 1 },
    responses: {
      204: { description: 'Deleted' },
      400: error(
        'Not a scenario id',
        'bad_request',
        'Invalid request: params.id: must be a scenario id such as 18',
      ),
      401: anonymous,
      403: error(
        'Neither its author nor an admin, or no or wrong CSRF token',
        'forbidden',
        'Only its author or an admin may delete this scenario',
      ),
      404: notFound,
      503: unavailable,
    },
  },
];
