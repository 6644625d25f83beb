/**
 * `npm run berceau -- users add|list|set-password|remove`: accounts from the command line, first
 * of all the first admin. Passwords are read from stdin (piped), or typed without echo in a
 * terminal; never taken on the command line (it would stay in the shell history and `ps`).
 */
import { parseArgs } from 'node:util';
import type { z } from 'zod';
import {
  login as loginSchema,
  password as passwordSchema,
  role as roleSchema,
  territoryScope,
} from '../../../../contract';
import { loginKey, type Role, type TerritoryScope } from '../../domain/accounts';
import { DomainError } from '../../domain/errors';
import type { Database } from '../../db/database';
import { EXIT } from '../../exit-codes';
import {
  createUser,
  findUserByLogin,
  listUsers,
  otherActiveAdmins,
  removeUser,
  updateUser,
} from './users';

export const USERS_USAGE = `  users add --login L --role admin|planner|reviewer [--name N] [--territory LEVEL:CODE ...]
                 create an account; the password is read from stdin or typed (not shown);
                 planners and reviewers need --territory departement:18, epci:…, ept:…, commune:…
  users list     the accounts: login, role, name, territories, disabled
  users set-password --login L
                 set a new password (stdin or typed); the account's sessions end, its lock-out too
  users remove --login L
                 remove an account and end its sessions (not the last admin)`;

export class UsersUsageError extends Error {}

export type UsersCommand =
  | { action: 'list' }
  | { action: 'set-password' | 'remove'; login: string }
  | {
      action: 'add';
      login: string;
      role: Role;
      name: string | undefined;
      territories: TerritoryScope[];
    };

export interface UsersIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The password: stdin's first line, or typed twice without echo in a terminal. */
  readPassword(): Promise<string>;
}

function check<S extends z.ZodType>(
  schema: S,
  value: unknown,
  option: string,
  secret = false,
): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success && secret) {
    throw new UsersUsageError(`users: ${option} ${result.error.issues[0].message}`);
  }
  if (!result.success) {
    throw new UsersUsageError(
      `users: ${option} ${result.error.issues[0].message} (got ${JSON.stringify(value)})`,
    );
  }
  return result.data;
}

function territory(text: string): TerritoryScope {
  const [level, code, ...rest] = text.split(':');
  if (code === undefined || rest.length > 0) {
    throw new UsersUsageError(
      `users: --territory must be LEVEL:CODE such as departement:18 (got "${text}")`,
    );
  }
  return check(territoryScope, { level, code }, '--territory');
}

/** Parse `users …` arguments; usage errors before any database is opened. */
export function parseUsersArgs(argv: string[]): UsersCommand {
  const [action, ...rest] = argv;
  if (!['add', 'list', 'set-password', 'remove'].includes(action ?? '')) {
    throw new UsersUsageError(
      `users: unknown action "${action ?? ''}" (add, list, set-password or remove)`,
    );
  }
  const { values } = parseArgs({
    args: rest,
    allowPositionals: false,
    options: {
      login: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      territory: { type: 'string', multiple: true },
    },
  });
  if (action === 'list') return { action };
  if (!values.login) throw new UsersUsageError(`users ${action}: --login is required`);
  const login = check(loginSchema, values.login, '--login');
  if (action !== 'add') return { action: action as 'set-password' | 'remove', login };
  if (!values.role)
    throw new UsersUsageError('users add: --role is required (admin, planner or reviewer)');
  const role = check(roleSchema, values.role, '--role');
  const territories = (values.territory ?? []).map(territory);
  if (role !== 'admin' && territories.length === 0) {
    throw new UsersUsageError(
      `users add: a ${role} needs at least one --territory, e.g. departement:18`,
    );
  }
  return { action: 'add', login, role, name: values.name, territories };
}

/** Run a parsed `users` command on `db`; returns the exit code. */
export async function usersCommand(
  db: Database,
  command: UsersCommand,
  io: UsersIo,
): Promise<number> {
  const refuse = (message: string) => {
    io.stderr(`${message}\n`);
    return EXIT.usage;
  };
  try {
    if (command.action === 'list') {
      const users = await listUsers(db.knex);
      if (users.length === 0)
        io.stdout('No account yet: create the first admin with users add --role admin\n');
      for (const u of users) {
        const places =
          u.role === 'admin'
            ? 'everywhere'
            : u.territories.map((t) => `${t.level}:${t.code}`).join(' ');
        io.stdout(
          `${u.login}\t${u.role}\t${u.displayName}\t${places}${u.disabled ? '\tdisabled' : ''}\n`,
        );
      }
      return EXIT.ok;
    }
    const existing = await findUserByLogin(db.knex, command.login);
    if (command.action === 'add') {
      if (existing) return refuse(`users add: the login ${command.login} is taken`);
      const password = check(passwordSchema, await io.readPassword(), 'the password', true);
      await createUser(db.knex, {
        login: command.login,
        displayName: command.name,
        role: command.role,
        territories: command.territories,
        password,
      });
      io.stdout(`Created ${command.role} ${command.login} (${db.mode})\n`);
      return EXIT.ok;
    }
    if (!existing)
      return refuse(`users ${command.action}: no account has the login ${command.login}`);
    if (command.action === 'set-password') {
      const password = check(passwordSchema, await io.readPassword(), 'the password', true);
      await updateUser(db.knex, existing.id, { password });
      await db
        .knex('login_throttle')
        .where({ login_key: loginKey(existing.login) })
        .delete();
      io.stdout(`New password for ${existing.login}; its sessions ended\n`);
      return EXIT.ok;
    }
    if (existing.role === 'admin' && (await otherActiveAdmins(db.knex, existing.id)) === 0) {
      return refuse(
        `users remove: ${existing.login} is the last admin who can sign in; add another first`,
      );
    }
    await removeUser(db.knex, existing.id);
    io.stdout(`Removed ${existing.login}\n`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UsersUsageError) return refuse(error.message);
    if (error instanceof DomainError) return refuse(`users ${command.action}: ${error.message}`);
    throw error;
  }
}

/**
 * The password from stdin: typed twice without echo when stdin is a terminal, else the first
 * line of what is piped (`printf '%s\n' "$PASSWORD" | npm run berceau -- users add …`).
 */
export async function readPasswordFromStdin(): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
  }
  const first = await typeHidden('Password: ');
  const second = await typeHidden('Password again: ');
  if (first !== second)
    throw new UsersUsageError('users: the two passwords differ; nothing was changed');
  return first;
}

/** One line typed in the terminal, not echoed. */
function typeHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    let typed = '';
    const onData = (data: Buffer) => {
      for (const ch of data.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          finish();
          return resolve(typed);
        }
        if (ch === '\u0003') {
          finish();
          return reject(new UsersUsageError('users: interrupted; nothing was changed'));
        }
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    stdin.on('data', onData);
  });
}
