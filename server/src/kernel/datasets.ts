import type { Knex } from 'knex';
import type { z } from 'zod';
import type { dataset } from '../../../contract';

/**
 * The provenance records of every row (table `dataset`): every loader writes its own, every
 * answer names those its figures come from.
 */

/** Provenance of one dataset, as stored and as served. */
export type Dataset = z.output<typeof dataset>;

export type NewDataset = Omit<Dataset, 'id' | 'importedAt'>;

/** Every demo dataset key starts with this; reloading the demo replaces all of them. */
export const DEMO_KEY_PREFIX = 'demo:';

/**
 * True when the user removed the demo and has not loaded it again since (migration 016): a
 * server that loads the demo into an empty database does not bring it back by itself.
 */
export async function demoWasRemoved(knex: Knex): Promise<boolean> {
  return (await knex('demo_removal').first('removed_at')) !== undefined;
}

export async function listDatasets(knex: Knex): Promise<Dataset[]> {
  const rows = await knex('dataset').select('*').orderBy('id');
  return rows.map(toDataset);
}

/** The datasets among `ids`, in id order: an answer's `datasets`. */
export async function datasetsAmong(knex: Knex, ids: Iterable<number>): Promise<Dataset[]> {
  const wanted = new Set(ids);
  return (await listDatasets(knex)).filter((d) => wanted.has(d.id));
}

/** Insert or replace a dataset by key; returns its id. Call inside the import's transaction. */
export async function upsertDataset(trx: Knex, d: NewDataset): Promise<number> {
  const row = {
    key: d.key,
    kind: d.kind,
    name: d.name,
    source: d.source,
    source_url: d.sourceUrl,
    licence: d.licence,
    vintage: d.vintage,
    fictional: d.fictional,
    file_name: d.fileName,
    checksum: d.checksum,
    row_counts: JSON.stringify(d.rowCounts),
    imported_at: trx.fn.now(),
  };
  const [{ id }] = await trx('dataset').insert(row).onConflict('key').merge().returning('id');
  return id;
}

export async function setRowCounts(trx: Knex, id: number, rowCounts: Record<string, number>) {
  await trx('dataset')
    .where({ id })
    .update({ row_counts: JSON.stringify(rowCounts) });
}

function toDataset(r: Record<string, unknown>): Dataset {
  return {
    id: r.id as number,
    key: r.key as string,
    kind: r.kind as string,
    name: r.name as string,
    source: r.source as string,
    sourceUrl: (r.source_url as string | null) ?? null,
    licence: r.licence as string,
    vintage: r.vintage as string,
    fictional: r.fictional as boolean,
    fileName: (r.file_name as string | null) ?? null,
    checksum: (r.checksum as string | null) ?? null,
    importedAt: new Date(r.imported_at as string).toISOString(),
    rowCounts: r.row_counts as Record<string, number>,
  };
}

/**
 * Removes every dataset whose key starts with `prefix` (the demo's `demo:`), and with them
 * every row they provided (foreign keys cascade). Call inside a transaction.
 */
export async function removeDatasetsByKeyPrefix(trx: Knex, prefix: string): Promise<number> {
  const escaped = prefix.replace(/[\\%_]/g, (c) => `\\${c}`);
  return trx('dataset').where('key', 'like', `${escaped}%`).delete();
}
