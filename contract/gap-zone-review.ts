import { z } from 'zod';
import { errorAnswer, strictRequest, territoryLevel } from './common';
import type { ApiEndpoint } from './endpoints';
import { gapZoneCriterion, gapZoneStatus, queryUserId, reviewStatus } from './gap-zones';

/**
 * The review of gap zones by signed-in officials (docs/gap-zones.md, "Review"): a zone's status,
 * assignee, comments, decisions and audit trail, its changes, and the list for a comité. Internal
 * deliberation: every endpoint here needs a signed-in user of the zone's territory.
 */

const TEXT_MAX = 4000;

export const gapZoneIdParams = strictRequest({
  id: z.string().regex(/^gz-[0-9a-f]{12}$/, 'must be a zone id such as gz-3f1c0a9b7d21'),
});

const text = z
  .string({ error: 'must be a text' })
  .trim()
  .min(1, 'must not be empty')
  .max(TEXT_MAX, `must be at most ${TEXT_MAX} characters`);

export const reviewPatchBody = strictRequest({
  /** The version the change was made against (0 for a zone never reviewed). */
  version: z
    .number({ error: 'must be the version read with the review' })
    .int('must be a whole number')
    .min(0, 'must be 0 or more'),
  status: reviewStatus.optional(),
  /**
   * The user in charge, or null for nobody: an active account working on the zone's territory
   * (its name is the account's).
   */
  assignee: z
    .strictObject({ id: z.number().int().positive({ error: 'must be a user id' }) })
    .nullable()
    .optional(),
});

export const commentBody = strictRequest({ text });

const decisionLink = z.strictObject({
  /** A facility (an EAJE or MAM planned or existing: `eaje-12`) or a site-finder scenario. */
  kind: z.enum(['facility', 'scenario'], { error: 'must be facility or scenario' }),
  /**
   * The facility's id, or a saved scenario (GET /api/scenarios): its id (`18`), or its link
   * (`/projet-mam?scenario=18`); it must exist, and is stored as its id.
   */
  ref: z
    .string({ error: 'must be an id or a URL' })
    .trim()
    .min(1, 'must not be empty')
    .max(500, 'must be at most 500 characters'),
});

export const decisionBody = strictRequest({
  text,
  /** The day the decision was taken (a comité's date), YYYY-MM-DD. */
  decided_on: z.iso.date({ error: 'must be a date such as 2025-03-14' }),
  link: decisionLink.nullable().optional(),
});

const personOut = z.strictObject({ id: z.number().int(), name: z.string() });

export const zoneReview = z
  .strictObject({
    zone_id: z.string(),
    status: reviewStatus,
    /** The status in French (à examiner, confirmée, action prévue, écartée). */
    status_label: z.string(),
    assignee: personOut.nullable(),
    /** Send it back with a change; 0 for a zone never reviewed. */
    version: z.number().int(),
    /** ISO 8601; null for a zone never reviewed. */
    updated_at: z.string().nullable(),
    updated_by: personOut.nullable(),
  })
  .meta({ id: 'GapZoneReview' });

export const zoneComment = z
  .strictObject({
    id: z.number().int(),
    zone_id: z.string(),
    text: z.string(),
    author: personOut,
    created_at: z.string(),
  })
  .meta({ id: 'GapZoneComment' });

export const zoneDecision = z
  .strictObject({
    id: z.number().int(),
    zone_id: z.string(),
    text: z.string(),
    decided_on: z.string(),
    link: decisionLink.nullable(),
    author: personOut,
    created_at: z.string(),
  })
  .meta({ id: 'GapZoneDecision' });

export const auditEntry = z
  .strictObject({
    id: z.number().int(),
    zone_id: z.string(),
    at: z.string(),
    actor: personOut,
    action: z.enum(['review', 'comment', 'decision']),
    /** The fields changed as they were (null for something added). */
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'GapZoneAuditEntry' });

const history = {
  review: zoneReview,
  comments: z.array(zoneComment),
  decisions: z.array(zoneDecision),
  audit: z.array(auditEntry),
};

export const zoneReviewAnswer = z
  .strictObject({
    zone: z.strictObject({
      id: z.string(),
      status: gapZoneStatus,
      successors: z.array(z.string()),
      communes: z.array(z.string()),
      epcis: z.array(z.string()),
      departements: z.array(z.string()),
    }),
    ...history,
    /**
     * The history of retired zones this zone carries (merged or split into it), nearest first;
     * `via` is the zone they handed it to.
     */
    inherited: z.array(
      z.strictObject({
        zone_id: z.string(),
        status: z.enum(['merged', 'split']),
        via: z.string(),
        ...history,
      }),
    ),
  })
  .meta({ id: 'GapZoneReviewAnswer' });

export const reviewListQuery = strictRequest({
  level: territoryLevel.optional(),
  code: z
    .string()
    .regex(/^[0-9A-Z]{2,9}$/, 'must be an INSEE, SIREN or département code')
    .optional(),
  criterion: gapZoneCriterion.default('sans_offre'),
  minutes: z.coerce
    .number<string | number>({ error: 'must be a whole number of minutes from 5 to 60' })
    .int('must be a whole number of minutes from 5 to 60')
    .min(5, 'must be a whole number of minutes from 5 to 60')
    .max(60, 'must be a whole number of minutes from 5 to 60')
    .default(15),
  review_status: reviewStatus.optional(),
  /** A user id: the zones assigned to them. */
  assignee: queryUserId.optional(),
  format: z.enum(['json', 'csv'], { error: 'must be json or csv' }).default('json'),
});

export const reviewList = z
  .strictObject({
    metadata: z.strictObject({
      criterion: gapZoneCriterion,
      minutes: z.number().int(),
      year: z.number().int(),
      fictional: z.boolean(),
    }),
    /** The active zones of the territories of the signed-in user, by children affected. */
    zones: z.array(
      z.strictObject({
        zone_id: z.string(),
        children_under3: z.number(),
        places_missing: z.number().int(),
        communes: z.array(z.strictObject({ code: z.string(), name: z.string() })),
        departements: z.array(z.string()),
        review: zoneReview,
        decisions: z.array(zoneDecision),
        /** Retired zones whose history it carries. */
        inherited_from: z.array(z.string()),
      }),
    ),
  })
  .meta({ id: 'GapZoneReviewList' });

export type ReviewStatus = z.output<typeof reviewStatus>;
export type ZoneReview = z.output<typeof zoneReview>;
export type ZoneComment = z.output<typeof zoneComment>;
export type ZoneDecision = z.output<typeof zoneDecision>;
export type AuditEntry = z.output<typeof auditEntry>;
export type ZoneReviewAnswer = z.output<typeof zoneReviewAnswer>;
export type ReviewList = z.output<typeof reviewList>;
export type ReviewPatchBody = z.input<typeof reviewPatchBody>;
export type DecisionBody = z.input<typeof decisionBody>;

const errorJson = (code: string, message: string, details?: unknown) => ({
  'application/json': {
    schema: errorAnswer,
    example: { error: { code, message, ...(details ? { details } : {}) } },
  },
});
const refused = {
  401: {
    description: 'Not signed in: reviews are internal to the officials',
    content: errorJson('unauthenticated', 'Sign in to do this'),
  },
  403: {
    description: 'Another role, or a zone outside the territories of the signed-in user',
    content: errorJson('forbidden', 'This is outside the territories you work on'),
  },
};
const badRequest = (what: string) => ({
  description: `Invalid ${what} (details name the field)`,
  content: errorJson(
    'bad_request',
    'Invalid request: body.status: must be one of a_examiner, confirmee, action_prevue, ecartee',
    [
      {
        field: 'body.status',
        message: 'must be one of a_examiner, confirmee, action_prevue, ecartee',
      },
    ],
  ),
});
const unknownZone = {
  description: 'No computation made a zone of that id',
  content: errorJson('not_found', 'Unknown gap zone "gz-000000000000"', { field: 'params.id' }),
};
const retired = {
  description: 'The zone is no longer active (its review goes on in its successors)',
  content: errorJson(
    'conflict',
    'Zone gz-3f1c0a9b7d21 is no longer active (split): its review goes on in the zones holding its cells (see gz-0a1b2c3d4e5f, gz-9f8e7d6c5b4a)',
  ),
};
const unavailable = {
  description: 'Database unreachable or too slow',
  content: errorJson('database_unavailable', 'The database cannot be reached; retry in 5 seconds'),
};

const REVIEW_EXAMPLE: ZoneReview = {
  zone_id: 'gz-3f1c0a9b7d21',
  status: 'confirmee',
  status_label: 'confirmée',
  assignee: { id: 4, name: 'Claire Dubois (PMI)' },
  version: 3,
  updated_at: '2025-03-14T10:02:11.000Z',
  updated_by: { id: 4, name: 'Claire Dubois (PMI)' },
};
const COMMENT_EXAMPLE: ZoneComment = {
  id: 12,
  zone_id: 'gz-3f1c0a9b7d21',
  text: 'Hameaux confirmés par la PMI : familles sans solution à moins de 20 min.',
  author: { id: 4, name: 'Claire Dubois (PMI)' },
  created_at: '2025-03-14T10:02:11.000Z',
};
const DECISION_EXAMPLE: ZoneDecision = {
  id: 3,
  zone_id: 'gz-3f1c0a9b7d21',
  text: 'Étudier une MAM à Vernay-le-Bas ; point au prochain comité.',
  decided_on: '2025-03-14',
  link: { kind: 'scenario', ref: '1' },
  author: { id: 4, name: 'Claire Dubois (PMI)' },
  created_at: '2025-03-14T10:05:40.000Z',
};

/** The review's endpoints, for the API's endpoint list (contract/endpoints.ts). */
export const GAP_ZONE_REVIEW_ENDPOINTS: readonly ApiEndpoint[] = [
  {
    method: 'get',
    path: '/api/gap-zones/reviews',
    summary:
      'For a comité: the active gap zones of the signed-in user’s territories with their review status, assignee and decisions, as JSON or CSV (French Excel); see docs/gap-zones.md',
    request: { query: reviewListQuery },
    parameterExamples: { criterion: 'sans_offre', minutes: 15, review_status: 'confirmee' },
    responses: {
      200: {
        description:
          'The zones by children affected, or with format=csv a CSV (UTF-8 with BOM, `;`, decimal commas)',
        content: {
          'application/json': {
            schema: reviewList,
            example: {
              metadata: { criterion: 'sans_offre', minutes: 15, year: 2024, fictional: true },
              zones: [
                {
                  zone_id: 'gz-3f1c0a9b7d21',
                  children_under3: 7.4,
                  places_missing: 5,
                  communes: [{ code: '99012', name: 'Vernay-le-Bas' }],
                  departements: ['99'],
                  review: REVIEW_EXAMPLE,
                  decisions: [DECISION_EXAMPLE],
                  inherited_from: [],
                },
              ],
            } satisfies ReviewList,
          },
          'text/csv': {},
        },
      },
      400: badRequest('parameter'),
      401: refused[401],
      403: refused[403],
      404: {
        description: 'Territory not loaded, no territory or no road network',
        content: errorJson('not_found', 'Unknown epci "200000009"', { field: 'query.code' }),
      },
      503: unavailable,
    },
  },
  {
    method: 'get',
    path: '/api/gap-zones/{id}/review',
    summary:
      'A gap zone’s review: status, assignee, comments, decisions, audit trail, and the history of the retired zones it carries',
    request: { params: gapZoneIdParams },
    parameterExamples: { id: 'gz-3f1c0a9b7d21' },
    responses: {
      200: {
        description: 'OK',
        content: {
          'application/json': {
            schema: zoneReviewAnswer,
            example: {
              zone: {
                id: 'gz-3f1c0a9b7d21',
                status: 'active',
                successors: [],
                communes: ['99012'],
                epcis: ['200000001'],
                departements: ['99'],
              },
              review: REVIEW_EXAMPLE,
              comments: [COMMENT_EXAMPLE],
              decisions: [DECISION_EXAMPLE],
              audit: [
                {
                  id: 40,
                  zone_id: 'gz-3f1c0a9b7d21',
                  at: '2025-03-14T10:02:11.000Z',
                  actor: { id: 4, name: 'Claire Dubois (PMI)' },
                  action: 'review',
                  before: { status: 'a_examiner' },
                  after: { status: 'confirmee', version: 3 },
                },
              ],
              inherited: [],
            } satisfies ZoneReviewAnswer,
          },
        },
      },
      400: badRequest('zone id'),
      401: refused[401],
      403: refused[403],
      404: unknownZone,
      503: unavailable,
    },
  },
  {
    method: 'patch',
    path: '/api/gap-zones/{id}/review',
    summary:
      'Changes a zone’s review status or assignee (reviewer or admin of its territory), with the version read: a stale one is a 409',
    request: {
      params: gapZoneIdParams,
      body: { schema: reviewPatchBody, example: { version: 2, status: 'confirmee' } },
    },
    parameterExamples: { id: 'gz-3f1c0a9b7d21' },
    responses: {
      200: {
        description: 'The review after the change',
        content: { 'application/json': { schema: zoneReview, example: REVIEW_EXAMPLE } },
      },
      400: badRequest('body, or a change that changes nothing'),
      401: refused[401],
      403: refused[403],
      404: unknownZone,
      409: {
        description: 'The review changed since it was read (reload it), or the zone is retired',
        content: errorJson(
          'conflict',
          'The review of this zone changed meanwhile (version 3, not 2): reload it and try again',
        ),
      },
      503: unavailable,
    },
  },
  {
    method: 'post',
    path: '/api/gap-zones/{id}/comments',
    summary: 'Adds a comment to a zone (reviewer or admin of its territory)',
    request: {
      params: gapZoneIdParams,
      body: { schema: commentBody, example: { text: COMMENT_EXAMPLE.text } },
    },
    parameterExamples: { id: 'gz-3f1c0a9b7d21' },
    responses: {
      201: {
        description: 'The comment',
        content: { 'application/json': { schema: zoneComment, example: COMMENT_EXAMPLE } },
      },
      400: badRequest('body'),
      401: refused[401],
      403: refused[403],
      404: unknownZone,
      409: retired,
      503: unavailable,
    },
  },
  {
    method: 'post',
    path: '/api/gap-zones/{id}/decisions',
    summary:
      'Attaches a decision to a zone (reviewer or admin of its territory): text, date, optional link to a facility or a scenario',
    request: {
      params: gapZoneIdParams,
      body: {
        schema: decisionBody,
        example: {
          text: DECISION_EXAMPLE.text,
          decided_on: '2025-03-14',
          link: { kind: 'scenario', ref: '1' },
        },
      },
    },
    parameterExamples: { id: 'gz-3f1c0a9b7d21' },
    responses: {
      201: {
        description: 'The decision',
        content: { 'application/json': { schema: zoneDecision, example: DECISION_EXAMPLE } },
      },
      400: badRequest('body'),
      401: refused[401],
      403: refused[403],
      404: unknownZone,
      409: retired,
      503: unavailable,
    },
  },
];
