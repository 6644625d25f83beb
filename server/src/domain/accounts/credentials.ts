/**
 * How long wrong passwords lock a login out. Pure: the accounts feature stores the counters and
 * reads the clock. (What a login and a password must be is the contract's: contract/accounts.ts.)
 */

/** Wrong passwords accepted in a row before a login is locked out. */
export const FREE_FAILURES = 5;
/** The first lock-out; each further failure doubles it, up to the longest. */
export const FIRST_LOCK_S = 30;
export const LONGEST_LOCK_S = 15 * 60;

/**
 * The lock-out after the `failures`-th wrong password in a row, in seconds (0: none yet). From
 * the fifth, 30 s, 1 min, 2 min… up to 15 min: a person who mistyped waits little, a guesser
 * gets about a hundred tries a day per login.
 */
export function lockoutAfter_s(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(LONGEST_LOCK_S, FIRST_LOCK_S * 2 ** (failures - FREE_FAILURES));
}

/** The key throttling counts a login under: the same for every case it is typed in. */
export function loginKey(login: string): string {
  return login.trim().toLowerCase();
}
