import type { Knex } from 'knex';
import { loadQuery } from './sql';

/**
 * Fingerprints of the loaded data (sql/queries/data_versions.sql), for what is kept in memory
 * between requests, the routing graph (features/travel) and the encoded tiles (features/tiles),
 * and for the territory list's ETag (features/coverage/routes.ts).
 */
export interface DataVersions {
  /** Fingerprint of the road network: road datasets and edge ids. */
  network: string;
  /** Fingerprint of every dataset: facilities, population, boundaries and roads. */
  data: string;
}

export async function fetchDataVersions(knex: Knex): Promise<DataVersions> {
  const { rows } = await knex.raw(loadQuery('data_versions'));
  return { network: rows[0].network, data: rows[0].data };
}
