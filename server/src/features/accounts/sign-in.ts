import type { Knex } from 'knex';
import { lockoutAfter_s, loginKey } from '../../domain/accounts';
import { decoyHash, verifyPassword } from './passwords';
import { findUserByLogin, type StoredUser } from './users';

export type SignInOutcome =
  | { ok: true; user: StoredUser }
  | { ok: false; reason: 'wrong' }
  | { ok: false; reason: 'locked'; retryAfter_s: number };

/**
 * Check a login and password, counting wrong passwords per login in `login_throttle` (shared by
 * every API process). A login without an account, a disabled account and a wrong password give
 * the same answer after the same work, and are counted alike: nothing tells which logins exist.
 */
export async function checkCredentials(
  knex: Knex,
  login: string,
  password: string,
  now: Date,
): Promise<SignInOutcome> {
  const key = loginKey(login);
  const throttle = await knex('login_throttle').where({ login_key: key }).first();
  if (throttle?.locked_until && new Date(throttle.locked_until) > now) {
    const retryAfter_s = Math.ceil(
      (new Date(throttle.locked_until).getTime() - now.getTime()) / 1000,
    );
    return { ok: false, reason: 'locked', retryAfter_s };
  }
  const user = await findUserByLogin(knex, login);
  const matches = user
    ? await verifyPassword(user.passwordHash, password)
    : await verifyPassword(await decoyHash(), password).then(() => false);
  if (user && matches && !user.disabled) {
    await knex('login_throttle').where({ login_key: key }).delete();
    return { ok: true, user };
  }
  await countFailure(knex, key, now);
  return { ok: false, reason: 'wrong' };
}

/** One more wrong password for `key`, in one statement whichever process counts it. */
async function countFailure(knex: Knex, key: string, now: Date) {
  const { rows } = await knex.raw<{ rows: { failures: number }[] }>(
    `INSERT INTO login_throttle (login_key, failures) VALUES (?, 1)
     ON CONFLICT (login_key) DO UPDATE SET failures = login_throttle.failures + 1
     RETURNING failures`,
    [key],
  );
  const lock_s = lockoutAfter_s(rows[0].failures);
  if (lock_s > 0) {
    await knex('login_throttle')
      .where({ login_key: key })
      .update({ locked_until: new Date(now.getTime() + lock_s * 1000) });
  }
}
