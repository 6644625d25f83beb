import type { z } from 'zod';
import type { ApiEndpoint, ApiResponse } from './endpoints';
import {
  loginBody,
  passwordChangeBody,
  sessionAnswer,
  userCollection,
  userCreateBody,
  userParams,
  userRecord,
  userUpdateBody,
} from './accounts';
import { errorAnswer } from './common';

/** The session and user endpoints (contract/accounts.ts), listed in API_ENDPOINTS. */

const error = (description: string, code: string, message: string): ApiResponse => ({
  description,
  content: { 'application/json': { schema: errorAnswer, example: { error: { code, message } } } },
});
const badBody = error(
  'Invalid body (details name the field)',
  'bad_request',
  'Invalid request: body.role: must be one of planner, reviewer, admin',
);
const csrf = error(
  'No or wrong `x-csrf-token` header (the token of GET /api/session)',
  'forbidden',
  'Missing or invalid CSRF token: send the x-csrf-token header given by GET /api/session',
);
const anonymous = error('Not signed in', 'unauthenticated', 'Sign in to do this');
const notAdmin = error(
  'Not an admin, or no or wrong CSRF token',
  'forbidden',
  'This needs the role admin; you are planner',
);
const noUser = error('No such user', 'not_found', 'No user 42');
const lastAdmin = error(
  'The last admin who can sign in would be lost',
  'conflict',
  'This is the last admin who can sign in: make another admin first',
);

const USER_EXAMPLE = {
  id: 2,
  login: 'marie.dupont',
  displayName: 'Marie Dupont (PMI du Cher)',
  role: 'reviewer',
  territories: [{ level: 'departement', code: '18' }],
  disabled: false,
  createdAt: '2025-01-06T09:00:00.000Z',
  updatedAt: '2025-01-06T09:00:00.000Z',
};
const SESSION_EXAMPLE = {
  user: {
    id: 2,
    login: 'marie.dupont',
    displayName: 'Marie Dupont (PMI du Cher)',
    role: 'reviewer',
    territories: [{ level: 'departement', code: '18' }],
  },
  csrfToken: '3f1c…e9a0.7b22…41d8',
};
const json = (schema: z.ZodType, example: unknown) =>
  ({ 'application/json': { schema, example } }) as ApiResponse['content'];

export const ACCOUNT_ENDPOINTS: readonly ApiEndpoint[] = [
  {
    method: 'get',
    path: '/api/session',
    summary:
      'Who is signed in (null for the public) and the CSRF token every write sends in `x-csrf-token`',
    responses: { 200: { description: 'OK', content: json(sessionAnswer, SESSION_EXAMPLE) } },
  },
  {
    method: 'post',
    path: '/api/session',
    summary:
      'Sign in: a session cookie (httpOnly, SameSite=Lax) and a fresh CSRF token; see docs/security.md',
    request: {
      body: {
        schema: loginBody,
        example: { login: 'marie.dupont', password: 'une phrase de passe' },
      },
    },
    responses: {
      200: { description: 'Signed in', content: json(sessionAnswer, SESSION_EXAMPLE) },
      400: badBody,
      401: error(
        'Wrong login or password (the answer never says which, nor whether the login exists)',
        'unauthenticated',
        'Incorrect login or password',
      ),
      403: csrf,
      429: error(
        'Too many wrong passwords for this login, or attempts from this address (`Retry-After` in seconds)',
        'rate_limited',
        'Too many wrong passwords for this login; retry in 30 seconds',
      ),
    },
  },
  {
    method: 'delete',
    path: '/api/session',
    summary: 'Sign out: the session ends; answers the public session and its CSRF token',
    responses: {
      200: {
        description: 'Signed out',
        content: json(sessionAnswer, { user: null, csrfToken: '9a0e…12cd.55f0…aa31' }),
      },
      403: csrf,
    },
  },
  {
    method: 'put',
    path: '/api/session/password',
    summary:
      "Change one's own password (the current one is needed; other sessions of the account end)",
    request: {
      body: {
        schema: passwordChangeBody,
        example: {
          currentPassword: 'une phrase de passe',
          newPassword: 'une autre phrase de passe',
        },
      },
    },
    responses: {
      204: { description: 'Changed' },
      400: badBody,
      401: anonymous,
      403: csrf,
      429: error(
        'Too many wrong current passwords (`Retry-After` in seconds)',
        'rate_limited',
        'Too many wrong passwords; retry in 30 seconds',
      ),
    },
  },
  {
    method: 'get',
    path: '/api/users',
    summary: 'Every account with its role and territories (admins only)',
    responses: {
      200: { description: 'OK', content: json(userCollection, { users: [USER_EXAMPLE] }) },
      401: anonymous,
      403: notAdmin,
    },
  },
  {
    method: 'post',
    path: '/api/users',
    summary: 'Create an account (admins only); planners and reviewers need at least one territory',
    request: {
      body: {
        schema: userCreateBody,
        example: {
          login: 'marie.dupont',
          displayName: 'Marie Dupont (PMI du Cher)',
          role: 'reviewer',
          territories: [{ level: 'departement', code: '18' }],
          password: 'une phrase de passe',
        },
      },
    },
    responses: {
      201: { description: 'Created', content: json(userRecord, USER_EXAMPLE) },
      400: badBody,
      401: anonymous,
      403: notAdmin,
      409: error('Login taken', 'conflict', 'The login marie.dupont is taken'),
    },
  },
  {
    method: 'patch',
    path: '/api/users/{id}',
    summary:
      "Change an account's display name, role, territories, disabled flag or password (admins only)",
    request: {
      params: userParams,
      body: { schema: userUpdateBody, example: { role: 'planner', disabled: false } },
    },
    parameterExamples: { id: 2 },
    responses: {
      200: { description: 'Changed', content: json(userRecord, USER_EXAMPLE) },
      400: badBody,
      401: anonymous,
      403: notAdmin,
      404: noUser,
      409: lastAdmin,
    },
  },
  {
    method: 'delete',
    path: '/api/users/{id}',
    summary: 'Remove an account and end its sessions (admins only)',
    request: { params: userParams },
    parameterExamples: { id: 2 },
    responses: {
      204: { description: 'Removed' },
      400: badBody,
      401: anonymous,
      403: notAdmin,
      404: noUser,
      409: lastAdmin,
    },
  },
];
