import type { Knex } from 'knex';

/**
 * Another instance holding a transaction-level advisory lock, as the render-ahead and the gap
 * zones take them (`pg_try_advisory_xact_lock(hashtext(name))`): taken when this resolves, given
 * back by `release`, which ends the holder's transaction.
 */
export async function holdAdvisoryLock(
  knex: Knex,
  name: string,
): Promise<{ release: () => Promise<void> }> {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let held: (taken: boolean) => void = () => {};
  const holding = new Promise<boolean>((resolve) => (held = resolve));
  const holder = knex.transaction(async (trx) => {
    const { rows } = await trx.raw<{ rows: { taken: boolean }[] }>(
      'SELECT pg_try_advisory_xact_lock(hashtext(?)) AS taken',
      [name],
    );
    held(rows[0].taken);
    await released;
  });
  if (!(await holding)) {
    release();
    await holder;
    throw new Error(`The advisory lock ${name} is held by another session`);
  }
  return {
    release: async () => {
      release();
      await holder;
    },
  };
}
