import type { Knex } from 'knex';
import type { UserRecord } from '../../../../contract';
import type { Role, SignedInUser, TerritoryScope } from '../../domain/accounts';
import { Conflict, InvalidInput, NotFound } from '../../domain/errors';
import { hashPassword } from './passwords';

/**
 * The accounts: created by the command line (the first admin) or by admins over HTTP. A row of
 * `app_user` with its territories in `app_user_territory` (migration 013).
 */

interface UserRow {
  id: number;
  login: string;
  display_name: string;
  role: Role;
  password_hash: string;
  disabled: boolean;
  created_at: Date;
  updated_at: Date;
}

export interface StoredUser extends SignedInUser {
  passwordHash: string;
  disabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewUser {
  login: string;
  displayName?: string;
  role: Role;
  territories: readonly TerritoryScope[];
  password: string;
}

export interface UserChange {
  displayName?: string;
  role?: Role;
  territories?: readonly TerritoryScope[];
  disabled?: boolean;
  password?: string;
}

async function withTerritories(knex: Knex, rows: UserRow[]): Promise<StoredUser[]> {
  if (rows.length === 0) return [];
  const scopes: { user_id: number; level: TerritoryScope['level']; code: string }[] = await knex(
    'app_user_territory',
  )
    .whereIn(
      'user_id',
      rows.map((r) => r.id),
    )
    .orderBy(['level', 'code']);
  // An EPT scope reaches the EPT's communes as the reference data have them now.
  const epts = [...new Set(scopes.filter((s) => s.level === 'ept').map((s) => s.code))];
  const members: { code: string; ept_code: string }[] =
    epts.length > 0
      ? await knex('commune').whereIn('ept_code', epts).orderBy('code').select('code', 'ept_code')
      : [];
  const eptCommunes = (territories: readonly TerritoryScope[]) => {
    const mine = territories.filter((t) => t.level === 'ept');
    if (mine.length === 0) return {};
    return {
      eptCommunes: Object.fromEntries(
        mine.map((t) => [t.code, members.filter((m) => m.ept_code === t.code).map((m) => m.code)]),
      ),
    };
  };
  return rows.map((r) => {
    const territories = scopes
      .filter((s) => s.user_id === r.id)
      .map((s) => ({ level: s.level, code: s.code }));
    return {
      id: r.id,
      login: r.login,
      displayName: r.display_name,
      role: r.role,
      territories,
      ...eptCommunes(territories),
      passwordHash: r.password_hash,
      disabled: r.disabled,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  });
}

export async function findUserById(knex: Knex, id: number): Promise<StoredUser | null> {
  const rows = await knex<UserRow>('app_user').where({ id });
  return (await withTerritories(knex, rows))[0] ?? null;
}

/** The account of `login` whatever its case, or null. */
export async function findUserByLogin(knex: Knex, login: string): Promise<StoredUser | null> {
  const rows = await knex<UserRow>('app_user').whereRaw('lower(login) = lower(?)', [login]);
  return (await withTerritories(knex, rows))[0] ?? null;
}

export async function listUsers(knex: Knex): Promise<StoredUser[]> {
  return withTerritories(knex, await knex<UserRow>('app_user').orderBy('login'));
}

/** Admins work everywhere: their territories are dropped; others need at least one. */
function checkTerritories(role: Role, territories: readonly TerritoryScope[]) {
  if (role !== 'admin' && territories.length === 0) {
    throw new InvalidInput(`A ${role} needs at least one territory`, {
      details: [{ field: 'body.territories', message: `a ${role} needs at least one territory` }],
    });
  }
  return role === 'admin' ? [] : territories;
}

async function writeTerritories(trx: Knex, userId: number, territories: readonly TerritoryScope[]) {
  await trx('app_user_territory').where({ user_id: userId }).delete();
  const unique = [...new Map(territories.map((t) => [`${t.level}|${t.code}`, t])).values()];
  if (unique.length > 0) {
    await trx('app_user_territory').insert(
      unique.map((t) => ({ user_id: userId, level: t.level, code: t.code })),
    );
  }
}

export async function createUser(knex: Knex, user: NewUser): Promise<StoredUser> {
  const territories = checkTerritories(user.role, user.territories);
  const passwordHash = await hashPassword(user.password);
  const id = await knex.transaction(async (trx) => {
    const taken = await trx('app_user').whereRaw('lower(login) = lower(?)', [user.login]).first();
    if (taken) throw new Conflict(`The login ${user.login} is taken`);
    const [{ id }] = await trx('app_user')
      .insert({
        login: user.login,
        display_name: user.displayName ?? user.login,
        role: user.role,
        password_hash: passwordHash,
      })
      .returning('id');
    await writeTerritories(trx, id, territories);
    return id as number;
  });
  return (await findUserById(knex, id))!;
}

/**
 * Apply `change` to the account `id`. A new password, a new role or disabling ends the user's
 * sessions (they sign in again under the new terms).
 */
export async function updateUser(
  knex: Knex,
  id: number,
  change: UserChange,
  /** The session of the admin making the change, kept when they change their own account. */
  keepSid?: string,
): Promise<StoredUser> {
  const passwordHash = change.password ? await hashPassword(change.password) : undefined;
  await knex.transaction(async (trx) => {
    const row = await trx<UserRow>('app_user').where({ id }).forUpdate().first();
    if (!row) throw new NotFound(`No user ${id}`);
    const role = change.role ?? row.role;
    if (change.territories !== undefined || change.role !== undefined) {
      const current: readonly TerritoryScope[] =
        change.territories ??
        (await trx('app_user_territory').where({ user_id: id }).select('level', 'code'));
      await writeTerritories(trx, id, checkTerritories(role, current));
    }
    await trx('app_user')
      .where({ id })
      .update({
        ...(change.displayName !== undefined ? { display_name: change.displayName } : {}),
        ...(change.role !== undefined ? { role: change.role } : {}),
        ...(change.disabled !== undefined ? { disabled: change.disabled } : {}),
        ...(passwordHash ? { password_hash: passwordHash } : {}),
        updated_at: trx.fn.now(),
      });
    if (passwordHash || change.disabled === true || (change.role && change.role !== row.role)) {
      await endSessionsOf(trx, id, keepSid);
    }
  });
  return (await findUserById(knex, id))!;
}

/** Remove the account `id` and end its sessions; false when there was none. */
export async function removeUser(knex: Knex, id: number): Promise<boolean> {
  return knex.transaction(async (trx) => {
    await endSessionsOf(trx, id);
    return (await trx('app_user').where({ id }).delete()) > 0;
  });
}

/** End every session of a user (the session table holds the user id in its JSON). */
export async function endSessionsOf(knex: Knex, userId: number, exceptSid?: string) {
  const q = knex('session').whereRaw(`(sess::jsonb ->> 'userId')::int = ?`, [userId]);
  if (exceptSid) q.whereNot('sid', exceptSid);
  await q.delete();
}

/** Admins left who can sign in, apart from `exceptId`: the last one cannot be removed. */
export async function otherActiveAdmins(knex: Knex, exceptId: number): Promise<number> {
  const [{ n }] = await knex('app_user')
    .where({ role: 'admin', disabled: false })
    .whereNot({ id: exceptId })
    .count<{ n: number }[]>({ n: '*' });
  return Number(n);
}

export function toSignedInUser(u: StoredUser): SignedInUser {
  return {
    id: u.id,
    login: u.login,
    displayName: u.displayName,
    role: u.role,
    territories: u.territories,
    ...(u.eptCommunes ? { eptCommunes: u.eptCommunes } : {}),
  };
}

export function toUserRecord(u: StoredUser): UserRecord {
  return {
    id: u.id,
    login: u.login,
    displayName: u.displayName,
    role: u.role,
    territories: [...u.territories],
    disabled: u.disabled,
    createdAt: u.createdAt.toISOString(),
    updatedAt: u.updatedAt.toISOString(),
  };
}
