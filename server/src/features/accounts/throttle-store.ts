import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import type { Knex } from 'knex';
import { loadQuery } from '../../db/sql';

/**
 * express-rate-limit's counter of refused sign-ins per client address, kept in the database
 * (`sign_in_throttle`, migration 019) rather than in one process's memory: every API process on
 * the database throttles an address alike, and a restart forgets nothing.
 */
export class DatabaseThrottleStore implements Store {
  localKeys = false;
  prefix = 'sign-in:';
  private windowMs = 15 * 60 * 1000;

  constructor(private readonly knex: Knex) {}

  init(options: Options) {
    this.windowMs = options.windowMs;
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const row = await this.knex('sign_in_throttle')
      .where({ address_key: this.prefix + key })
      .where('reset_at', '>', this.knex.fn.now())
      .first('hits', 'reset_at');
    return row ? { totalHits: row.hits, resetTime: new Date(row.reset_at) } : undefined;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const { rows } = await this.knex.raw(loadQuery('accounts/sign_in_throttle_hit'), {
      key: this.prefix + key,
      window_ms: this.windowMs,
    });
    // Windows long over are clutter only: cleared now and then, by whichever process counts.
    if (Math.random() < 0.01) {
      await this.knex('sign_in_throttle').where('reset_at', '<', this.knex.fn.now()).delete();
    }
    return { totalHits: rows[0].hits, resetTime: new Date(rows[0].reset_at) };
  }

  async decrement(key: string): Promise<void> {
    await this.knex('sign_in_throttle')
      .where({ address_key: this.prefix + key })
      .where('hits', '>', 0)
      .decrement('hits', 1);
  }

  async resetKey(key: string): Promise<void> {
    await this.knex('sign_in_throttle')
      .where({ address_key: this.prefix + key })
      .delete();
  }

  async resetAll(): Promise<void> {
    await this.knex('sign_in_throttle').delete();
  }
}
