import { hash, verify } from '@node-rs/argon2';

/**
 * Passwords are kept as argon2id hashes (memory-hard: a stolen table is slow to guess on any
 * hardware). The library's defaults are OWASP's minimum: 19 MiB, 2 passes, 1 lane; the PHC
 * string keeps the salt and parameters, so stronger settings later still verify old hashes.
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** Whether `password` matches `passwordHash`; false (never an error) for a malformed hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * A hash of no one's password, verified when a login does not exist so that the answer takes as
 * long as for a wrong password (timing tells nothing either).
 */
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  decoy ??= hash('no account has this password, it only takes the time of one');
  return decoy;
}
