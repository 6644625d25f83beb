import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseMode } from '../../../test/database';
import type { Database } from '../../db/database';
import { EXIT } from '../../exit-codes';
import { parseUsersArgs, usersCommand, UsersUsageError } from './cli';
import { verifyPassword } from './passwords';
import { findUserByLogin } from './users';

describe(`users commands (${databaseMode})`, () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  }, 60_000);
  afterAll(async () => db?.close());

  async function run(argv: string[], password = 'une phrase de passe') {
    const out: string[] = [];
    const err: string[] = [];
    const code = await usersCommand(db, parseUsersArgs(argv), {
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
      readPassword: async () => password,
    });
    return { code, out: out.join(''), err: err.join('') };
  }

  it('creates the first admin with a hashed password, then lists it', async () => {
    expect(await run(['add', '--login', 'admin', '--role', 'admin', '--name', 'Admin'])).toEqual({
      code: EXIT.ok,
      out: `Created admin admin (${databaseMode})\n`,
      err: '',
    });
    const stored = await findUserByLogin(db.knex, 'admin');
    expect(stored!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(stored!.passwordHash, 'une phrase de passe')).toBe(true);
    expect((await run(['list'])).out).toBe('admin\tadmin\tAdmin\teverywhere\n');
  });

  it('creates a reviewer of two territories', async () => {
    const r = await run([
      'add',
      '--login',
      'elu',
      '--role',
      'reviewer',
      '--territory',
      'departement:18',
      '--territory',
      'epci:200000001',
    ]);
    expect(r.code).toBe(EXIT.ok);
    expect((await run(['list'])).out).toContain(
      'elu\treviewer\telu\tdepartement:18 epci:200000001\n',
    );
  });

  it('refuses with one line and exit code 2: a taken login, a short password, an unknown login', async () => {
    expect(await run(['add', '--login', 'ADMIN', '--role', 'admin'])).toEqual({
      code: EXIT.usage,
      out: '',
      err: 'users add: the login ADMIN is taken\n',
    });
    expect((await run(['add', '--login', 'bob', '--role', 'admin'], 'court')).err).toBe(
      'users: the password must be at least 12 characters\n',
    );
    expect(await findUserByLogin(db.knex, 'bob')).toBeNull();
    expect((await run(['remove', '--login', 'nobody'])).err).toBe(
      'users remove: no account has the login nobody\n',
    );
  });

  it('never prints a refused password', async () => {
    const r = await run(['add', '--login', 'bob', '--role', 'admin'], 'hunter2');
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).not.toContain('hunter2');
  });

  it('refuses bad arguments before opening anything', () => {
    expect(() => parseUsersArgs(['add', '--login', 'x y', '--role', 'admin'])).toThrow(
      UsersUsageError,
    );
    expect(() => parseUsersArgs(['add', '--login', 'p', '--role', 'planner'])).toThrow(
      'users: --login must be 2 to 64 letters',
    );
    expect(() => parseUsersArgs(['add', '--login', 'pl', '--role', 'planner'])).toThrow(
      'a planner needs at least one --territory',
    );
    expect(() => parseUsersArgs(['add', '--login', 'pl', '--role', 'boss'])).toThrow(
      '--role must be one of planner, reviewer, admin',
    );
    expect(() =>
      parseUsersArgs(['add', '--login', 'pl', '--role', 'planner', '--territory', '18']),
    ).toThrow('--territory must be LEVEL:CODE');
    expect(() => parseUsersArgs(['add', '--login', 'pl', '--password', 'x'])).toThrow(/password/);
    expect(() => parseUsersArgs(['grant'])).toThrow('unknown action "grant"');
  });

  it('sets a new password and lifts the lock-out; keeps the last admin', async () => {
    await db
      .knex('login_throttle')
      .insert({ login_key: 'admin', failures: 9, locked_until: new Date(Date.now() + 60_000) });
    expect(
      (await run(['set-password', '--login', 'admin'], 'une autre phrase de passe')).code,
    ).toBe(EXIT.ok);
    const stored = await findUserByLogin(db.knex, 'admin');
    expect(await verifyPassword(stored!.passwordHash, 'une autre phrase de passe')).toBe(true);
    expect(await db.knex('login_throttle').where({ login_key: 'admin' })).toEqual([]);
    expect((await run(['remove', '--login', 'admin'])).err).toBe(
      'users remove: admin is the last admin who can sign in; add another first\n',
    );
    expect((await run(['remove', '--login', 'elu'])).code).toBe(EXIT.ok);
  });
});
