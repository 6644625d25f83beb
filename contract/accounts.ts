import { z } from 'zod';

/**
 * Accounts and sessions: who is signed in, signing in and out, changing one's password, and the
 * administrators' management of users. The public needs no account (docs/security.md).
 */

const int = z.number().int();

export const role = z.enum(['planner', 'reviewer', 'admin'], {
  error: 'must be one of planner, reviewer, admin',
});

export const login = z
  .string({ error: 'must be a string' })
  .regex(/^[A-Za-z0-9._@-]{2,64}$/, 'must be 2 to 64 letters, digits or . _ @ -');

/** Long enough to resist guessing once hashed; bounded so that hashing costs nothing special. */
export const password = z
  .string({ error: 'must be a string' })
  .min(12, 'must be at least 12 characters')
  .max(256, 'must be at most 256 characters')
  .refine((p) => p.trim() !== '', 'must not be only spaces');

export const displayName = z
  .string({ error: 'must be a string' })
  .trim()
  .min(1, 'must not be empty')
  .max(120, 'must be at most 120 characters');

/** A territory a planner or reviewer works on (codes as the territory endpoints give them). */
export const territoryScope = z
  .strictObject({
    /** `ept`: an établissement public territorial of the Métropole du Grand Paris (SIREN). */
    level: z.enum(['departement', 'epci', 'ept', 'commune'], {
      error: 'must be one of departement, epci, ept, commune',
    }),
    code: z.string().regex(/^[0-9A-Z]{2,9}$/, 'must be a territory code such as 18 or 241800507'),
  })
  .meta({ id: 'TerritoryScope' });

export const territoryScopes = z.array(territoryScope).max(200, 'at most 200 territories');

export const sessionUser = z
  .strictObject({
    id: int,
    login: z.string(),
    displayName: z.string(),
    role,
    /** Empty for an admin, who works everywhere. */
    territories: z.array(territoryScope),
    /** For each EPT among the territories, the communes it reaches (absent: no EPT). */
    eptCommunes: z.record(z.string(), z.array(z.string())).optional(),
  })
  .meta({ id: 'SessionUser' });

/** GET /api/session: who is signed in (null: the public) and the token every write must send. */
export const sessionAnswer = z
  .strictObject({
    user: sessionUser.nullable(),
    /** Send it in the `x-csrf-token` header of every POST, PUT, PATCH and DELETE. */
    csrfToken: z.string(),
  })
  .meta({ id: 'Session' });

export const loginBody = z
  .strictObject({
    login: z.string({ error: 'must be a string' }).min(1, 'must not be empty').max(64),
    password: z.string({ error: 'must be a string' }).min(1, 'must not be empty').max(256),
  })
  .meta({ id: 'Login' });

export const passwordChangeBody = z
  .strictObject({
    currentPassword: z.string({ error: 'must be a string' }).min(1, 'must not be empty').max(256),
    newPassword: password,
  })
  .meta({ id: 'PasswordChange' });

/** An account as administrators see it. */
export const userRecord = z
  .strictObject({
    ...sessionUser.shape,
    disabled: z.boolean(),
    /** ISO 8601. */
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'User' });

export const userCollection = z
  .strictObject({ users: z.array(userRecord) })
  .meta({ id: 'UserCollection' });

export const userCreateBody = z
  .strictObject({
    login,
    /** The login when absent. */
    displayName: displayName.optional(),
    role,
    territories: territoryScopes.default([]),
    password,
  })
  .meta({ id: 'UserCreate' });

/** Only the fields sent change; `password` resets it (the user's sessions end). */
export const userUpdateBody = z
  .strictObject({
    displayName: displayName.optional(),
    role: role.optional(),
    territories: territoryScopes.optional(),
    disabled: z.boolean({ error: 'must be true or false' }).optional(),
    password: password.optional(),
  })
  .meta({ id: 'UserUpdate' });

export const userParams = z.strictObject({
  id: z.coerce
    .number<string>({ error: 'must be a user id' })
    .int('must be a user id')
    .min(1, 'must be a user id')
    .max(2_147_483_647, 'must be a user id'),
});

export type SessionAnswer = z.output<typeof sessionAnswer>;
export type SessionUserAnswer = z.output<typeof sessionUser>;
export type UserRecord = z.output<typeof userRecord>;
