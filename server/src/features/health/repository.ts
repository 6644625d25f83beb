import type { Knex } from 'knex';
import type { Health } from '../../../../contract';

export type LoadedTerritory = Health['territories'][number];

/** The départements loaded, with their commune and EPCI counts and whether they are fictional. */
export async function listLoadedTerritories(knex: Knex): Promise<LoadedTerritory[]> {
  const { rows } = await knex.raw(`
    SELECT d.code, d.name, ds.fictional,
           count(c.code)::int AS communes,
           count(DISTINCT c.epci_code)::int AS epcis
    FROM departement d
    JOIN dataset ds ON ds.id = d.dataset_id
    LEFT JOIN commune c ON c.departement_code = d.code
    GROUP BY d.code, d.name, ds.fictional
    ORDER BY d.code`);
  return rows.map((r: Record<string, unknown>) => ({
    departementCode: r.code as string,
    name: r.name as string,
    fictional: r.fictional as boolean,
    communes: r.communes as number,
    epcis: r.epcis as number,
  }));
}
